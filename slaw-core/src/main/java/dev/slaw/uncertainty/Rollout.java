package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A scaling-law rollout: for every k, fit on the rows at the k smallest values of a scale column
 * (model size N, say) and score the predictions of every larger scale, and of the next one
 * alone. It shows how the extrapolation improves as the ladder grows, the check OLMo-core's
 * scaling-law rollout makes for model ladders (Bhagia et al. 2024 fit on small rungs to predict
 * a large one).
 *
 * @param column the scale column
 * @param scales its distinct values, ascending
 * @param steps  one per k = 1 .. scales - 1 (or per k asked for), in order
 */
public record Rollout(String column, double[] scales, List<Step> steps) {

    public Rollout {
        Objects.requireNonNull(column, "column");
        scales = scales.clone();
        steps = List.copyOf(steps);
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    /**
     * One rung of the rollout.
     *
     * @param fittedScales  k, the number of smallest scales fitted
     * @param largestFitted the largest scale fitted
     * @param trainingRows  rows fitted
     * @param fit           the fit, or null when there was none (see {@code failure})
     * @param failure       why there is no fit (too few rows, no start converged), or empty
     * @param nextScale     the next larger scale
     * @param next          scores on the rows of the next scale, or null without a fit
     * @param larger        scores on the rows of every larger scale, pooled, or null without a fit
     */
    public record Step(int fittedScales, double largestFitted, int trainingRows, Fit fit, String failure,
                       double nextScale, HeldOutScores next, HeldOutScores larger) {

        public Step {
            Objects.requireNonNull(failure, "failure");
        }

        /** Whether this rung was fitted and scored. */
        public boolean fitted() {
            return fit != null;
        }
    }

    /**
     * Runs the rollout of {@code law} over the distinct values of {@code column}.
     *
     * @throws BadInputException when the column is missing or has fewer than two distinct values
     */
    public static Rollout run(Law law, Dataset data, String target, String column, FitOptions options) {
        return run(law, data, target, column, options, k -> true);
    }

    /**
     * As {@link #run(Law, Dataset, String, String, FitOptions)}, fitting only the rungs k that
     * {@code rungs} accepts (a search scores a few rungs of many candidates); the others have no step.
     */
    public static Rollout run(Law law, Dataset data, String target, String column, FitOptions options,
                              java.util.function.IntPredicate rungs) {
        return run(law, data, target, column, options, rungs, IN_ORDER);
    }

    /**
     * As {@link #run(Law, Dataset, String, String, FitOptions, java.util.function.IntPredicate)},
     * the rungs fitted by {@code fitter}; the scores of the held-out rows are computed here.
     */
    public static Rollout run(Law law, Dataset data, String target, String column, FitOptions options,
                              java.util.function.IntPredicate rungs, RungFits fitter) {
        double[] scales = scales(data, column);
        double[] v = data.column(column);
        double[] y = data.column(target);
        List<Integer> asked = new ArrayList<>();
        for (int k = 1; k < scales.length; k++) {
            if (rungs.test(k)) {
                asked.add(k);
            }
        }
        int[] ks = asked.stream().mapToInt(Integer::intValue).toArray();
        List<RungFit> fits = fitter.fit(law, data, target, column, options, ks);
        if (fits.size() != ks.length) {
            throw new IllegalStateException("the rung fitter returned " + fits.size() + " fits for " + ks.length + " rungs");
        }
        List<Step> steps = new ArrayList<>();
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            double top = scales[k - 1];
            boolean[] larger = new boolean[v.length];
            boolean[] next = new boolean[v.length];
            int rows = 0;
            for (int i = 0; i < v.length; i++) {
                larger[i] = v[i] > top;
                next[i] = v[i] == scales[k];
                rows += larger[i] ? 0 : 1;
            }
            RungFit f = fits.get(j);
            steps.add(f.fit() == null ? new Step(k, top, rows, null, f.failure(), scales[k], null, null)
                    : new Step(k, top, rows, f.fit(), "", scales[k], score(f.fit(), data, y, next),
                    score(f.fit(), data, y, larger)));
        }
        return new Rollout(column, scales, steps);
    }

    /**
     * A rung's fit, or why it has none (one scale shows no trend, too few rows, no start
     * converged).
     */
    public record RungFit(Fit fit, String failure) {
        public RungFit {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * Fits a rollout's rungs: one after another here ({@link #IN_ORDER}), or elsewhere
     * (slaw-spark fits each as a Spark task). Each must be {@link #fitRung}'s, so the rollout
     * cannot depend on where its rungs ran.
     */
    @FunctionalInterface
    public interface RungFits {
        /** The fits of rungs {@code ks}, in their order. */
        List<RungFit> fit(Law law, Dataset data, String target, String column, FitOptions options, int[] ks);
    }

    /** The rungs fitted one after another, in order. */
    public static final RungFits IN_ORDER = (law, data, target, column, options, ks) -> {
        List<RungFit> out = new ArrayList<>();
        for (int k : ks) {
            out.add(fitRung(law, data, target, column, options, k));
        }
        return out;
    };

    /**
     * The distinct values of the scale column, ascending.
     *
     * @throws BadInputException when the column is missing or has fewer than two distinct values
     */
    public static double[] scales(Dataset data, String column) {
        if (!data.hasColumn(column)) {
            throw new BadInputException(data.source() + ": no column '" + column + "' to roll out over (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        double[] scales = Arrays.stream(data.column(column)).distinct().sorted().toArray();
        if (scales.length < 2) {
            throw new BadInputException(data.source() + ": column '" + column + "' has " + scales.length
                    + " distinct value; a rollout needs at least 2 scales");
        }
        return scales;
    }

    /**
     * Rung {@code k}: the fit on the rows at the {@code k} smallest values of {@code column}, a
     * pure function of its arguments, so a rung may be fitted anywhere.
     */
    public static RungFit fitRung(Law law, Dataset data, String target, String column, FitOptions options, int k) {
        double[] scales = scales(data, column);
        double[] v = data.column(column);
        long free = law.parameters().stream().filter(p -> !p.isFixed() && !p.isTied()).count();
        double top = scales[k - 1];
        boolean[] training = new boolean[v.length];
        int rows = 0;
        for (int i = 0; i < v.length; i++) {
            training[i] = v[i] <= top;
            rows += training[i] ? 1 : 0;
        }
        if (k == 1) {
            // every row of one scale has the same value of the column: no trend in it to extrapolate
            return new RungFit(null, "one value of " + column + " shows no trend in " + column);
        }
        if (rows <= free) {
            return new RungFit(null, rows + " rows, not more than the " + free + " free parameters");
        }
        try {
            return new RungFit(Fitter.fit(law, data.filter(training), target, options), "");
        } catch (FitFailedException e) {
            return new RungFit(null, e.getMessage());
        }
    }

    private static HeldOutScores score(Fit fit, Dataset data, double[] y, boolean[] rows) {
        Dataset held = data.filter(rows);
        double[] observed = new double[held.rowCount()];
        int j = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i]) {
                observed[j++] = y[i];
            }
        }
        return HeldOutScores.of(observed, fit.predict(held));
    }
}
