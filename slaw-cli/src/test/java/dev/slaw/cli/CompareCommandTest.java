package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slaw compare} on synthetic recipes whose laws are known: the crossover and the multiplier
 * found within their intervals, equal-cost comparison through a throughput column, rankings, the
 * shape flag, and bad input refused in one line with nothing written.
 */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] C = {1e17, 3e17, 1e18, 3e18, 1e19, 3e19, 1e20, 3e20};

    @TempDir
    Path dir;

    /** loss = a C^-alpha times lognormal noise, per recipe; rows "recipe,C,loss,throughput". */
    private static void rows(StringBuilder out, String recipe, double a, double alpha, double throughput,
                             SplittableRandom random) {
        for (double c : C) {
            out.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", recipe, c,
                    a * Math.pow(c, -alpha) * Math.exp(0.004 * random.nextGaussian()), throughput));
        }
    }

    private Path table(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "recipe,C,loss,throughput\n" + body);
        return f;
    }

    @Test
    void findsAKnownCrossoverAndMultiplierWithinTheirIntervals() throws IOException {
        // A steeper: crosses B at exactly 1e19
        double a1 = 60;
        double alpha1 = 0.08;
        double alpha2 = 0.06;
        double a2 = a1 * Math.pow(1e19, alpha2 - alpha1);
        StringBuilder b = new StringBuilder();
        SplittableRandom random = new SplittableRandom(11);
        rows(b, "A", a1, alpha1, 1, random);
        rows(b, "B", a2, alpha2, 1, random);
        Path data = table("two.csv", b.toString());
        Path plot = dir.resolve("compare.png");
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--at", "1e18,1e21", "--replicates", "200", "--plot", plot.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        JsonNode x = root.get("crossover");
        assertThat(x.get("points").get(0).asDouble() / 1e19).isBetween(0.3, 3.0);
        assertThat(x.get("lower").asDouble()).isLessThan(1e19);
        assertThat(x.get("upper").asDouble()).isGreaterThan(1e19);
        assertThat(x.get("overtaker").asText()).isEqualTo("A");
        for (JsonNode g : root.get("gaps")) {
            double s = g.get("scale").asDouble();
            double truth = Math.pow(a2 / (a1 * Math.pow(s, -alpha1)), 1 / alpha2) / s;
            assertThat(truth).isBetween(g.get("multiplier_lower").asDouble(), g.get("multiplier_upper").asDouble());
        }
        assertThat(root.get("verdict").asText()).contains("The laws cross at C = ").contains("95% interval");
        assertThat(Files.size(plot)).isPositive();
    }

    @Test
    void pointLawsThatDoNotCrossWhileMostReplicatesDoLeaveTheCrossoverUnsettled() {
        // Pythia along tokens: the point laws stay apart, but nearly every replicate pair crosses
        FitCommandTest.Result r = run("compare", Path.of("..", "examples", "pythia", "lambada_checkpoints.csv").toString(),
                "--by", "data", "--law", "power-offset", "--map", "x=tokens", "--target", "lambada_ppl",
                "--where", "x > 0", "--replicates", "300");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("The point laws do not cross in [2100000, 3e13], but ",
                " of the bootstrap replicate pairs do: whether they cross there is not settled.")
                .doesNotContain("No crossover in");
    }

    @Test
    void saysNoCrossoverAndComparesTwoTables() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        rows(a, "A", 60, 0.08, 1, random);
        rows(b, "B", 66, 0.08, 1, random);
        Path fa = table("a.csv", a.toString());
        Path fb = table("b.csv", b.toString());
        FitCommandTest.Result r = run("compare", fa.toString(), fb.toString(), "--law", "power", "--map", "x=C",
                "--target", "loss", "--replicates", "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict: At C = ").contains("a.csv is better than b.csv")
                .contains("No crossover in [1e17, 3e22] (bootstrap probability of one there: ");
    }

    @Test
    void comparesTwoSavedBootstrapsAsItComparesTables() throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        rows(a, "A", 60, 0.08, 1, random);
        rows(b, "B", 66, 0.08, 1, random);
        Path fa = table("a.csv", a.toString());
        Path fb = table("b.csv", b.toString());
        Path ba = dir.resolve("a.json");
        Path bb = dir.resolve("b.json");
        for (Path[] pair : new Path[][]{{fa, ba}, {fb, bb}}) {
            FitCommandTest.Result r = run("bootstrap", pair[0].toString(), "--law", "power", "--map", "x=C", "--target",
                    "loss", "--replicates", "100", "--out", pair[1].toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        FitCommandTest.Result r = run("fits", "compare", ba.toString(), bb.toString(), "--range", "1e17,1e22");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("one law per file, 100 bootstrap replicates each")
                .contains("a.json is better than b.json").contains("No crossover in [1e17, 1e22]");
        assertThat(run("fits", "compare", ba.toString(), bb.toString()).code()).isEqualTo(2);
    }

    @Test
    void comparesAtEqualAcceleratorHours() throws IOException {
        // the same law in tokens, but B processes twice the tokens per hour: at equal hours B is
        // ahead and needs half A's hours to match it
        SplittableRandom random = new SplittableRandom(13);
        StringBuilder b = new StringBuilder();
        rows(b, "A", 60, 0.08, 1e6, random);
        rows(b, "B", 60, 0.08, 2e6, random);
        Path data = table("hours.csv", b.toString());
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--throughput", "throughput", "--at", "1e12", "--replicates", "200", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("axis_title").asText()).isEqualTo("accelerator-hours (C / throughput)");
        JsonNode g = root.get("gaps").get(0);
        assertThat(g.get("multiplier").asDouble()).isBetween(0.4, 0.6);
        assertThat(0.5).isBetween(g.get("multiplier_lower").asDouble(), g.get("multiplier_upper").asDouble());
        assertThat(g.get("second_better_share").asDouble()).isGreaterThan(0.95);
    }

    @Test
    void ranksManyRecipesFromTheirSmallScaleFits() throws IOException {
        SplittableRandom random = new SplittableRandom(14);
        StringBuilder b = new StringBuilder();
        double[] scales = {50, 55, 60, 66, 73};
        for (int k = 0; k < scales.length; k++) {
            rows(b, "R" + k, scales[k], 0.08, 1, random);
        }
        Path data = table("many.csv", b.toString());
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--fit-below", "1e20", "--replicates", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode k = JSON.readTree(r.out()).get("ranking");
        assertThat(k.get("pairs").asInt()).isEqualTo(10);
        assertThat(k.get("correct").asDouble()).isEqualTo(1.0);
        assertThat(k.get("lower").asDouble()).isGreaterThan(0.8);
        assertThat(JSON.readTree(r.out()).has("crossover")).isFalse();
    }

    @Test
    void flagsAShapeThatChangesInsideTheData() throws IOException {
        Path fixture = Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv");
        Path copy = dir.resolve("shifted.csv");
        StringBuilder shifted = new StringBuilder("train_set_size,test_cross_entropy,split\n");
        for (String line : Files.readAllLines(fixture).subList(1, 18)) {
            String[] f = line.split(",");
            shifted.append(f[0]).append(',').append(Double.parseDouble(f[1]) * 1.05).append(',').append(f[2]).append('\n');
        }
        Files.writeString(copy, shifted.toString());
        FitCommandTest.Result r = run("compare", fixture.toString(), copy.toString(), "--law", "power-offset", "--map",
                "x=train_set_size", "--target", "test_cross_entropy", "--replicates", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("emergent").contains("Extrapolation unreliable: bnsl_4digit_addition.csv is emergent");
        assertThat(r.err()).contains("extrapolation unreliable");
    }

    @Test
    void readsTwoSavedFitsTrendShapesFromTheirOwnRows() throws IOException {
        // the emergent 4-digit-addition task and a copy 5 % higher, each bootstrapped and saved; the saved fits
        // keep no --map, so the rows (and the column read as x) are found by each fit's fingerprint
        Path fixture = dir.resolve("addition.csv");
        Files.copy(Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv"), fixture);
        Path copy = dir.resolve("shifted.csv");
        StringBuilder shifted = new StringBuilder("train_set_size,test_cross_entropy,split\n");
        for (String line : Files.readAllLines(fixture).subList(1, 18)) {
            String[] f = line.split(",");
            shifted.append(f[0]).append(',').append(Double.parseDouble(f[1]) * 1.05).append(',').append(f[2]).append('\n');
        }
        Files.writeString(copy, shifted.toString());
        Path ba = dir.resolve("a.json");
        Path bb = dir.resolve("b.json");
        for (Path[] pair : new Path[][]{{fixture, ba}, {copy, bb}}) {
            FitCommandTest.Result r = run("bootstrap", pair[0].toString(), "--law", "power-offset", "--map",
                    "x=train_set_size", "--target", "test_cross_entropy", "--replicates", "20", "--out", pair[1].toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        FitCommandTest.Result r = run("fits", "compare", ba.toString(), bb.toString(), "--range", "100,1e4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trend of test_cross_entropy across train_set_size in each recipe's data")
                .contains("Extrapolation unreliable: a.json is emergent").contains("At train_set_size = ");
        FitCommandTest.Result json = run("fits", "compare", ba.toString(), bb.toString(), "--range", "100,1e4", "--json");
        JsonNode shapes = JSON.readTree(json.out()).get("shapes");
        assertThat(shapes).hasSize(2);
        assertThat(shapes.get(1).get("shape").asText()).isEqualTo("emergent");
        assertThat(shapes.get(1).get("changes_inside_data").asBoolean()).isTrue();
        // a table changed since the fit: its rows are not taken for the fit's, and the output says why
        Files.writeString(copy, shifted.toString().replace("\n160,", "\n161,"));
        FitCommandTest.Result changed = run("fits", "compare", ba.toString(), bb.toString(), "--range", "100,1e4");
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("trend shape of b.json not read: ").doesNotContain("b.json is emergent");
    }

    @Test
    void warnsWhenTheAxisDoesNotDetermineTheMetricAndNamesItInTheUsersWords() throws IOException {
        // IsoFLOP rows: five model sizes at each compute, so equal compute does not mean equal loss
        StringBuilder b = new StringBuilder("recipe,flops,N,loss\n");
        SplittableRandom random = new SplittableRandom(16);
        for (String recipe : new String[]{"A", "B"}) {
            double e = recipe.equals("A") ? 1.7 : 1.75;
            for (double c : new double[]{1e18, 1e19, 1e20, 1e21, 1e22}) {
                for (double f : new double[]{0.25, 0.5, 1, 2, 4}) {
                    double n = f * Math.sqrt(c / 120);
                    double loss = (e + 400 / Math.pow(n, 0.34) + 410 / Math.pow(c / (6 * n), 0.28))
                            * Math.exp(0.003 * random.nextGaussian());
                    b.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", recipe, c, n, loss));
                }
            }
        }
        Path data = dir.resolve("iso.csv");
        Files.writeString(data, b.toString());
        // power-offset reads x: the compute column is mapped to it, and the output speaks of flops
        String[] args = {"compare", data.toString(), "--by", "recipe", "--law", "power-offset", "--map", "x=flops",
                "--target", "loss", "--replicates", "50"};
        FitCommandTest.Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        String line = "rows of equal flops differ in N (A at flops = 1e18: N from";
        assertThat(r.err()).contains("warning: " + line);
        assertThat(r.out()).contains("compare loss along flops:").contains("  " + line);
        String[] asJson = java.util.Arrays.copyOf(args, args.length + 1);
        asJson[args.length] = "--json";
        JsonNode root = JSON.readTree(run(asJson).out());
        assertThat(root.get("axis").asText()).isEqualTo("x");
        assertThat(root.get("axis_title").asText()).isEqualTo("flops");
        assertThat(root.get("warnings").get(0).asText()).startsWith(line);
    }

    @Test
    void sharesAnExponentAcrossRecipesInOneJointFit() throws IOException {
        // the same exponent, prefactors 60 and 66: with alpha shared the multiplier is one number at every scale,
        // (66/60)^(1/0.08) = 3.29
        SplittableRandom random = new SplittableRandom(17);
        StringBuilder b = new StringBuilder();
        rows(b, "A", 60, 0.08, 1, random);
        rows(b, "B", 66, 0.08, 1, random);
        Path data = table("shared.csv", b.toString());
        FitCommandTest.Result r = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--shared", "alpha", "--at", "1e17,1e19,1e22", "--replicates", "100", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("shared").get(0).asText()).isEqualTo("alpha");
        double truth = Math.pow(1.1, 1 / 0.08);
        double first = root.get("gaps").get(0).get("multiplier").asDouble();
        for (JsonNode g : root.get("gaps")) {
            assertThat(g.get("multiplier").asDouble()).isCloseTo(first, org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(truth).isBetween(g.get("multiplier_lower").asDouble(), g.get("multiplier_upper").asDouble());
        }
        FitCommandTest.Result text = run("compare", data.toString(), "--by", "recipe", "--law", "power", "--map", "x=C",
                "--target", "loss", "--shared", "alpha", "--replicates", "50");
        assertThat(text.out()).startsWith("compare loss along C: one law per recipe sharing alpha (one joint fit), 50 joint"
                + " bootstrap replicates; lower is better");
    }

    @Test
    void refusesBadInputInOneLineAndWritesNothing() throws IOException {
        StringBuilder b = new StringBuilder();
        rows(b, "A", 60, 0.08, 1, new SplittableRandom(1));
        Path one = table("one.csv", b.toString());
        Path plot = dir.resolve("never.png");
        String[][] cases = {
                {"compare", one.toString(), "--law", "power", "--map", "x=C", "--target", "loss", "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--throughput", "nope", "--plot", plot.toString()},
                {"compare", one.toString(), "--by", "recipe", "--law", "power", "--map", "x=C", "--target", "loss",
                        "--range", "5,1", "--plot", plot.toString()},
                {"compare", one.toString(), one.toString(), "--law", "power", "--map", "x=C", "--target", "loss",
                        "--shared", "alpha", "--plot", plot.toString()},
        };
        for (String[] c : cases) {
            FitCommandTest.Result r = run(c);
            assertThat(r.code()).as(String.join(" ", c) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(plot).doesNotExist();
        }
    }
}
