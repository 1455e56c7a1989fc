package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Refitter;
import dev.slaw.fit.Starts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bootstrap of a joint fit over groups (shared parameters, {@code slaw fit --group --shared}),
 * resampling within each group: a replicate draws as many rows from each group as the group has,
 * with replacement, so every group keeps its size and no replicate loses a group whose own
 * parameters would then be unidentified. Otherwise as {@link Bootstrap}: one split random stream
 * per replicate (the same answer for any thread count), refits from {@link BootstrapOptions#starts()},
 * failed replicates counted.
 */
public final class GroupedBootstrap {
    private GroupedBootstrap() {
    }

    /**
     * Bootstraps {@code pointEstimate}, a fit of {@code data}, resampling rows within groups.
     *
     * @param groups the row indices of each group; together every row once
     * @throws BadInputException for numpy's sampler or run resampling, which draw over all rows
     */
    public static BootstrapResult run(Fit pointEstimate, Dataset data, List<int[]> groups, FitOptions fitOptions,
                                      BootstrapOptions options, ProgressListener progress) {
        if (options.sampler() == Sampler.NUMPY) {
            throw new BadInputException("numpy's sampler draws over all rows; a grouped bootstrap resamples within groups"
                    + " with split streams (leave out --sampler numpy)");
        }
        if (options.resampling() != Resampling.ROWS) {
            throw new BadInputException("--runs resamples whole runs over all rows; a grouped bootstrap resamples rows"
                    + " within groups (leave out --runs)");
        }
        long t0 = System.nanoTime();
        double[] residuals = Bootstrap.residuals(pointEstimate, data);
        List<Map<String, Double>> startPoints = options.starts().points(pointEstimate);
        Refitter refitter = Refitter.prepare(pointEstimate.law(), data, pointEstimate.target(),
                Bootstrap.replicateOptions(pointEstimate, fitOptions).withStarts(Starts.at(startPoints)));
        int n = options.replicates();
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom[] streams = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            streams[i] = root.split();
        }
        List<int[]> strata = List.copyOf(groups);
        Refitter.Refit[] refits = new Refitter.Refit[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable work = () -> {
            Refitter.Worker worker = refitter.worker();
            double[] counts = new double[data.rowCount()];
            int i;
            while ((i = next.getAndIncrement()) < n) {
                multiplicities(strata, streams[i], counts);
                refits[i] = worker.refit(counts);
                progress.advanced(done.incrementAndGet(), n);
            }
        };
        Workers.run(work, Math.min(options.threads(), n), "slaw-bootstrap-");
        List<double[]> ok = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<ReplicateFailure> failures = new ArrayList<>();
        int notConverged = 0;
        for (int i = 0; i < n; i++) {
            if (refits[i].succeeded()) {
                ok.add(refits[i].values());
                numbers.add(i);
                if (!refits[i].converged()) {
                    notConverged++;
                }
            } else {
                failures.add(new ReplicateFailure(i, refits[i].message()));
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e6;
        return new BootstrapResult(pointEstimate, ok.toArray(new double[0][]),
                numbers.stream().mapToInt(Integer::intValue).toArray(), failures, notConverged, residuals, options,
                options.starts().describe(pointEstimate.freeParameterNames().size()),
                fitOptions.optimizer().name(), data.rowCount(), elapsed);
    }

    /** One resample as per-row multiplicities: each group's size drawn from its own rows. */
    static void multiplicities(List<int[]> groups, SplittableRandom random, double[] counts) {
        java.util.Arrays.fill(counts, 0);
        for (int[] rows : groups) {
            for (int j = 0; j < rows.length; j++) {
                counts[rows[random.nextInt(rows.length)]]++;
            }
        }
    }
}
