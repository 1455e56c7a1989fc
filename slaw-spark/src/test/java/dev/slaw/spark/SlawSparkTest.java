package dev.slaw.spark;

import dev.slaw.cli.Main;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap and the law search on Spark in local[2] mode against slaw's own. */
class SlawSparkTest {
    /** The Epoch AI replication's table, as the CLI's documentation uses it. */
    private static final String DATA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();
    private static final List<String> BOOTSTRAP = List.of("bootstrap", DATA, "--law", "chinchilla", "--map",
            "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--seed", "0", "--json");

    /**
     * A law search over three variables: 210 candidates for N, D and r within 8 parameters;
     * 196 grammar candidates and the 4 catalogue laws make 200.
     */
    private static final List<String> DISCOVER = List.of("discover",
            Path.of("..", "examples", "mixtures", "dcpt-domain.csv").toString(), "--target", "domain_loss", "--vars",
            "N,D,r", "--seed", "0", "--json");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("slaw-spark test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran cli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(code, out.toString(), err.toString());
    }

    private static Ran onSpark(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlawSpark.run(spark, args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(code, out.toString(), err.toString());
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** The JSON without the wall times and the time of the fit, which differ from run to run. */
    private static String timeless(String json) {
        return json.replaceAll("(?m)^\\s*\"(elapsed_ms|created|seconds)\" : .*$\\n", "");
    }

    @Test
    void fourThousandReplicatesGiveTheCliJsonWhateverThePartitioning(@TempDir Path dir) throws Exception {
        List<String> args = with(BOOTSTRAP, "--replicates", "4000");
        Ran local = cli(args);
        assertThat(local.code()).as(local.err()).isZero();
        Ran spread = onSpark(with(args, "--partitions", "7", "--out", dir.toString()));
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(timeless(spread.out())).isEqualTo(timeless(local.out()));
        assertThat(local.out()).contains("\"successful\" : ");

        // the saved bootstrap, and one Parquet row per replicate with the parameters as columns
        assertThat(Files.readString(dir.resolve("bootstrap.json"))).contains("\"replicates\" : [");
        List<Row> rows = spark.read().parquet(dir.resolve("replicates.parquet").toString()).orderBy("replicate")
                .collectAsList();
        assertThat(rows).hasSize(4000);
        assertThat(rows.get(0).schema().fieldNames()).containsExactly("replicate", "E", "A", "alpha", "B", "beta",
                "failure");
        assertThat(rows.get(3999).getInt(0)).isEqualTo(3999);
    }

    @Test
    void fewReplicatesCutOtherwiseGiveTheSameJson() {
        List<String> args = with(BOOTSTRAP, "--replicates", "60");
        Ran one = onSpark(with(args, "--partitions", "1"));
        Ran many = onSpark(with(args, "--partitions", "13"));
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(timeless(many.out())).isEqualTo(timeless(one.out()));
    }

    @Test
    void twoHundredCandidatesGiveTheCliRanking(@TempDir Path dir) throws Exception {
        List<String> args = with(DISCOVER, "--max-candidates", "196");
        Ran local = cli(with(args, "--out", dir.resolve("cli.json").toString()));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.err()).contains("200 candidates (210 proposed)");
        Ran spread = onSpark(with(args, "--partitions", "7", "--out", dir.resolve("spark.json").toString()));
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(timeless(spread.out())).isEqualTo(timeless(local.out()));
        assertThat(spread.out()).contains("\"evaluated\" : 200,");
        // the winner's fit, saved as slaw discover --out saves it
        assertThat(timeless(Files.readString(dir.resolve("spark.json"))))
                .isEqualTo(timeless(Files.readString(dir.resolve("cli.json"))));
    }

    @Test
    void aSearchGivesOneRankingWhateverThePartitioning() {
        List<String> args = with(DISCOVER, "--max-candidates", "8");
        Ran local = cli(args);
        Ran each = onSpark(args);
        Ran one = onSpark(with(args, "--partitions", "1"));
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(timeless(each.out())).isEqualTo(timeless(local.out()));
        assertThat(timeless(one.out())).isEqualTo(timeless(local.out()));
    }

    /**
     * 300 tasks of 6 model sizes each, loss = E + A (N/1e6)^-alpha with each task's own E, A and
     * alpha and 0.2% noise (seeded): many small groups, as a benchmark suite's tasks are.
     */
    private static Path manyGroups(Path dir, int groups) throws Exception {
        java.util.Random random = new java.util.Random(1);
        StringBuilder csv = new StringBuilder("task,N,loss\n");
        for (int g = 0; g < groups; g++) {
            double e = 1.5 + random.nextDouble();
            double a = 5 + 10 * random.nextDouble();
            double alpha = 0.2 + 0.3 * random.nextDouble();
            for (double n : new double[]{1e7, 3e7, 1e8, 3e8, 1e9, 3e9}) {
                double loss = (e + a * Math.pow(n / 1e6, -alpha)) * (1 + 0.002 * random.nextGaussian());
                csv.append(String.format(java.util.Locale.ROOT, "t%03d,%.0f,%.6f%n", g, n, loss));
            }
        }
        Path file = dir.resolve("tasks.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void threeHundredGroupsGiveTheCliGroupedFit(@TempDir Path dir) throws Exception {
        List<String> args = List.of("fit", manyGroups(dir, 300).toString(), "--law", "E + A*(N/1e6)^-alpha", "--group",
                "task", "--json");
        Ran local = cli(with(args, "--out", dir.resolve("cli.json").toString()));
        assertThat(local.code()).as(local.err()).isZero();
        Path spread = dir.resolve("spark");
        Ran onSpark = onSpark(with(args, "--partitions", "7", "--out", spread.toString()));
        assertThat(onSpark.code()).as(onSpark.err()).isZero();
        assertThat(timeless(onSpark.out())).isEqualTo(timeless(local.out()));
        assertThat(timeless(Files.readString(spread.resolve("fit.json"))))
                .isEqualTo(timeless(Files.readString(dir.resolve("cli.json"))));

        // one Parquet row per group, its parameters as columns
        List<Row> rows = spark.read().parquet(spread.resolve("fits.parquet").toString()).orderBy("task").collectAsList();
        assertThat(rows).hasSize(300);
        assertThat(rows.get(0).schema().fieldNames()).containsExactly("task", "E", "A", "alpha", "rows", "r_squared",
                "converged");
        assertThat(rows.get(299).getString(0)).isEqualTo("t299");
        assertThat(rows.get(299).getInt(4)).isEqualTo(6);
        assertThat(local.out()).contains("\"group\" : \"t299\"");
    }

    @Test
    void groupedFitsRefuseWhatIsNotManyFits(@TempDir Path dir) throws Exception {
        String data = manyGroups(dir, 3).toString();
        Ran one = onSpark(List.of("fit", data, "--law", "E + A*(N/1e6)^-alpha"));
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("--group COLUMN");
        Ran joint = onSpark(List.of("fit", data, "--law", "E + A*(N/1e6)^-alpha", "--group", "task", "--shared", "alpha"));
        assertThat(joint.code()).isEqualTo(2);
        assertThat(joint.err()).contains("--shared");
        // a group with too few rows: the CLI's message and exit code
        List<String> few = List.of("fit", data, "--law", "E + A*(N/1e6)^-alpha", "--group", "task", "--where", "N < 5e7");
        Ran local = cli(few);
        Ran spread = onSpark(few);
        assertThat(local.code()).isEqualTo(2);
        assertThat(spread.code()).isEqualTo(2);
        assertThat(spread.err()).isEqualTo(local.err());
    }

    /** The OLMo ladder's 25 runs: 5 model sizes, 24 distinct token counts. */
    private static final String LADDER = Path.of("..", "examples", "olmo-ladder", "final_c4_losses.csv").toString();

    @Test
    void aRolloutOfTwentyFourRungsGivesTheCliJson() {
        List<String> args = List.of("validate", LADDER, "--law", "chinchilla", "--rollout", "D", "--json");
        Ran local = cli(args);
        assertThat(local.code()).as(local.err()).isZero();
        Ran spread = onSpark(with(args, "--partitions", "5"));
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(spread.out()).isEqualTo(local.out());
        assertThat(spread.err()).isEqualTo(local.err());
        assertThat(local.out().split("\"fitted_scales\"", -1)).hasSize(25);
        Ran holdout = onSpark(List.of("validate", LADDER, "--law", "chinchilla", "--holdout", "N > 1e9"));
        assertThat(holdout.code()).isEqualTo(2);
        assertThat(holdout.err()).contains("--rollout");
    }

    @Test
    void aSensitivitySweepGivesTheCliJson() {
        List<String> args = List.of("sensitivity", LADDER, "--law", "chinchilla", "--at", "N=70e9,D=1.4e12", "--json");
        Ran local = cli(args);
        assertThat(local.code()).as(local.err()).isZero();
        Ran spread = onSpark(args);
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(timeless(spread.out())).isEqualTo(timeless(local.out()));
        assertThat(spread.err()).isEqualTo(local.err());
        Ran grouped = onSpark(with(args, "--group", "size"));
        assertThat(grouped.code()).isEqualTo(2);
        assertThat(grouped.err()).contains("--only size=VALUE");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Ran missing = onSpark(List.of("bootstrap", "no-such-file.csv", "--law", "chinchilla"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("no-such-file.csv");
        Ran partitions = onSpark(with(BOOTSTRAP, "--partitions", "0"));
        assertThat(partitions.code()).isEqualTo(2);
        assertThat(partitions.err()).contains("--partitions");
        Ran verb = onSpark(List.of("predict", DATA));
        assertThat(verb.code()).isEqualTo(2);
        assertThat(verb.err()).contains("bootstrap, fit, discover, sensitivity, validate");
        Ran along = onSpark(with(DISCOVER, "--extrapolate", "step"));
        assertThat(along.code()).isEqualTo(2);
        assertThat(along.err().strip()).doesNotContain("\n").contains("--extrapolate step");
    }

    @Test
    void rangesCoverEveryReplicateOnce() {
        List<int[]> r = SlawSpark.ranges(10, 4);
        assertThat(r).extracting(a -> a[0]).containsExactly(0, 2, 5, 7);
        assertThat(r).extracting(a -> a[1]).containsExactly(2, 5, 7, 10);
        assertThat(SlawSpark.ranges(3, 8)).hasSize(3);
    }
}
