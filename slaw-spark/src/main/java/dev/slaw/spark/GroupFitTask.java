package dev.slaw.spark;

import dev.slaw.cli.FitCommand;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.GroupFitter;
import dev.slaw.io.fit.FitJson;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fit per group as a value a Spark executor can rebuild: the command's arguments and its data,
 * shipped with {@code SparkContext.addFile} when it is a file. An executor parses the arguments
 * as {@code slaw fit} does, prepares the same law, rows and groups, and fits the groups it is
 * given with {@link GroupFitter#fitGroup}, the function {@code slaw fit --group} calls per group.
 *
 * @param args    the arguments after the verb, as the CLI reads them
 * @param source  the {@code DATA} argument
 * @param shipped the name of the shipped data file, or null when {@code DATA} is read as given
 */
record GroupFitTask(String[] args, String source, String shipped) implements Serializable {

    /** One planned fit per task and executor JVM: its partitions share the table. */
    private static final Map<GroupFitTask, FitCommand.Planned> PLANS = new ConcurrentHashMap<>();

    /**
     * One group's outcome: its fit document, or the failure {@code slaw fit} would stop with.
     *
     * @param group   the group
     * @param fit     the fit document, or null when the fit failed
     * @param refused whether the failure is bad input (exit 2) rather than a failed fit (exit 1)
     * @param failure the message, or null
     */
    record Outcome(String group, String fit, boolean refused, String failure) implements Serializable {
    }

    /** Lets executors in the driver's JVM (local mode) use the driver's plan. */
    void plannedBy(FitCommand.Planned driverPlan) {
        PLANS.putIfAbsent(this, driverPlan);
    }

    Outcome fit(String group) {
        FitCommand.Planned plan = PLANS.computeIfAbsent(this, GroupFitTask::plan);
        FitCommand.FitSettings.Prepared p = plan.prepared();
        try {
            Fit f = GroupFitter.fitGroup(p.law(), p.data(), plan.loaded().group().orElseThrow(), group,
                    plan.groups().get(group), p.target(), p.options());
            return new Outcome(group, FitJson.write(f), false, null);
        } catch (BadInputException e) {
            return new Outcome(group, null, true, e.getMessage());
        } catch (FitFailedException e) {
            return new Outcome(group, null, false, e.getMessage());
        }
    }

    private FitCommand.Planned plan() {
        FitCommand command = new FitCommand(p -> {
            throw new IllegalStateException("an executor plans a fit, never runs one");
        });
        new CommandLine(command).parseArgs(SlawSpark.located(args, source, shipped));
        try {
            return command.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The groups dealt into {@code partitions} Spark tasks (default: four per core Spark has),
     * their fits read back from their documents in group order; the first group that failed, in
     * group order, fails the whole as in {@code slaw fit}.
     */
    static GroupFitter.SeparateFits fitter(JavaSparkContext jsc, FitCommand.Planned plan, String[] args, int partitions) {
        return (law, data, groupColumn, groups, target, options) -> {
            GroupFitTask task = new GroupFitTask(args, plan.source(), SlawSpark.ship(jsc, plan.source()));
            task.plannedBy(plan);
            List<String> names = new ArrayList<>(groups.keySet());
            int cut = Math.max(1, Math.min(names.size(), partitions > 0 ? partitions : 4 * jsc.defaultParallelism()));
            Map<String, Outcome> byGroup = new LinkedHashMap<>();
            for (Outcome o : jsc.parallelize(names, cut).map(task::fit).collect()) {
                byGroup.put(o.group(), o);
            }
            Map<String, Fit> fits = new LinkedHashMap<>();
            for (String g : names) {
                Outcome o = byGroup.get(g);
                if (o.failure() != null) {
                    throw o.refused() ? new BadInputException(o.failure()) : new FitFailedException(o.failure());
                }
                fits.put(g, SlawSpark.readFit(o.fit(), "group " + groupColumn + "=" + g, data.source()));
            }
            return fits;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupFitTask t && Arrays.equals(args, t.args) && Objects.equals(source, t.source)
                && Objects.equals(shipped, t.shipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(args) * 31 + Objects.hash(source, shipped);
    }
}
