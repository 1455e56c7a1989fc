package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.law.Transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A bootstrap: the point estimate kept beside the parameters of every replicate that reached an
 * optimum, the replicates that did not (counted, with reasons), and the point fit's residuals
 * for prediction intervals.
 *
 * <p>Meets the {@link Predictor} contract with the median of the replicates' predictions, and
 * gives confidence and prediction intervals ({@link #intervals}).
 *
 * @param pointEstimate     the fit to all the data
 * @param replicateValues   per successful replicate, every parameter in the law's order
 * @param replicateNumbers  the index of each successful replicate
 * @param failures          replicates whose refit found no optimum
 * @param notConverged      successful replicates whose best start stopped without converging (kept)
 * @param residuals         the point fit's residuals on the fitted scale (log y - log f for log targets)
 * @param options           how the bootstrap ran
 * @param startsDescription where each replicate's fit began
 * @param optimizer         the refits' local optimiser, e.g. "lbfgsb" or "bfgs"
 * @param resampledUnits    rows or runs drawn per replicate
 * @param elapsedMillis     wall time of the replicates
 * @param missedOptimum     the replicate that fits all the data best, when it fits them better
 *                          than the point estimate; null when the point estimate is the optimum
 */
public record BootstrapResult(Fit pointEstimate, double[][] replicateValues, int[] replicateNumbers,
                              List<ReplicateFailure> failures, int notConverged, double[] residuals,
                              BootstrapOptions options, String startsDescription, String optimizer, int resampledUnits,
                              double elapsedMillis, MissedOptimum missedOptimum) implements Predictor {

    /** An interval narrower than this, relative to its bounds, has no width. */
    // below this relative width the replicates differ by no more than the optimiser's own
    // stopping noise (about the square root of its 2.2e-9 relative function tolerance)
    static final double NO_WIDTH = 1e-5;

    public BootstrapResult {
        replicateValues = deepCopy(replicateValues);
        replicateNumbers = replicateNumbers.clone();
        residuals = residuals.clone();
        failures = List.copyOf(failures);
        if (replicateValues.length != replicateNumbers.length) {
            throw new IllegalArgumentException(replicateValues.length + " replicate rows but "
                    + replicateNumbers.length + " replicate numbers");
        }
    }

    /** A bootstrap whose point estimate was not checked against its replicates. */
    public BootstrapResult(Fit pointEstimate, double[][] replicateValues, int[] replicateNumbers,
                           List<ReplicateFailure> failures, int notConverged, double[] residuals,
                           BootstrapOptions options, String startsDescription, String optimizer, int resampledUnits,
                           double elapsedMillis) {
        this(pointEstimate, replicateValues, replicateNumbers, failures, notConverged, residuals, options,
                startsDescription, optimizer, resampledUnits, elapsedMillis, null);
    }

    /**
     * What makes the intervals less than a result, one sentence each: a missed optimum, and
     * parameters or derived quantities whose replicates do not spread at all.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (missedOptimum != null) {
            out.add(missedOptimum.describe());
        }
        List<String> flat = new ArrayList<>();
        List<ParameterSummary> all = new ArrayList<>(parameters());
        all.addAll(derived());
        for (ParameterSummary s : all) {
            if (s.withheld().startsWith(NO_SPREAD)) {
                flat.add(s.name());
            }
        }
        if (!flat.isEmpty()) {
            out.add("no spread in " + String.join(", ", flat) + ": every replicate gave the same value, so the"
                    + " interval is no measure of uncertainty");
        }
        if (!failures.isEmpty()) {
            out.add(failures.size() + " of " + options.replicates() + " replicates failed (first: "
                    + failures.get(0).reason() + ")");
        }
        return out;
    }

    private static final String NO_SPREAD = "no spread";

    /** The summary of one quantity, withheld when its interval is not a result. */
    private ParameterSummary summary(String name, double estimate, double[] v, double level, boolean fixed) {
        Interval interval = Statistics.percentileInterval(v, level);
        String withheld = "";
        if (fixed) {
            withheld = "fixed";
        } else if (missedOptimum != null) {
            withheld = missedOptimum.describe();
        } else if (v.length > 0 && interval.upper() - interval.lower()
                <= NO_WIDTH * Math.max(Math.abs(interval.lower()), Math.abs(interval.upper()))) {
            withheld = NO_SPREAD + ": every replicate gave " + interval.lower() + " (to 1e-5)";
        }
        return new ParameterSummary(name, estimate, Statistics.median(v), Statistics.standardDeviation(v), interval,
                withheld);
    }

    @Override
    public double[][] replicateValues() {
        return deepCopy(replicateValues);
    }

    @Override
    public int[] replicateNumbers() {
        return replicateNumbers.clone();
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    public Law law() {
        return pointEstimate.law();
    }

    /** Replicates that reached an optimum. */
    public int successful() {
        return replicateValues.length;
    }

    /** Every parameter's value in each successful replicate. */
    public double[] replicates(String parameter) {
        int i = law().parameterIndex(parameter);
        if (i < 0) {
            throw new BadInputException("law " + law().name() + " has no parameter '" + parameter + "'");
        }
        double[] out = new double[replicateValues.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = replicateValues[r][i];
        }
        return out;
    }

    /**
     * The successful replicates as parameter sets by name, the form planning recomputes its
     * plans under ({@link dev.slaw.planning.PlanIntervals}).
     */
    public dev.slaw.planning.Replicates parameterSets() {
        List<Map<String, Double>> sets = new ArrayList<>();
        for (double[] values : replicateValues) {
            sets.add(asMap(values));
        }
        return dev.slaw.planning.Replicates.of(sets);
    }

    /** Percentile intervals and standard errors of every parameter, at the options' level. */
    public List<ParameterSummary> parameters() {
        return parameters(options.level());
    }

    public List<ParameterSummary> parameters(double level) {
        List<ParameterSummary> out = new ArrayList<>();
        for (Parameter p : law().parameters()) {
            out.add(summary(p.name(), pointEstimate.value(p.name()), replicates(p.name()), level, p.isFixed()));
        }
        return out;
    }

    /** The options' derived quantities, each with its interval over replicates. */
    public List<ParameterSummary> derived() {
        return derived(options.derived(), options.level());
    }

    public List<ParameterSummary> derived(List<DerivedQuantity> quantities, double level) {
        List<ParameterSummary> out = new ArrayList<>();
        for (DerivedQuantity q : quantities) {
            double[] v = new double[replicateValues.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = q.valueAt(asMap(replicateValues[r]));
            }
            out.add(summary(q.name(), q.valueAt(pointEstimate.valueMap()), v, level, false));
        }
        return out;
    }

    /**
     * The bootstrap covariance of the named parameters (sample covariance over replicates).
     *
     * @param optimizerScale take log-space parameters (A, B, E) as their logarithms, the scale the
     *                       fit optimises and on which their replicates are close to normal
     */
    public double[][] covariance(List<String> names, boolean optimizerScale) {
        double[][] rows = new double[replicateValues.length][names.size()];
        for (int c = 0; c < names.size(); c++) {
            double[] v = replicates(names.get(c));
            Transform t = optimizerScale ? transform(names.get(c)) : Transform.IDENTITY;
            for (int r = 0; r < v.length; r++) {
                rows[r][c] = t.toOptimizer(v[r]);
            }
        }
        return Statistics.covariance(rows);
    }

    Transform transform(String name) {
        return law().parameters().get(law().parameterIndex(name)).transform();
    }

    /** The median of the replicates' predictions at one point. */
    @Override
    public double predict(Map<String, Double> point) {
        return Statistics.median(replicatePredictions(Predictor.pointData(law(), point))[0]);
    }

    /** The point estimate, median and both intervals at one point, at the options' level. */
    public IntervalPrediction intervals(Map<String, Double> point) {
        return intervals(Predictor.pointData(law(), point), options.level()).get(0);
    }

    /**
     * The point estimate, median, confidence and prediction intervals at every row of
     * {@code at} (which needs the law's variables).
     *
     * <p>The prediction interval combines each replicate's prediction f_r with residuals e of
     * the point fit drawn with replacement: f_r exp(e) for log targets, f_r + e otherwise (the
     * residual bootstrap of Davison and Hinkley 1997, section 6.3.3). Draws come from a stream
     * seeded by the bootstrap's seed, so the interval is reproducible.
     */
    public List<IntervalPrediction> intervals(Dataset at, double level) {
        double[][] byRow = replicatePredictions(at);
        double[] estimate = pointEstimate.predict(at);
        boolean log = law().target() == Target.LOG;
        int draws = Math.max(1, (int) Math.ceil(4000.0 / Math.max(1, replicateValues.length)));
        List<IntervalPrediction> out = new ArrayList<>();
        for (int i = 0; i < at.rowCount(); i++) {
            double[] f = byRow[i];
            SplittableRandom noise = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
            double[] withNoise = new double[f.length * draws];
            for (int r = 0; r < f.length; r++) {
                for (int d = 0; d < draws; d++) {
                    double e = residuals[noise.nextInt(residuals.length)];
                    withNoise[r * draws + d] = log ? f[r] * Math.exp(e) : f[r] + e;
                }
            }
            Map<String, Double> point = new LinkedHashMap<>();
            for (String v : law().variables()) {
                point.put(v, at.value(v, i));
            }
            out.add(new IntervalPrediction(point, estimate[i], Statistics.median(f),
                    Statistics.percentileInterval(f, level), Statistics.percentileInterval(withNoise, level)));
        }
        return out;
    }

    /** Predictions of every successful replicate, [row][replicate]. */
    public double[][] replicatePredictions(Dataset at) {
        LawEvaluator ev = law().evaluator(at);
        double[][] out = new double[at.rowCount()][replicateValues.length];
        double[] f = new double[at.rowCount()];
        for (int r = 0; r < replicateValues.length; r++) {
            ev.evaluate(replicateValues[r], f, null);
            for (int i = 0; i < f.length; i++) {
                out[i][r] = f[i];
            }
        }
        return out;
    }

    private Map<String, Double> asMap(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<Parameter> ps = law().parameters();
        for (int i = 0; i < ps.size(); i++) {
            m.put(ps.get(i).name(), values[i]);
        }
        return m;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootstrapResult b && pointEstimate.equals(b.pointEstimate)
                && Arrays.deepEquals(replicateValues, b.replicateValues)
                && Arrays.equals(replicateNumbers, b.replicateNumbers) && failures.equals(b.failures);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(replicateValues);
    }

    @Override
    public String toString() {
        return "BootstrapResult[" + replicateValues.length + " of " + options.replicates() + " replicates, "
                + failures.size() + " failed, law " + law().name() + "]";
    }
}
