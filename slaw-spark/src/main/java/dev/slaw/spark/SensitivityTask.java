package dev.slaw.spark;

import dev.slaw.cli.SensitivityCommand;
import dev.slaw.io.fit.FitJson;
import dev.slaw.uncertainty.SensitivitySweep;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sensitivity sweep as a value a Spark executor can rebuild: the command's arguments and its
 * data, shipped with {@code SparkContext.addFile} when it is a file. An executor parses the
 * arguments as {@code slaw sensitivity} does, builds the same choices and fits those it is given
 * with {@link SensitivitySweep#fitChoice}, the function {@code slaw sensitivity} calls per choice;
 * the driver turns each fit into its outcome (prediction, allocation) as the CLI does.
 *
 * @param args    the arguments after the verb, as the CLI reads them
 * @param source  the {@code DATA} argument
 * @param shipped the name of the shipped data file, or null when {@code DATA} is read as given
 */
record SensitivityTask(String[] args, String source, String shipped) implements Serializable {

    /** One planned sweep per task and executor JVM. */
    private static final Map<SensitivityTask, SensitivityCommand.Planned> PLANS = new ConcurrentHashMap<>();

    /**
     * One choice fitted, as plain values: the rows kept, the fit document (null when the choice
     * could not be fitted) and why not.
     */
    record Fitted(int index, int rows, String fit, String failure) implements Serializable {
    }

    /** Lets executors in the driver's JVM (local mode) use the driver's plan. */
    void plannedBy(SensitivityCommand.Planned driverPlan) {
        PLANS.putIfAbsent(this, driverPlan);
    }

    Fitted fit(int index) {
        SensitivityCommand.Planned plan = PLANS.computeIfAbsent(this, SensitivityTask::plan);
        SensitivitySweep.Fitted f = SensitivitySweep.fitChoice(plan.sweep().choices().get(index), plan.prepared().data(),
                plan.prepared().target());
        return new Fitted(index, f.rows(), f.fit() == null ? null : FitJson.write(f.fit()), f.failure());
    }

    private SensitivityCommand.Planned plan() {
        SensitivityCommand command = new SensitivityCommand(p -> {
            throw new IllegalStateException("an executor plans a sweep, never runs one");
        });
        new CommandLine(command).parseArgs(SlawSpark.located(args, source, shipped));
        try {
            return command.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each choice a Spark task (or {@code partitions} tasks), the fits read back in the choices' order. */
    static SensitivitySweep.ChoiceFits fitter(JavaSparkContext jsc, SensitivityCommand.Planned plan, String[] args,
                                              int partitions) {
        return (choices, data, target, progress) -> {
            SensitivityTask task = new SensitivityTask(args, plan.source(), SlawSpark.ship(jsc, plan.source()));
            task.plannedBy(plan);
            int n = choices.size();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                indices.add(i);
            }
            int cut = Math.max(1, Math.min(n, partitions > 0 ? partitions : n));
            SensitivitySweep.Fitted[] out = new SensitivitySweep.Fitted[n];
            for (Fitted f : jsc.parallelize(indices, cut).map(task::fit).collect()) {
                out[f.index()] = new SensitivitySweep.Fitted(f.rows(),
                        f.fit() == null ? null : SlawSpark.readFit(f.fit(), "choice " + (f.index() + 1), data.source()),
                        f.failure());
            }
            progress.advanced(n, n);
            return Arrays.asList(out);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensitivityTask t && Arrays.equals(args, t.args) && Objects.equals(source, t.source)
                && Objects.equals(shipped, t.shipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(args) * 31 + Objects.hash(source, shipped);
    }
}
