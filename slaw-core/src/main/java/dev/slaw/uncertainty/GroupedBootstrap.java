package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Refitter;
import dev.slaw.fit.Starts;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The bootstrap of a joint fit over groups (shared parameters, {@code slaw fit --group --shared}),
 * resampling within each group: a replicate draws as many rows from each group as the group has,
 * with replacement, so every group keeps its size and no replicate loses a group whose own
 * parameters would then be unidentified. Otherwise as {@link Bootstrap}, through its replicate
 * loop: one split random stream per replicate (the same answer for any thread count), refits from
 * {@link BootstrapOptions#starts()}, failed replicates counted, and intervals withheld when a
 * replicate finds a better optimum of all the data than the joint fit did.
 */
public final class GroupedBootstrap {
    private GroupedBootstrap() {
    }

    /**
     * Bootstraps the joint fit of {@code grouped}, a fit of {@code data}, resampling rows within
     * groups. A resample with fewer distinct rows in a group than the group's own free parameters,
     * or fewer in all than the joint law's, is a failed replicate (it cannot determine them).
     *
     * @param data   the joint fit's rows ({@link dev.slaw.fit.GroupFitter#jointData})
     * @param groups each group's row indices, as {@link dev.slaw.fit.GroupFitter#rowsByGroup} gives them;
     *               together every row once
     * @throws BadInputException for numpy's sampler or run resampling, which draw over all rows
     */
    public static BootstrapResult run(GroupedFit grouped, Dataset data, Map<String, int[]> groups, FitOptions fitOptions,
                                      BootstrapOptions options, ProgressListener progress) {
        if (options.sampler() == Sampler.NUMPY) {
            throw new BadInputException("numpy's sampler draws over all rows; a grouped bootstrap resamples within groups"
                    + " with split streams (leave out --sampler numpy)");
        }
        if (options.resampling() != Resampling.ROWS) {
            throw new BadInputException("--runs resamples whole runs over all rows; a grouped bootstrap resamples rows"
                    + " within groups (leave out --runs)");
        }
        if (grouped.joint() == null) {
            throw new IllegalArgumentException("a grouped bootstrap resamples a joint fit; these groups were fitted"
                    + " separately");
        }
        long t0 = System.nanoTime();
        Fit pointEstimate = grouped.joint();
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
        List<int[]> strata = List.copyOf(groups.values());
        List<String> names = List.copyOf(groups.keySet());
        int own = grouped.ownFreeParameterCount();
        int free = pointEstimate.freeParameterNames().size();
        Bootstrap.Replicates r = Bootstrap.refitAll(refitter, n, options.threads(), progress, (i, counts) -> {
            multiplicities(strata, streams[i], counts);
            for (int g = 0; g < strata.size(); g++) {
                String tooFew = Bootstrap.tooFewRows(counts, strata.get(g), own,
                        "the resample of group " + names.get(g));
                if (tooFew != null) {
                    return tooFew;
                }
            }
            return Bootstrap.tooFewRows(counts, null, free, "the resample");
        });
        MissedOptimum missed = Bootstrap.missedOptimum(pointEstimate, refitter.worker(), r);
        double elapsed = (System.nanoTime() - t0) / 1e6;
        return new BootstrapResult(pointEstimate, r.values(), r.numbers(), r.failures(), r.notConverged(), residuals,
                options, options.starts().describe(free), fitOptions.optimizer().name(),
                data.rowCount(), elapsed, missed);
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
