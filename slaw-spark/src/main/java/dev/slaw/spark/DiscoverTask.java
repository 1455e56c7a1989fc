package dev.slaw.spark;

import dev.slaw.cli.DiscoverCommand;
import dev.slaw.discover.CandidateScore;
import dev.slaw.discover.Search;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A law search as a value a Spark executor can rebuild: the command's arguments and its data,
 * shipped with {@code SparkContext.addFile} when it is a file. An executor parses the arguments
 * as {@code slaw discover} does, enumerates the same candidates and scores those it is given
 * with {@link dev.slaw.discover.CandidateScore#evaluate}, a pure function of (data, candidate,
 * options): where a candidate runs cannot change its score.
 *
 * @param args    the arguments after the verb, as the CLI reads them
 * @param source  the {@code DATA} argument
 * @param shipped the name of the shipped data file, or null when {@code DATA} is read as given
 */
record DiscoverTask(String[] args, String source, String shipped) implements Serializable {

    /** One planned search per task and executor JVM: its partitions share the table and the candidates. */
    private static final Map<DiscoverTask, DiscoverCommand.Planned> PLANS = new ConcurrentHashMap<>();

    /** Lets executors in the driver's JVM (local mode) use the driver's plan. */
    void plannedBy(DiscoverCommand.Planned driverPlan) {
        PLANS.putIfAbsent(this, driverPlan);
    }

    /**
     * Scores candidate {@code index}, or gives null when the clock has passed {@code deadline}
     * (epoch milliseconds: the driver's start plus {@code --time-limit}) before it started.
     */
    ScoredCandidate score(int index, int[] rungs, long deadline) {
        if (System.currentTimeMillis() > deadline) {
            return null;
        }
        DiscoverCommand.Planned plan = PLANS.computeIfAbsent(this, DiscoverTask::plan);
        CandidateScore c = CandidateScore.evaluate(plan.data(), plan.target(), plan.candidates().get(index), index,
                plan.options().extrapolate(), rungs, plan.options().fit());
        return ScoredCandidate.of(c);
    }

    private DiscoverCommand.Planned plan() {
        String[] local = SlawSpark.located(args, source, shipped);
        DiscoverCommand command = new DiscoverCommand(p -> {
            throw new IllegalStateException("an executor plans a search, never runs one");
        });
        new CommandLine(command).parseArgs(local);
        try {
            return command.plan();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Candidates ranked by the search are evaluated where Spark puts them; the search itself stays on the driver. */
    static Search.Evaluator evaluator(org.apache.spark.api.java.JavaSparkContext jsc, DiscoverCommand.Planned plan,
                                      String[] args, int partitions) {
        return (data, target, candidates, rungs, options, progress) -> {
            long deadline = options.timeLimitSeconds() > 0
                    ? System.currentTimeMillis() + (long) (options.timeLimitSeconds() * 1000) : Long.MAX_VALUE;
            DiscoverTask task = new DiscoverTask(args, plan.source(), SlawSpark.ship(jsc, plan.source()));
            task.plannedBy(plan);
            int n = candidates.size();
            java.util.List<Integer> indices = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                indices.add(i);
            }
            int cut = Math.max(1, Math.min(n, partitions > 0 ? partitions : n));
            CandidateScore[] results = new CandidateScore[n];
            if (n == 0) {
                return results;
            }
            for (ScoredCandidate s : jsc.parallelize(indices, cut).map(i -> task.score(i, rungs, deadline))
                    .filter(Objects::nonNull).collect()) {
                results[s.index()] = s.score(candidates.get(s.index()), data.source());
            }
            progress.advanced(n, n);
            return results;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoverTask t && Arrays.equals(args, t.args) && Objects.equals(source, t.source)
                && Objects.equals(shipped, t.shipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(args) * 31 + Objects.hash(source, shipped);
    }
}
