package dev.slaw.spark;

import dev.slaw.cli.BootstrapCommand;
import dev.slaw.cli.DiscoverCommand;
import dev.slaw.cli.Main;
import dev.slaw.law.Parameter;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.ProgressListener;
import dev.slaw.uncertainty.ReplicateFailure;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spark-submit --class dev.slaw.spark.SlawSpark slaw-spark.jar bootstrap|discover DATA ...}:
 * slaw's bootstrap with its replicates refitted as a Spark job, or its law search with each
 * candidate a Spark task. The options are the CLI's, parsed, checked and answered by the CLI's
 * own command (the same JSON and text); slaw-spark's own:
 *
 * <ul>
 *   <li>{@code --out DIR} (bootstrap): a folder for {@code bootstrap.json} (what {@code slaw
 *       bootstrap --out} saves) and {@code replicates.parquet} (one row per replicate: its
 *       number, its parameters as columns, and why it failed when it did); discover's
 *       {@code --out FILE} is the CLI's;</li>
 *   <li>{@code --partitions N}: how many index ranges the replicates are cut into (default: four
 *       per core Spark has), or how many tasks the candidates are dealt into (default: one per
 *       candidate). The result does not depend on it.</li>
 * </ul>
 */
public final class SlawSpark {
    private SlawSpark() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        SparkSession spark = SparkSession.builder().appName("slaw " + String.join(" ", args)).getOrCreate();
        // Spark logs each task at INFO: slaw's output would drown in it
        spark.sparkContext().setLogLevel("WARN");
        try {
            code = run(spark, args, out, err);
        } finally {
            spark.stop();
        }
        out.flush();
        System.exit(code);
    }

    /** Runs one command on the given session; returns the CLI's exit code. */
    public static int run(SparkSession spark, String[] args, PrintWriter out, PrintWriter err) {
        String verb = args.length == 0 ? "" : args[0];
        if (!VERBS.contains(verb)) {
            err.println("slaw-spark: give a command: " + String.join(", ", VERBS) + " (got "
                    + (args.length == 0 ? "nothing" : verb) + ")");
            return Main.BAD_INPUT;
        }
        // --out is slaw-spark's folder for bootstrap (JSON and Parquet); the CLI's winner file for discover
        boolean outIsFolder = verb.equals("bootstrap");
        List<String> cli = new ArrayList<>();
        Path dir = null;
        int partitions = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--partitions") || outIsFolder && a.equals("--out")) {
                if (value == null) {
                    err.println("slaw-spark " + verb + ": " + a + " needs a value");
                    return Main.BAD_INPUT;
                }
                i++;
                if (a.equals("--out")) {
                    dir = Path.of(value);
                    cli.add("--out");
                    cli.add(dir.resolve("bootstrap.json").toString());
                } else {
                    try {
                        partitions = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        partitions = -1;
                    }
                    if (partitions < 1) {
                        err.println("slaw-spark " + verb + ": --partitions must be a whole number of at least 1, got " + value);
                        return Main.BAD_INPUT;
                    }
                }
            } else if (a.startsWith("--partitions=") || outIsFolder && a.startsWith("--out=")) {
                err.println("slaw-spark " + verb + ": write " + a.substring(0, a.indexOf('=')) + " VALUE, without '='");
                return Main.BAD_INPUT;
            } else {
                cli.add(a);
            }
        }
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                err.println("slaw-spark " + verb + ": cannot create --out " + dir + ": " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String[] verbArgs = cli.subList(1, cli.size()).toArray(new String[0]);
        int cut = partitions;
        Object command = switch (verb) {
            case "bootstrap" -> {
                Path parquet = dir == null ? null : dir.resolve("replicates.parquet");
                int ranges = cut > 0 ? cut : 4 * jsc.defaultParallelism();
                yield new BootstrapCommand((plan, progress) -> {
                    BootstrapResult b = bootstrap(jsc, plan, verbArgs, ranges, progress);
                    if (parquet != null) {
                        writeReplicates(spark, b, parquet);
                    }
                    return b;
                });
            }
            case "discover" -> new DiscoverCommand(plan -> DiscoverTask.evaluator(jsc, plan, verbArgs, cut));
            default -> throw new IllegalStateException(verb);
        };
        return Main.run(cli.toArray(new String[0]), command, out, err);
    }

    /** The commands slaw-spark runs. */
    static final List<String> VERBS = List.of("bootstrap", "discover");

    /**
     * Ships {@code DATA} to the executors when it is a file; gives the name they find it under
     * (null when it is not a file: a dataset name, read as given).
     */
    static String ship(JavaSparkContext jsc, String source) {
        Path file = source == null ? null : Path.of(source);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        jsc.addFile(file.toAbsolutePath().toString());
        return file.getFileName().toString();
    }

    /** The arguments with {@code DATA} replaced by the executor's copy of the shipped file. */
    static String[] located(String[] args, String source, String shipped) {
        String[] local = args.clone();
        if (shipped != null) {
            String path = SparkFiles.get(shipped);
            for (int i = 0; i < local.length; i++) {
                if (local[i].equals(source)) {
                    local[i] = path;
                }
            }
        }
        return local;
    }

    /**
     * The bootstrap with its replicates cut into {@code partitions} index ranges, one Spark task
     * each, and put back together in replicate order.
     */
    static BootstrapResult bootstrap(JavaSparkContext jsc, BootstrapCommand.Planned plan, String[] args, int partitions,
                                     ProgressListener progress) {
        long t0 = System.nanoTime();
        int n = plan.options().replicates();
        BootstrapTask task = new BootstrapTask(args, plan.source(), ship(jsc, plan.source()));
        task.plannedBy(plan);
        List<int[]> ranges = ranges(n, partitions);
        List<ReplicateRange> parts = jsc.parallelize(ranges, ranges.size())
                .map(range -> task.run(range[0], range[1])).collect();
        List<Bootstrap.Replicates> replicates = new ArrayList<>();
        for (ReplicateRange part : parts) {
            replicates.add(part.replicates());
        }
        progress.advanced(n, n);
        return Bootstrap.assemble(plan.pointEstimate(), plan.prepared().data(), plan.refit(), plan.options(), replicates,
                (System.nanoTime() - t0) / 1e6);
    }

    /** Replicates 0 to {@code n} as at most {@code partitions} ranges {from, to} of nearly equal size. */
    static List<int[]> ranges(int n, int partitions) {
        int k = Math.max(1, Math.min(partitions, n));
        List<int[]> ranges = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int from = (int) ((long) n * j / k);
            int to = (int) ((long) n * (j + 1) / k);
            if (to > from) {
                ranges.add(new int[]{from, to});
            }
        }
        return ranges;
    }

    /** One row per replicate: its number, its parameters as columns, why it failed (null when it did not). */
    static void writeReplicates(SparkSession spark, BootstrapResult b, Path file) {
        List<Parameter> parameters = b.law().parameters();
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("replicate", DataTypes.IntegerType, false));
        for (Parameter p : parameters) {
            fields.add(DataTypes.createStructField(p.name(), DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField("failure", DataTypes.StringType, true));
        List<Row> rows = new ArrayList<>();
        double[][] values = b.replicateValues();
        int[] numbers = b.replicateNumbers();
        for (int r = 0; r < values.length; r++) {
            Object[] cells = new Object[parameters.size() + 2];
            cells[0] = numbers[r];
            for (int j = 0; j < parameters.size(); j++) {
                cells[j + 1] = values[r][j];
            }
            rows.add(RowFactory.create(cells));
        }
        for (ReplicateFailure f : b.failures()) {
            Object[] cells = new Object[parameters.size() + 2];
            cells[0] = f.replicate();
            cells[cells.length - 1] = f.reason();
            rows.add(RowFactory.create(cells));
        }
        rows.sort((x, y) -> Integer.compare(x.getInt(0), y.getInt(0)));
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(file.toAbsolutePath().toString());
    }

}
