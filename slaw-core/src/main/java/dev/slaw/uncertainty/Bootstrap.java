package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.LocalOptimizer;
import dev.slaw.fit.Refitter;
import dev.slaw.fit.Starts;
import dev.slaw.fit.Workers;
import dev.slaw.law.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The nonparametric bootstrap of a fit (Efron 1979; Efron and Tibshirani 1993, ch. 6 and 13):
 * draw the rows (or whole runs) with replacement, refit each resample with the same law,
 * objective and optimiser, and read uncertainty off the spread of the replicates' parameters.
 *
 * <p>Reproducible: replicate i draws from the i-th stream split off
 * {@code new SplittableRandom(seed)} in order on the calling thread (or, with
 * {@link Sampler#NUMPY}, all resamples are drawn up front in numpy's order), and each replicate
 * is fitted on one thread, so the result is the same for any number of threads. Replicates run
 * in parallel over {@link BootstrapOptions#threads()} workers.
 *
 * <p>A resample is fitted as per-row multiplicities (a row drawn twice counts twice), which is
 * the same objective as the resampled table, through {@link Refitter}.
 *
 * <p>A replicate whose refit finds no optimum (every start non-finite) is recorded as a {@link ReplicateFailure}, never dropped silently; a replicate whose best
 * start stopped without converging is kept and counted.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * Bootstraps {@code pointEstimate}, which must be a fit of {@code data}.
     *
     * @param fitOptions the protocol of each refit; its starts are replaced by
     *                   {@link BootstrapOptions#starts()}, its threads by 1 and its tolerances
     *                   scaled (see {@link #replicateOptions})
     */
    public static BootstrapResult run(Fit pointEstimate, Dataset data, FitOptions fitOptions, BootstrapOptions options,
                                      ProgressListener progress) {
        long t0 = System.nanoTime();
        Replicates r = replicates(pointEstimate, data, fitOptions, options, 0, options.replicates(), progress);
        return assemble(pointEstimate, data, fitOptions, options, List.of(r), (System.nanoTime() - t0) / 1e6);
    }

    /**
     * Replicates {@code from} (inclusive) to {@code to} (exclusive) of the bootstrap {@link #run}
     * does: each drawn from the same stream as there and refitted the same way, so a bootstrap cut
     * into ranges (one per machine, say) and put back together by {@link #assemble} is the one
     * {@code run} gives, whatever the cut.
     */
    public static Replicates replicates(Fit pointEstimate, Dataset data, FitOptions fitOptions, BootstrapOptions options,
                                        int from, int to, ProgressListener progress) {
        if (from < 0 || to > options.replicates() || from > to) {
            throw new IllegalArgumentException("replicates " + from + " to " + to + " of " + options.replicates());
        }
        int[][] units = units(data, options);
        Refitter refitter = refitter(pointEstimate, data, fitOptions, options);
        int count = to - from;
        SplittableRandom[] streams = null;
        int[][] numpyDraws = null;
        if (options.sampler() == Sampler.NUMPY) {
            // numpy's draws are one sequence: those of the replicates before the range are drawn and dropped
            int[][] all = numpyDraws(units.length, to, options.seed());
            numpyDraws = java.util.Arrays.copyOfRange(all, from, to);
        } else {
            // replicate i's stream is the i-th split of the root, however the replicates are cut
            SplittableRandom root = new SplittableRandom(options.seed());
            for (int i = 0; i < from; i++) {
                root.split();
            }
            streams = new SplittableRandom[count];
            for (int i = 0; i < count; i++) {
                streams[i] = root.split();
            }
        }
        SplittableRandom[] splitStreams = streams;
        int[][] drawn = numpyDraws;
        int free = pointEstimate.freeParameterNames().size();
        return refitAll(refitter, from, to, options.threads(), progress, (i, counts) -> {
            if (drawn != null) {
                multiplicities(units, drawn[i - from], counts);
            } else if (options.resampling() == Resampling.BLOCKS) {
                blockMultiplicities(units, options.blockRows(), splitStreams[i - from], counts);
            } else {
                multiplicities(units, splitStreams[i - from], counts);
            }
            return tooFewRows(counts, null, free, "the resample");
        });
    }

    /**
     * The bootstrap from its replicates, given as ranges that together cover every replicate
     * once (in any order): the result {@link #run} gives.
     *
     * @param elapsedMillis the wall time to report
     */
    public static BootstrapResult assemble(Fit pointEstimate, Dataset data, FitOptions fitOptions, BootstrapOptions options,
                                           List<Replicates> ranges, double elapsedMillis) {
        Replicates r = Replicates.merge(ranges, options.replicates());
        int[][] units = units(data, options);
        Refitter refitter = refitter(pointEstimate, data, fitOptions, options);
        MissedOptimum missed = missedOptimum(pointEstimate, refitter.worker(), r);
        return new BootstrapResult(pointEstimate, r.values(), r.numbers(), r.failures(), r.notConverged(),
                residuals(pointEstimate, data), options,
                options.starts().describe(pointEstimate.freeParameterNames().size()),
                fitOptions.optimizer().name(), options.resampling() == Resampling.BLOCKS
                        ? blocksPerResample(units, options.blockRows()) : units.length, elapsedMillis, missed);
    }

    private static Refitter refitter(Fit pointEstimate, Dataset data, FitOptions fitOptions, BootstrapOptions options) {
        List<Map<String, Double>> startPoints = options.starts().points(pointEstimate);
        return Refitter.prepare(pointEstimate.law(), data, pointEstimate.target(),
                replicateOptions(pointEstimate, fitOptions).withStarts(Starts.at(startPoints)));
    }

    /** A replicate objective this far below the point estimate's, relatively, is a better optimum. */
    static final double BETTER_OPTIMUM = 1e-4;

    /**
     * The replicate whose parameters fit all the data best, if they fit them better than the
     * point estimate by more than {@link #BETTER_OPTIMUM}: then the point fit's starts missed the
     * optimum (a resample's refit wandered into a lower valley of the full data's objective).
     */
    static MissedOptimum missedOptimum(Fit pointEstimate, Refitter.Worker worker, Replicates replicates) {
        double[] point = new double[pointEstimate.law().parameters().size()];
        for (int j = 0; j < point.length; j++) {
            point[j] = pointEstimate.value(pointEstimate.law().parameters().get(j).name());
        }
        double pointObjective = worker.objectiveAt(point);
        int best = -1;
        double bestObjective = pointObjective;
        for (int r = 0; r < replicates.values().length; r++) {
            double v = worker.objectiveAt(replicates.values()[r]);
            if (v < bestObjective) {
                bestObjective = v;
                best = r;
            }
        }
        if (best < 0 || !(bestObjective < pointObjective - BETTER_OPTIMUM * Math.abs(pointObjective))) {
            return null;
        }
        return new MissedOptimum(replicates.numbers()[best], bestObjective, pointObjective);
    }

    /**
     * Draws replicate {@code i}'s resample as per-row multiplicities and says why it cannot
     * determine the parameters (null when it can).
     */
    @FunctionalInterface
    interface Resample {
        String draw(int replicate, double[] counts);
    }

    /**
     * Every replicate's outcome: the parameters of those that reached an optimum, in replicate
     * order, with their numbers; the failures with their reasons; how many were kept unconverged.
     */
    public record Replicates(double[][] values, int[] numbers, List<ReplicateFailure> failures, int notConverged) {
        public Replicates {
            failures = List.copyOf(failures);
        }

        /** Ranges that together cover replicates 0 to {@code replicates} once, in replicate order. */
        static Replicates merge(List<Replicates> ranges, int replicates) {
            if (ranges.size() == 1) {
                return ranges.get(0);
            }
            double[][] byReplicate = new double[replicates][];
            String[] failed = new String[replicates];
            boolean[] seen = new boolean[replicates];
            int notConverged = 0;
            for (Replicates r : ranges) {
                for (int k = 0; k < r.numbers().length; k++) {
                    seen[r.numbers()[k]] = true;
                    byReplicate[r.numbers()[k]] = r.values()[k];
                }
                for (ReplicateFailure f : r.failures()) {
                    seen[f.replicate()] = true;
                    failed[f.replicate()] = f.reason();
                }
                notConverged += r.notConverged();
            }
            List<double[]> ok = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            List<ReplicateFailure> failures = new ArrayList<>();
            for (int i = 0; i < replicates; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException("replicate " + i + " is in no range");
                }
                if (byReplicate[i] != null) {
                    ok.add(byReplicate[i]);
                    numbers.add(i);
                } else {
                    failures.add(new ReplicateFailure(i, failed[i]));
                }
            }
            return new Replicates(ok.toArray(new double[0][]), numbers.stream().mapToInt(Integer::intValue).toArray(),
                    failures, notConverged);
        }
    }

    /**
     * The replicate loop of every bootstrap: replicate i is drawn by {@code resample} and refitted
     * on one worker thread, so the outcome depends only on i, never on the thread count; a resample
     * that cannot determine the parameters is a failed replicate, not a refit.
     */
    static Replicates refitAll(Refitter refitter, int replicates, int threads, ProgressListener progress,
                               Resample resample) {
        return refitAll(refitter, 0, replicates, threads, progress, resample);
    }

    /** {@link #refitAll(Refitter, int, int, ProgressListener, Resample)} over replicates {@code from} to {@code to}. */
    static Replicates refitAll(Refitter refitter, int from, int to, int threads, ProgressListener progress,
                               Resample resample) {
        int count = to - from;
        Refitter.Refit[] refits = new Refitter.Refit[count];
        AtomicInteger done = new AtomicInteger();
        record Own(Refitter.Worker worker, double[] counts) {
        }
        Workers.forEachIndex(count, threads, "slaw-bootstrap-",
                () -> new Own(refitter.worker(), new double[refitter.rows()]), (own, k) -> {
                    String undetermined = resample.draw(from + k, own.counts());
                    refits[k] = undetermined != null ? new Refitter.Refit(null, Double.NaN, false, undetermined)
                            : own.worker().refit(own.counts());
                    progress.advanced(done.incrementAndGet(), count);
                });
        List<double[]> ok = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<ReplicateFailure> failures = new ArrayList<>();
        int notConverged = 0;
        for (int k = 0; k < count; k++) {
            if (refits[k].succeeded()) {
                ok.add(refits[k].values());
                numbers.add(from + k);
                if (!refits[k].converged()) {
                    notConverged++;
                }
            } else {
                failures.add(new ReplicateFailure(from + k, refits[k].message()));
            }
        }
        return new Replicates(ok.toArray(new double[0][]), numbers.stream().mapToInt(Integer::intValue).toArray(),
                failures, notConverged);
    }

    /**
     * Why a resample cannot determine {@code free} parameters: it has fewer distinct rows than
     * that among the given rows (all rows when {@code rows} is null), so any optimum found is
     * arbitrary. Null when it has enough.
     *
     * @param what names the rows in the reason, as in "the resample"
     */
    static String tooFewRows(double[] counts, int[] rows, int free, String what) {
        int distinct = 0;
        if (rows == null) {
            for (double c : counts) {
                if (c > 0) {
                    distinct++;
                }
            }
        } else {
            for (int row : rows) {
                if (counts[row] > 0) {
                    distinct++;
                }
            }
        }
        return distinct < free ? what + " has " + distinct + " distinct rows, fewer than the " + free
                + " free parameters" : null;
    }

    /** Residuals of the point fit on the fitted scale. */
    static double[] residuals(Fit fit, Dataset data) {
        double[] y = data.column(fit.target());
        double[] f = fit.predict(data);
        boolean log = fit.law().target() == Target.LOG;
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = log ? Math.log(y[i]) - Math.log(f[i]) : y[i] - f[i];
        }
        return r;
    }

    /**
     * The resampling units: one row each, or the rows of each run in order of first appearance
     * (for blocks, the runs whose rows the blocks are cut from).
     */
    static int[][] units(Dataset data, BootstrapOptions options) {
        int n = data.rowCount();
        if (options.resampling() == Resampling.ROWS) {
            int[][] u = new int[n][];
            for (int i = 0; i < n; i++) {
                u[i] = new int[]{i};
            }
            return u;
        }
        String column = options.runColumn();
        String[] ids;
        if (data.label(column).isPresent()) {
            ids = data.label(column).get();
        } else if (data.hasColumn(column)) {
            double[] v = data.column(column);
            ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = Double.toString(v[i]);
            }
        } else {
            throw new BadInputException(data.source() + ": no run column '" + column + "' to resample runs by (columns: "
                    + String.join(", ", data.columnNames()) + "; labels: " + String.join(", ", data.labels().keySet())
                    + ")");
        }
        Map<String, List<Integer>> runs = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            runs.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
        }
        if (runs.size() < 2 && options.resampling() == Resampling.RUNS) {
            throw new BadInputException(data.source() + ": column '" + column + "' names " + runs.size()
                    + " run; resampling runs needs at least 2");
        }
        int[][] u = new int[runs.size()][];
        int j = 0;
        for (List<Integer> rows : runs.values()) {
            u[j++] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
        return u;
    }

    /**
     * One resample as per-row multiplicities: as many units as there are, drawn with
     * replacement; every row of a drawn unit counts once more.
     */
    static void multiplicities(int[][] units, SplittableRandom random, double[] counts) {
        java.util.Arrays.fill(counts, 0);
        int m = units.length;
        for (int j = 0; j < m; j++) {
            for (int row : units[random.nextInt(m)]) {
                counts[row]++;
            }
        }
    }

    /**
     * One moving-block resample as per-row multiplicities: each run is rebuilt to its own length
     * from blocks of {@code block} consecutive rows (the whole run if shorter) starting anywhere
     * in it, drawn with replacement; the last block is cut to fit.
     */
    static void blockMultiplicities(int[][] runs, int block, SplittableRandom random, double[] counts) {
        java.util.Arrays.fill(counts, 0);
        for (int[] rows : runs) {
            int n = rows.length;
            int b = Math.min(block, n);
            for (int filled = 0; filled < n; filled += b) {
                int start = random.nextInt(n - b + 1);
                for (int k = 0; k < Math.min(b, n - filled); k++) {
                    counts[rows[start + k]]++;
                }
            }
        }
    }

    /** Blocks drawn per moving-block resample: each run's length over the block length, rounded up. */
    static int blocksPerResample(int[][] runs, int block) {
        int blocks = 0;
        for (int[] rows : runs) {
            int b = Math.min(block, rows.length);
            blocks += (rows.length + b - 1) / b;
        }
        return blocks;
    }

    /** Every replicate's draws of unit indices, in numpy's order. */
    static int[][] numpyDraws(int units, int replicates, long seed) {
        NumpyRandomState random = new NumpyRandomState(seed);
        int[][] draws = new int[replicates][units];
        for (int[] d : draws) {
            for (int j = 0; j < units; j++) {
                d[j] = random.nextIndex(units);
            }
        }
        return draws;
    }

    /** One resample from given draws of unit indices. */
    static void multiplicities(int[][] units, int[] draws, double[] counts) {
        java.util.Arrays.fill(counts, 0);
        for (int d : draws) {
            for (int row : units[d]) {
                counts[row]++;
            }
        }
    }

    /**
     * The relative rule's tolerances for a refit that starts at the point estimate. There the
     * resample's gradient is small from the first step, and L-BFGS-B's first steps (before it has
     * learnt the curvature) lower the objective little, so the fit's own tolerances (ftol 2.2e-9,
     * gtol 1e-2 of |f|) stopped 78 % of the Epoch data's 4,000 replicates short of their optimum
     * (median 6e-5 of the objective above it, at worst 1 %), each close to the point estimate:
     * intervals biased narrow. With both tightened, 98.8 % end within 1e-9 of the optimum and
     * every one within 1e-6 (BootstrapReplicateOptimumTest), at about 1.6 times the evaluations.
     */
    static final double REFIT_FUNCTION_TOLERANCE = 2.2e-13;
    /** See {@link #REFIT_FUNCTION_TOLERANCE}. */
    static final double REFIT_GRADIENT_TOLERANCE = 1e-4;

    /**
     * The protocol of each replicate's refit: the fit's, on one thread, with L-BFGS-B's
     * tolerances scaled by the point estimate's objective when it is below 1.
     *
     * <p>Why: scipy's stopping rule (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) &lt;= ftol is
     * absolute for objectives below 1, and a summed Huber(1e-3) objective on log residuals is
     * about 1e-3. A refit started at the point estimate then stops after its first, tiny step,
     * and the replicates barely move from the point estimate: intervals a hundred times too
     * narrow. Scaling both tolerances by |f| restores the relative rule. Under the relative rule
     * (the default fit options') the tolerances are tightened instead ({@link #REFIT_FUNCTION_TOLERANCE}). BFGS and
     * Levenberg-Marquardt keep the fit's tolerances: BFGS has no function-reduction rule, and a
     * published BFGS protocol is reproduced only with its own gradient tolerance.
     */
    static FitOptions replicateOptions(Fit pointEstimate, FitOptions fitOptions) {
        if (!fitOptions.optimizer().equals(LocalOptimizer.LBFGSB)) {
            return fitOptions.withThreads(1);
        }
        if (fitOptions.stoppingRule() == dev.slaw.optim.StoppingRule.RELATIVE) {
            // scale-free already, but a refit that starts at the point estimate stops near it: see REFIT_*
            return fitOptions.withThreads(1).withTolerances(
                    Math.min(fitOptions.functionTolerance(), REFIT_FUNCTION_TOLERANCE),
                    Math.min(fitOptions.gradientTolerance(), REFIT_GRADIENT_TOLERANCE));
        }
        double scale = Math.min(1, Math.abs(pointEstimate.objectiveValue()));
        if (!(scale > 0)) {
            scale = 1e-6;
        }
        return fitOptions.withThreads(1).withTolerances(fitOptions.functionTolerance() * scale,
                fitOptions.gradientTolerance() * scale);
    }
}
