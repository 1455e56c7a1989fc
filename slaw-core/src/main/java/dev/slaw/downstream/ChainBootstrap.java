package dev.slaw.downstream;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.Starts;
import dev.slaw.fit.Workers;
import dev.slaw.planning.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The joint bootstrap of a chain: each replicate draws the ladder's runs with replacement and
 * refits both steps on them (step 1 on the drawn runs' points, step 2 on all their checkpoints),
 * so step 1's uncertainty reaches the chained accuracy. Replicates start from the point
 * estimate's parameters (one start each, as slaw's bootstrap does). A replicate with fewer
 * distinct runs than step 1 has free parameters, or whose fit fails, is counted as failed.
 *
 * @param replicates        replicates asked for
 * @param failed            replicates that gave no prediction
 * @param chainedAccuracies the chained accuracy of each successful replicate
 * @param chained           the percentile interval of the chained accuracy
 * @param seed              the seed of the draws
 */
public record ChainBootstrap(int replicates, int failed, double[] chainedAccuracies, Interval chained, long seed) {

    /** Replicates of one task's chain, on {@code threads} threads (the result does not depend on it). */
    public static ChainBootstrap run(TaskLadder ladder, ChainPrediction point, ChainSettings settings, int replicates,
                                     double level, long seed, int threads) {
        if (replicates < 2) {
            throw new BadInputException("--replicates must be at least 2 for an interval, got " + replicates);
        }
        int runs = ladder.lossData().rowCount();
        int[][] rowsOfRun = rowsOfRun(ladder.accuracyData(), runs);
        // the draws are made here, in order, so the replicates do not depend on the threads
        SplittableRandom random = new SplittableRandom(seed);
        int[][] draws = new int[replicates][runs];
        for (int[] draw : draws) {
            for (int i = 0; i < runs; i++) {
                draw[i] = random.nextInt(runs);
            }
        }
        int freeParameters = point.lossFit().freeParameterNames().size();
        ChainSettings warm = new ChainSettings(settings.lossLaw(),
                settings.lossOptions().withStarts(Starts.at(List.of(point.lossFit().valueMap()))).withThreads(1),
                settings.accuracyLaw(),
                chance -> settings.accuracyOptions(chance)
                        .withStarts(Starts.at(List.of(point.accuracyFit().valueMap()))).withThreads(1),
                settings.helperLoss(), settings.helperAccuracy());
        double[] chained = new double[replicates];
        Workers.forEachIndex(replicates, threads, "slaw-chain-", () -> null, (state, r) -> {
            int[] draw = draws[r];
            if (Arrays.stream(draw).distinct().count() < freeParameters) {
                chained[r] = Double.NaN;
                return;
            }
            List<Integer> rows = new ArrayList<>();
            for (int run : draw) {
                for (int row : rowsOfRun[run]) {
                    rows.add(row);
                }
            }
            TaskLadder resampled = new TaskLadder(ladder.task(), ladder.chance(), ladder.lossData().select(draw),
                    ladder.accuracyData().select(rows.stream().mapToInt(Integer::intValue).toArray()),
                    ladder.targetN(), ladder.targetD(), ladder.observedLoss(), ladder.observedAccuracy());
            try {
                chained[r] = Chain.predict(resampled, warm).chainedAccuracy();
            } catch (FitFailedException | BadInputException e) {
                chained[r] = Double.NaN;
            }
        });
        double[] ok = Arrays.stream(chained).filter(Double::isFinite).toArray();
        if (ok.length < 2) {
            throw new FitFailedException("chain bootstrap of " + ladder.task() + ": " + (replicates - ok.length)
                    + " of " + replicates + " replicates failed");
        }
        return new ChainBootstrap(replicates, replicates - ok.length, ok, Interval.percentile(ok, level), seed);
    }

    /** The step-2 rows of each run, by the {@code run} column. */
    private static int[][] rowsOfRun(Dataset accuracyData, int runs) {
        double[] run = accuracyData.column("run");
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < run.length; i++) {
            lists.get((int) run[i]).add(i);
        }
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
