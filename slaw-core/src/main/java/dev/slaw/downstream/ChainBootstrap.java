package dev.slaw.downstream;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.Predictor;
import dev.slaw.fit.Refitter;
import dev.slaw.fit.Starts;
import dev.slaw.fit.Workers;
import dev.slaw.law.Law;
import dev.slaw.planning.Interval;
import dev.slaw.uncertainty.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The joint bootstrap of a chain: each replicate draws the ladder's runs with replacement and
 * refits every step on them (step 1's fits on the drawn runs' points, step 2 on all their
 * checkpoints), so step 1's uncertainty reaches the chained accuracy. Each step goes through {@link Refitter}
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
        return run(ladder, point, settings, replicates, level, seed, threads, ProgressListener.NONE);
    }

    /** The same, telling {@code progress} of each replicate done. */
    public static ChainBootstrap run(TaskLadder ladder, ChainPrediction point, ChainSettings settings, int replicates,
                                     double level, long seed, int threads, ProgressListener progress) {
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
        // step 1's links have one row per run: a replicate needs as many distinct runs as they have free parameters
        List<Chain.Link> links = Chain.links(ladder, settings);
        int accuracyLink = Chain.accuracyLink(settings);
        List<Fit> fits = new ArrayList<>(List.of(point.lossFit()));
        point.transferFit().ifPresent(fits::add);
        fits.add(point.accuracyFit());
        int freeParameters = fits.subList(0, accuracyLink).stream()
                .mapToInt(f -> f.freeParameterNames().size()).max().orElse(0);
        // each replicate refits every step of the chain (the single-step comparison is not part of it)
        // from the point estimate, its draws as row multiplicities
        List<Refitter> refitters = new ArrayList<>();
        int upstreamE = point.lossFit().law().parameters().stream().map(p -> p.name()).toList().indexOf("E");
        Map<String, Double> transferStart = new java.util.LinkedHashMap<>(
                point.transferFit().map(Fit::valueMap).orElse(Map.of()));
        transferStart.remove("E1");
        for (int i = 0; i <= accuracyLink; i++) {
            Chain.Link l = links.get(i);
            Law law = Chain.isTransfer(settings, i) ? point.transferFit().orElseThrow().law() : l.law();
            refitters.add(Refitter.prepare(law, l.rows(), l.target(),
                    l.options().withStarts(Starts.at(List.of(fits.get(i).valueMap()))).withThreads(1)));
        }
        double[] chained = new double[replicates];
        AtomicInteger done = new AtomicInteger();
        Workers.forEachIndex(replicates, threads, "slaw-chain-",
                () -> refitters.stream().map(Refitter::worker).toArray(Refitter.Worker[]::new), (workers, r) -> {
            try {
                double[] runCount = new double[runs];
                for (int run : draws[r]) {
                    runCount[run]++;
                }
                if (Arrays.stream(runCount).filter(c -> c > 0).count() < freeParameters) {
                    chained[r] = Double.NaN;
                    return;
                }
                double[][] values = new double[workers.length][];
                for (int i = 0; i < workers.length; i++) {
                    double[] runOfRow = links.get(i).runOfRow();
                    double[] rowCount = new double[runOfRow.length];
                    for (int j = 0; j < rowCount.length; j++) {
                        // the helper point (run -1) is in every replicate once
                        rowCount[j] = runOfRow[j] < 0 ? 1 : runCount[(int) runOfRow[j]];
                    }
                    Refitter.Refit refit;
                    if (Chain.isTransfer(settings, i)) {
                        // its E1 is the replicate's upstream E: a law of its own, prepared here
                        Law law = Chain.transferLaw(settings, values[0][upstreamE]);
                        refit = Refitter.prepare(law, links.get(i).rows(), links.get(i).target(),
                                links.get(i).options().withStarts(Starts.at(List.of(transferStart))).withThreads(1))
                                .worker().refit(rowCount);
                    } else {
                        refit = workers[i].refit(rowCount);
                    }
                    if (!refit.succeeded()) {
                        chained[r] = Double.NaN;
                        return;
                    }
                    values[i] = refit.values();
                }
                Chain.Evaluation e = (i, p) -> Predictor.at(links.get(i).law(), values[i], p);
                double predictedLoss = Chain.stepOneLoss(settings, e, ladder.targetN(), ladder.targetD());
                chained[r] = Chain.accuracyAt(settings, e, predictedLoss);
            } finally {
                progress.advanced(done.incrementAndGet(), replicates);
            }
        });
        double[] ok = Arrays.stream(chained).filter(Double::isFinite).toArray();
        if (ok.length < 2) {
            throw new FitFailedException("chain bootstrap of " + ladder.task() + ": " + (replicates - ok.length)
                    + " of " + replicates + " replicates failed");
        }
        return new ChainBootstrap(replicates, replicates - ok.length, ok, Interval.percentile(ok, level), seed);
    }
}
