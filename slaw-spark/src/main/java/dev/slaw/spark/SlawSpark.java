package dev.slaw.spark;

import dev.slaw.cli.BootstrapCommand;
import dev.slaw.cli.DiscoverCommand;
import dev.slaw.cli.FitCommand;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.GroupFitter;
import dev.slaw.cli.Main;
import dev.slaw.cli.SensitivityCommand;
import dev.slaw.cli.ValidateCommand;
import dev.slaw.io.fit.FitJson;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code spark-submit --class dev.slaw.spark.SlawSpark slaw-spark.jar VERB DATA ...}: slaw's
 * sweeps of many fits as Spark jobs: {@code bootstrap} (replicates in index ranges), {@code fit
 * --group} (groups), {@code validate --rollout} (rungs), {@code sensitivity} (choices) and
 * {@code discover} (candidates). The options are the CLI's, parsed, checked and answered by the
 * CLI's own command (the same JSON and text); slaw-spark's own:
 *
 * <ul>
 *   <li>{@code --out DIR} (bootstrap, fit): a folder, written when the command succeeds, for the
 *       CLI's JSON file ({@code bootstrap.json}, {@code fit.json}) and a Parquet table:
 *       {@code replicates.parquet} (one row per replicate: its number, its parameters as
 *       columns, and why it failed when it did) or {@code fits.parquet} (one row per group's
 *       fit, its parameters as columns); discover's {@code --out FILE} is the CLI's;</li>
 *   <li>{@code --partitions N}: how many tasks the work is dealt into (default: four per core
 *       Spark has for replicates and groups, one per rung, choice or candidate). The result does
 *       not depend on it.</li>
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
        // --out is slaw-spark's folder (JSON and Parquet) for bootstrap and fit; the CLI's winner file for discover
        boolean outIsFolder = verb.equals("bootstrap") || verb.equals("fit");
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
                    cli.add(dir.resolve(verb + ".json").toString());
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
        // the Parquet file is written once the command has succeeded, as the CLI writes its files
        AtomicReference<Runnable> parquet = new AtomicReference<>(() -> { });
        Object command = switch (verb) {
            case "bootstrap" -> {
                int ranges = cut > 0 ? cut : 4 * jsc.defaultParallelism();
                Path file = dir == null ? null : dir.resolve("replicates.parquet");
                yield new BootstrapCommand((plan, progress) -> {
                    BootstrapResult b = bootstrap(jsc, plan, verbArgs, ranges, progress);
                    if (file != null) {
                        parquet.set(() -> writeReplicates(spark, b, file));
                    }
                    return b;
                });
            }
            case "fit" -> {
                Path file = dir == null ? null : dir.resolve("fits.parquet");
                yield new FitCommand(plan -> {
                    GroupFitter.SeparateFits spread = GroupFitTask.fitter(jsc, plan, verbArgs, cut);
                    return (law, data, groupColumn, groups, target, options) -> {
                        Map<String, Fit> fits = spread.fit(law, data, groupColumn, groups, target, options);
                        if (file != null) {
                            parquet.set(() -> writeFits(spark, groupColumn, fits, file));
                        }
                        return fits;
                    };
                });
            }
            case "discover" -> new DiscoverCommand(plan -> DiscoverTask.evaluator(jsc, plan, verbArgs, cut));
            case "sensitivity" -> new SensitivityCommand(plan -> SensitivityTask.fitter(jsc, plan, verbArgs, cut));
            case "validate" -> new ValidateCommand(plan -> RolloutTask.fitter(jsc, plan, verbArgs, cut));
            default -> throw new IllegalStateException(verb);
        };
        int code = Main.run(cli.toArray(new String[0]), command, out, err);
        if (code == 0) {
            parquet.get().run();
        }
        return code;
    }

    /** The commands slaw-spark runs. */
    static final List<String> VERBS = List.of("bootstrap", "fit", "discover", "sensitivity", "validate");

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

    /**
     * A fit an executor sent back as its document, read on the driver. Its provenance names the
     * driver's table ({@code source}, the {@code Dataset.source()} of the rows it was fitted on):
     * on a cluster the executor read the shipped copy under another path.
     */
    static Fit readFit(String json, String what, String source) {
        Fit f = FitJson.read(json, what);
        Provenance p = f.provenance();
        if (p.dataSource().equals(source)) {
            return f;
        }
        return new Fit(f.law(), f.target(), f.parameters(), f.covariance(), f.covarianceMethod(), f.objectiveValue(),
                f.objective(), f.convergence(), f.starts(), f.statistics(),
                p.withData(source, p.fingerprint(), p.columns(), p.notes(), p.ranges(), p.targetRange()), f.warnings());
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

    /**
     * One row per group's fit: the group (as text, in the group column's name), each parameter's
     * value as a column, the rows fitted, R-squared and whether the best start converged.
     */
    static void writeFits(SparkSession spark, String groupColumn, Map<String, Fit> fits, Path file) {
        List<Parameter> parameters = fits.values().iterator().next().law().parameters();
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(groupColumn, DataTypes.StringType, false));
        for (Parameter p : parameters) {
            fields.add(DataTypes.createStructField(p.name(), DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("rows", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("r_squared", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("converged", DataTypes.BooleanType, false));
        List<Row> rows = new ArrayList<>();
        fits.forEach((g, f) -> {
            Object[] cells = new Object[parameters.size() + 4];
            cells[0] = g;
            double[] values = f.values();
            for (int j = 0; j < values.length; j++) {
                cells[j + 1] = values[j];
            }
            double r2 = f.statistics().rSquared();
            cells[parameters.size() + 1] = f.statistics().rows();
            cells[parameters.size() + 2] = Double.isFinite(r2) ? r2 : null;
            cells[parameters.size() + 3] = f.convergence().converged();
            rows.add(RowFactory.create(cells));
        });
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(file.toAbsolutePath().toString());
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
