package dev.slaw.spark;

import dev.slaw.cli.BootstrapCommand;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.ProgressListener;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bootstrap as a value a Spark executor can rebuild: the command's arguments (law, options,
 * seed) and its data, which the driver ships with {@code SparkContext.addFile} when it is a
 * file. An executor parses the arguments as {@code slaw bootstrap} does, fits the same point
 * estimate and refits the replicates of its range, each from the stream its index names.
 *
 * @param args     the arguments after the verb, as the CLI reads them
 * @param source   the {@code DATA} argument
 * @param shipped  the name of the shipped data file, or null when {@code DATA} is read as given
 *                 (a dataset name)
 */
record BootstrapTask(String[] args, String source, String shipped) implements Serializable {

    /** One planned bootstrap per task and executor JVM: its partitions share the point fit. */
    private static final Map<BootstrapTask, BootstrapCommand.Planned> PLANS = new ConcurrentHashMap<>();

    /**
     * Lets executors in the driver's JVM (local mode) use the driver's plan: the point fit, which
     * costs as much as hundreds of refits, is then not repeated there.
     */
    void plannedBy(BootstrapCommand.Planned driverPlan) {
        PLANS.putIfAbsent(this, driverPlan);
    }

    /** Refits replicates {@code from} to {@code to}. */
    ReplicateRange run(int from, int to) {
        BootstrapCommand.Planned plan = PLANS.computeIfAbsent(this, BootstrapTask::plan);
        // one thread per task: Spark runs the tasks side by side
        Bootstrap.Replicates r = Bootstrap.replicates(plan.pointEstimate(), plan.prepared().data(), plan.refit(),
                plan.options().withThreads(1), from, to, ProgressListener.NONE);
        return ReplicateRange.of(r);
    }

    private BootstrapCommand.Planned plan() {
        String[] local = SlawSpark.located(args, source, shipped);
        BootstrapCommand command = new BootstrapCommand(BootstrapTask::refuse);
        new CommandLine(command).parseArgs(local);
        try {
            return command.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static dev.slaw.uncertainty.BootstrapResult refuse(BootstrapCommand.Planned plan, ProgressListener p) {
        throw new IllegalStateException("an executor plans a bootstrap, never runs one");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapTask t && java.util.Arrays.equals(args, t.args)
                && java.util.Objects.equals(source, t.source) && java.util.Objects.equals(shipped, t.shipped);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(args) * 31 + java.util.Objects.hash(source, shipped);
    }
}
