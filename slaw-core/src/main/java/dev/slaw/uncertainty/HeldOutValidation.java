package dev.slaw.uncertainty;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Held-out extrapolation: fit the law on the rows a {@link Holdout} leaves in, bootstrap that
 * fit, and check its predictions on the rows held out, the test a scaling law exists to pass
 * (predict the run you have not trained yet). Li et al. 2025 ("(Mis)Fitting", section 5) ask
 * for exactly this: report extrapolation error on held-out larger scales, not in-sample fit.
 *
 * <p>For each held-out row i with observation y_i and prediction f_i the relative error is
 * |f_i - y_i| / |y_i|, and the row is covered when y_i lies in the interval. The confidence
 * interval covers the law's mean (parameter uncertainty only), so it under-covers single
 * observations by design; the prediction interval adds the resampled residual noise and is the
 * one whose coverage should be near nominal when the law extrapolates well.
 *
 * @param holdout       which rows were held out
 * @param trainingRows  rows fitted
 * @param fit           the fit on the training rows
 * @param bootstrap     the bootstrap of that fit (replicates, failures, options)
 * @param rows          one entry per held-out row, in the data's order
 */
public record HeldOutValidation(Holdout holdout, int trainingRows, Fit fit, BootstrapResult bootstrap,
                                List<HeldOutRow> rows) {

    public HeldOutValidation {
        Objects.requireNonNull(holdout, "holdout");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(bootstrap, "bootstrap");
        rows = List.copyOf(rows);
    }

    /**
     * One held-out row.
     *
     * @param rowNumber     the row's number in the source (1-based)
     * @param point         the law's variables at that row
     * @param observed      the observed target y
     * @param prediction    the prediction with its confidence and prediction intervals
     * @param relativeError |f - y| / |y| with f the point estimate's prediction
     */
    public record HeldOutRow(int rowNumber, Map<String, Double> point, double observed,
                             IntervalPrediction prediction, double relativeError) {

        public HeldOutRow {
            point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));
        }

        /** Whether the confidence interval contains the observation. */
        public boolean confidenceCovers() {
            return prediction.confidence().contains(observed);
        }

        /** Whether the prediction interval contains the observation. */
        public boolean predictionCovers() {
            return prediction.prediction().contains(observed);
        }
    }

    /**
     * Fits {@code law} on the rows {@code holdout} leaves in, bootstraps the fit, and predicts the
     * rows held out.
     *
     * @param fitOptions       the protocol of the fit and of every replicate's refit
     * @param bootstrapOptions replicates, seed, threads, level of the intervals
     * @throws dev.slaw.data.BadInputException when the holdout keeps back no row or every row, or
     *                                         the training rows cannot be fitted
     * @throws dev.slaw.fit.FitFailedException when no start reaches a finite objective
     */
    public static HeldOutValidation run(Law law, Dataset data, String target, Holdout holdout, FitOptions fitOptions,
                                        BootstrapOptions bootstrapOptions, ProgressListener progress) {
        return run(training -> Fitter.fit(law, training, target, fitOptions), data, target, holdout, fitOptions,
                bootstrapOptions, progress);
    }

    /**
     * As {@link #run(Law, Dataset, String, Holdout, FitOptions, BootstrapOptions, ProgressListener)},
     * the fit on the rows left in made by {@code fitter}: for a fit whose starts depend on its
     * rows (a loss-curve protocol's warm start).
     *
     * @param refitOptions the protocol of every replicate's refit
     */
    public static HeldOutValidation run(Function<Dataset, Fit> fitter, Dataset data, String target, Holdout holdout,
                                        FitOptions refitOptions, BootstrapOptions bootstrapOptions,
                                        ProgressListener progress) {
        boolean[] held = holdout.select(data);
        boolean[] kept = new boolean[held.length];
        for (int i = 0; i < held.length; i++) {
            kept[i] = !held[i];
        }
        Dataset training = data.filter(kept);
        Dataset test = data.filter(held);
        Fit fit = fitter.apply(training);
        BootstrapResult boot = Bootstrap.run(fit, training, refitOptions, bootstrapOptions, progress);
        List<IntervalPrediction> predictions = boot.intervals(test, bootstrapOptions.level());
        double[] y = test.column(target);
        List<HeldOutRow> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            IntervalPrediction p = predictions.get(i);
            out.add(new HeldOutRow(test.rowNumber(i), p.point(), y[i], p, Math.abs(p.estimate() - y[i]) / Math.abs(y[i])));
        }
        return new HeldOutValidation(holdout, training.rowCount(), fit, boot, out);
    }

    /** R-squared, NMSE, NMAE and relative errors of the held-out rows, pooled. */
    public HeldOutScores scores() {
        double[] y = rows.stream().mapToDouble(HeldOutRow::observed).toArray();
        double[] f = rows.stream().mapToDouble(r -> r.prediction().estimate()).toArray();
        return HeldOutScores.of(y, f);
    }

    /** Mean relative error over the held-out rows. */
    public double meanRelativeError() {
        return rows.stream().mapToDouble(HeldOutRow::relativeError).average().orElse(Double.NaN);
    }

    /** Largest relative error over the held-out rows. */
    public double maxRelativeError() {
        return rows.stream().mapToDouble(HeldOutRow::relativeError).max().orElse(Double.NaN);
    }

    /** Fraction of held-out observations inside their confidence interval. */
    public double confidenceCoverage() {
        return rows.stream().filter(HeldOutRow::confidenceCovers).count() / (double) rows.size();
    }

    /** Fraction of held-out observations inside their prediction interval. */
    public double predictionCoverage() {
        return rows.stream().filter(HeldOutRow::predictionCovers).count() / (double) rows.size();
    }

    /** The nominal coverage of the intervals, e.g. 0.95. */
    public double level() {
        return bootstrap.options().level();
    }
}
