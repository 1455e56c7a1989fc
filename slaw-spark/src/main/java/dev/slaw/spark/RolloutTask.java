package dev.slaw.spark;

import dev.slaw.cli.ValidateCommand;
import dev.slaw.data.BadInputException;
import dev.slaw.io.fit.FitJson;
import dev.slaw.uncertainty.Rollout;
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
 * A rollout ({@code slaw validate --rollout}) as a value a Spark executor can rebuild: the
 * command's arguments and its data, shipped with {@code SparkContext.addFile} when it is a file.
 * An executor parses the arguments as {@code slaw validate} does and fits the rungs it is given
 * with {@link Rollout#fitRung}, the function the CLI calls per rung; the driver scores the
 * held-out rows as the CLI does.
 *
 * @param args    the arguments after the verb, as the CLI reads them
 * @param source  the {@code DATA} argument
 * @param shipped the name of the shipped data file, or null when {@code DATA} is read as given
 */
record RolloutTask(String[] args, String source, String shipped) implements Serializable {

    /** One planned rollout per task and executor JVM. */
    private static final Map<RolloutTask, ValidateCommand.Planned> PLANS = new ConcurrentHashMap<>();

    /**
     * One rung fitted, as plain values: the fit document (null without a fit), why there is none,
     * and whether that is bad input (which stops the command, exit 2, as in the CLI).
     */
    record Fitted(int k, String fit, String failure, boolean refused) implements Serializable {
    }

    /** Lets executors in the driver's JVM (local mode) use the driver's plan. */
    void plannedBy(ValidateCommand.Planned driverPlan) {
        PLANS.putIfAbsent(this, driverPlan);
    }

    Fitted fit(int k) {
        ValidateCommand.Planned plan = PLANS.computeIfAbsent(this, RolloutTask::plan);
        var p = plan.prepared();
        try {
            Rollout.RungFit f = Rollout.fitRung(p.law(), p.data(), p.target(), plan.column(), p.options(), k);
            return new Fitted(k, f.fit() == null ? null : FitJson.write(f.fit()), f.failure(), false);
        } catch (BadInputException e) {
            return new Fitted(k, null, e.getMessage(), true);
        }
    }

    private ValidateCommand.Planned plan() {
        ValidateCommand command = new ValidateCommand(p -> {
            throw new IllegalStateException("an executor plans a rollout, never runs one");
        });
        new CommandLine(command).parseArgs(SlawSpark.located(args, source, shipped));
        try {
            return command.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each rung a Spark task (or {@code partitions} tasks), the fits read back in rung order. */
    static Rollout.RungFits fitter(JavaSparkContext jsc, ValidateCommand.Planned plan, String[] args, int partitions) {
        return (law, data, target, column, options, ks) -> {
            RolloutTask task = new RolloutTask(args, plan.source(), SlawSpark.ship(jsc, plan.source()));
            task.plannedBy(plan);
            List<Integer> rungs = new ArrayList<>();
            for (int k : ks) {
                rungs.add(k);
            }
            List<Rollout.RungFit> out = new ArrayList<>();
            if (rungs.isEmpty()) {
                return out;
            }
            int cut = Math.max(1, Math.min(rungs.size(), partitions > 0 ? partitions : rungs.size()));
            List<Fitted> fitted = new ArrayList<>(jsc.parallelize(rungs, cut).map(task::fit).collect());
            fitted.sort((a, b) -> Integer.compare(a.k(), b.k()));
            for (Fitted f : fitted) {
                if (f.refused()) {
                    throw new BadInputException(f.failure());
                }
                out.add(new Rollout.RungFit(f.fit() == null ? null : SlawSpark.readFit(f.fit(), "rung " + f.k(), data.source()),
                        f.failure()));
            }
            return out;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RolloutTask t && Arrays.equals(args, t.args) && Objects.equals(source, t.source)
                && Objects.equals(shipped, t.shipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(args) * 31 + Objects.hash(source, shipped);
    }
}
