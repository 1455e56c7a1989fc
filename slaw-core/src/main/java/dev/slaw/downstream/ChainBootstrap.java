package dev.slaw.downstream;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.Predictor;
import dev.slaw.fit.Refitter;
import dev.slaw.fit.Starts;
import dev.slaw.fit.Workers;
import dev.slaw.planning.Interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The joint bootstrap of a chain: each replicate draws the ladder's runs with replacement and
 * refits both steps on them (step 1 on the drawn runs' points, step 2 on all their checkpoints),
 * so step 1's uncertainty reaches the chained accuracy. Each step goes through {@link Refitter}
 * (a drawn run's rows weighted by how often it was drawn; the helper point once), from the point
 * estimate's parameters, as slaw's bootstrap refits. A replicate with fewer distinct runs than
 * step 1 has free parameters, or whose refit fails, is counted as failed.
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
        // the draws are made here, in order, so the replicates do not depend on the threads
        SplittableRandom random = new SplittableRandom(seed);
        int[][] draws = new int[replicates][runs];
        for (int[] draw : draws) {
            for (int i = 0; i < runs; i++) {
                draw[i] = random.nextInt(runs);
            }
        }
        int freeParameters = point.lossFit().freeParameterNames().size();
        // each replicate refits from the point estimate, its draws as row multiplicities
        Refitter lossRefitter = Refitter.prepare(settings.lossLaw(), ladder.lossData(), "x",
                settings.lossOptions().withStarts(Starts.at(List.of(point.lossFit().valueMap()))).withThreads(1));
        Dataset accuracyRows = Chain.withHelperPoint(ladder.accuracyData(), settings);
        Refitter accuracyRefitter = Refitter.prepare(settings.accuracyLaw(), accuracyRows, "y",
                settings.accuracyOptions(ladder.chance())
                        .withStarts(Starts.at(List.of(point.accuracyFit().valueMap()))).withThreads(1));
        double[] runOfRow = accuracyRows.column("run");
        Map<String, Double> target = ChainSettings.lossPoint(ladder.targetN(), ladder.targetD());
        double[] chained = new double[replicates];
        Workers.forEachIndex(replicates, threads, "slaw-chain-",
                () -> new Refitter.Worker[]{lossRefitter.worker(), accuracyRefitter.worker()}, (workers, r) -> {
            double[] runCount = new double[runs];
            for (int run : draws[r]) {
                runCount[run]++;
            }
            if (Arrays.stream(runCount).filter(c -> c > 0).count() < freeParameters) {
                chained[r] = Double.NaN;
                return;
            }
            double[] rowCount = new double[runOfRow.length];
            for (int i = 0; i < rowCount.length; i++) {
                // the helper point (run -1) is in every replicate once
                rowCount[i] = runOfRow[i] < 0 ? 1 : runCount[(int) runOfRow[i]];
            }
            Refitter.Refit loss = workers[0].refit(runCount);
            Refitter.Refit accuracy = workers[1].refit(rowCount);
            if (!loss.succeeded() || !accuracy.succeeded()) {
                chained[r] = Double.NaN;
                return;
            }
            double predictedLoss = Predictor.at(settings.lossLaw(), loss.values(), target);
            chained[r] = Predictor.at(settings.accuracyLaw(), accuracy.values(), Map.of("x", predictedLoss));
        });
        double[] ok = Arrays.stream(chained).filter(Double::isFinite).toArray();
        if (ok.length < 2) {
            throw new FitFailedException("chain bootstrap of " + ladder.task() + ": " + (replicates - ok.length)
                    + " of " + replicates + " replicates failed");
        }
        return new ChainBootstrap(replicates, replicates - ok.length, ok, Interval.percentile(ok, level), seed);
    }
}
