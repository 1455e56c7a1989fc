package dev.slaw.curve;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Transform;
import dev.slaw.schedule.ScheduleProfile;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a loss-curve law to the runs of one model, all runs sharing one parameter set.
 *
 * <p>The objective is the sum over rows of {@code Huber_delta(log y - log f)} (both papers use
 * {@code delta = 1e-3}). {@link CurveFitOptions.Protocol#CONVERGED} minimises it by iteratively
 * reweighted Gauss-Newton with Levenberg damping: each iteration weighs row {@code i} by
 * {@code min(1, delta / |r_i|)} (the Huber weight), solves the damped normal equations, and
 * accepts the step only if the Huber sum falls, so the objective decreases monotonically to a
 * stationary point. Positive parameters move in log space; bounded ones are projected on their
 * bounds; fixed ones stay. {@link CurveFitOptions.Protocol#LUO_2025_REFERENCE} replays the
 * multi-power authors' procedure, which reproduces their published parameters.
 */
public final class CurveFitter {
    private static final List<String> INITIAL_NAMES = List.of("L0", "A", "alpha", "B");

    private CurveFitter() {
    }

    /**
     * Fits {@code law} to the rows of {@code data}, whose column {@code lossColumn} holds the loss.
     *
     * @throws BadInputException for a missing or non-positive loss, or rows the law cannot read
     */
    public static CurveFit fit(CurveLaw law, Dataset data, String lossColumn, CurveFitOptions options) {
        List<String> notes = new ArrayList<>();
        Dataset rows = keptRows(law, data, options.firstStep(), notes);
        double[] y = losses(rows, lossColumn);
        LawEvaluator evaluator = law.evaluator(rows);
        Objective objective = new Objective(evaluator, y, options.huberDelta());
        double[] best;
        int iterations;
        if (options.protocol() == CurveFitOptions.Protocol.LUO_2025_REFERENCE) {
            if (!(law instanceof MultiPowerLaw)) {
                throw new BadInputException("the " + options.protocol() + " protocol fits the multi-power law only, not "
                        + law.name());
            }
            double[] initial = initialFourParameters(law, rows, y, options, notes);
            double[] start = {initial[0], initial[1], initial[2], initial[3], 1.0, 0.5, 0.5};
            AdamW.Result r = AdamW.reference().minimize(objective, start);
            best = r.parameters();
            iterations = r.steps();
            notes.add("AdamW " + r.steps() + " steps (" + r.stopReason() + ") from L0, A, alpha, B of the 4-parameter"
                    + " fit and C = 1, beta = 0.5, gamma = 0.5");
        } else {
            List<double[]> starts = new ArrayList<>();
            if (law instanceof MultiPowerLaw) {
                double[] initial = initialFourParameters(law, rows, y, options, notes);
                starts.add(new double[] {initial[0], initial[1], initial[2], initial[3], 1.0, 0.5, 0.5});
            }
            starts.addAll(gridStarts(law));
            double bestValue = Double.POSITIVE_INFINITY;
            best = null;
            int bestIterations = 0;
            int failed = 0;
            for (double[] start : starts) {
                HuberGaussNewton.Result r = new HuberGaussNewton(objective, law.parameters(), options.maxIterations())
                        .minimize(start);
                if (!Double.isFinite(r.value())) {
                    failed++;
                } else if (r.value() < bestValue) {
                    bestValue = r.value();
                    best = r.parameters();
                    bestIterations = r.iterations();
                }
            }
            if (best == null) {
                throw new BadInputException(data.source() + ": " + law.name() + " could not be evaluated from any of "
                        + starts.size() + " starts (predictions not positive)");
            }
            iterations = bestIterations;
            notes.add(starts.size() + " starts" + (failed > 0 ? ", " + failed + " not finite" : "")
                    + "; best objective kept");
        }
        double value = objective.value(best);
        Map<String, CurveMetrics> runs = inSample(law, rows, y, objective.values.clone());
        return new CurveFit(law, best, value, iterations, objective.evaluations, rows.rowCount(), options, runs, notes);
    }

    private static Dataset keptRows(CurveLaw law, Dataset data, int firstStep, List<String> notes) {
        if (!data.hasColumn(law.stepColumn())) {
            throw new BadInputException(data.source() + ": no step column '" + law.stepColumn() + "' (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        if (firstStep == 0) {
            return data;
        }
        double[] steps = data.column(law.stepColumn());
        boolean[] keep = new boolean[steps.length];
        int dropped = 0;
        for (int i = 0; i < steps.length; i++) {
            keep[i] = steps[i] >= firstStep;
            dropped += keep[i] ? 0 : 1;
        }
        notes.add(dropped + " rows before step " + firstStep + " left out");
        Dataset kept = data.filter(keep);
        if (kept.rowCount() == 0) {
            throw new BadInputException(data.source() + ": no rows at or after step " + firstStep);
        }
        return kept;
    }

    private static double[] losses(Dataset rows, String lossColumn) {
        if (!rows.hasColumn(lossColumn)) {
            throw new BadInputException(rows.source() + ": no loss column '" + lossColumn + "' (columns: "
                    + String.join(", ", rows.columnNames()) + ")");
        }
        double[] y = rows.column(lossColumn);
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] > 0) || !Double.isFinite(y[i])) {
                throw new BadInputException(rows.source() + ": row " + rows.rowNumber(i) + ", column \"" + lossColumn
                        + "\": " + y[i] + " is not a positive loss (residuals are taken on log loss)");
            }
        }
        return y;
    }

    private static List<double[]> gridStarts(CurveLaw law) {
        List<Parameter> ps = law.parameters();
        List<double[]> out = new ArrayList<>();
        out.add(new double[ps.size()]);
        for (int j = 0; j < ps.size(); j++) {
            List<Double> values = law.metadata().startGrid().getOrDefault(ps.get(j).name(), List.of(1.0));
            if (ps.get(j).isFixed()) {
                values = List.of(ps.get(j).fixed().getAsDouble());
            }
            List<double[]> next = new ArrayList<>();
            for (double[] partial : out) {
                for (double v : values) {
                    double[] p = partial.clone();
                    p[j] = v;
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }

    /** Per-run agreement of the predictions {@code f} (of the fitted parameters) with the losses. */
    private static Map<String, CurveMetrics> inSample(CurveLaw law, Dataset rows, double[] y, double[] f) {
        Map<String, List<Integer>> byRun = new LinkedHashMap<>();
        String[] labels = rows.label(law.runColumn()).orElseGet(() -> {
            String[] only = new String[rows.rowCount()];
            java.util.Arrays.fill(only, law.schedules().keySet().iterator().next());
            return only;
        });
        for (int i = 0; i < labels.length; i++) {
            byRun.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, CurveMetrics> out = new LinkedHashMap<>();
        byRun.forEach((run, idx) -> out.put(run, CurveMetrics.of(idx.stream().mapToDouble(i -> y[i]).toArray(),
                idx.stream().mapToDouble(i -> f[i]).toArray())));
        return out;
    }

    /**
     * The warm start of the multi-power authors: {@code L0 + A S(t)^-alpha - B (eta_max - eta_t)}
     * fitted by Huber from a grid of 5 x 3 x 3 x 3 starts around a log-log regression of
     * {@code loss - min + 0.01} on {@code S(t)}, parameters kept >= 0. Returns {@code L0, A, alpha, B}.
     */
    static double[] initialFourParameters(CurveLaw law, Dataset rows, double[] y, CurveFitOptions options,
                                          List<String> notes) {
        int n = rows.rowCount();
        double[] sum = new double[n];
        double[] belowPeak = new double[n];
        for (CurveRows.Run run : CurveRows.bind(rows, law.schedules(), law.runColumn(), law.stepColumn(), law.name())) {
            ScheduleProfile p = run.profile();
            double peak = 0;
            for (double r : p.rates()) {
                peak = Math.max(peak, r);
            }
            for (int j = 0; j < run.rows().length; j++) {
                sum[run.rows()[j]] = p.cumulative(run.steps()[j]);
                belowPeak[run.rows()[j]] = peak - p.rate(run.steps()[j]);
            }
        }
        double min = java.util.Arrays.stream(y).min().orElseThrow();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double lx = Math.log(sum[i]);
            double ly = Math.log(y[i] - min + 0.01);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        LawEvaluator simple = new LawEvaluator() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public void evaluate(double[] p, double[] values, double[][] jacobian) {
                for (int i = 0; i < n; i++) {
                    double power = Math.pow(sum[i], -p[2]);
                    values[i] = p[0] + p[1] * power - p[3] * belowPeak[i];
                    if (jacobian != null) {
                        jacobian[0][i] = 1;
                        jacobian[1][i] = power;
                        jacobian[2][i] = -p[1] * power * Math.log(sum[i]);
                        jacobian[3][i] = -belowPeak[i];
                    }
                }
            }
        };
        Objective objective = new Objective(simple, y, options.huberDelta());
        List<Parameter> nonNegative = INITIAL_NAMES.stream()
                .map(name -> Parameter.bounded(name, 0, Double.POSITIVE_INFINITY)).toList();
        double bestValue = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (double l0 : spaced(min - 0.2, min + 0.2, 5)) {
            for (double a : spaced(Math.exp(intercept) - 0.1, Math.exp(intercept) + 0.1, 3)) {
                for (double alpha : spaced(-slope - 0.1, -slope + 0.1, 3)) {
                    for (double b : spaced(100, 1000, 3)) {
                        HuberGaussNewton.Result r = new HuberGaussNewton(objective, nonNegative, options.maxIterations())
                                .minimize(new double[] {l0, a, alpha, b});
                        if (r.value() < bestValue) {
                            bestValue = r.value();
                            best = r.parameters();
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new BadInputException(rows.source() + ": the 4-parameter warm start of " + law.name()
                    + " could not be fitted");
        }
        notes.add(String.format(java.util.Locale.ROOT, "warm start L0 + A S^-alpha - B (eta_max - eta_t): L0 = %.6g,"
                + " A = %.6g, alpha = %.6g, B = %.6g (135 starts)", best[0], best[1], best[2], best[3]));
        return best;
    }

    private static double[] spaced(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + (to - from) * i / (count - 1);
        }
        return out;
    }

    /** The summed Huber loss of log residuals and its pieces, on one evaluator. */
    static final class Objective {
        final LawEvaluator evaluator;
        final double[] logY;
        final double delta;
        final double[] values;
        int evaluations;

        Objective(LawEvaluator evaluator, double[] y, double delta) {
            this.evaluator = evaluator;
            this.delta = delta;
            logY = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                logY[i] = Math.log(y[i]);
            }
            values = new double[y.length];
        }

        double huber(double r) {
            return dev.slaw.fit.Huber.rho(r, delta);
        }

        /** Objective at {@code p}; +Infinity where a prediction is not positive. */
        double value(double[] p) {
            evaluations++;
            evaluator.evaluate(p, values, null);
            return sum(values);
        }

        /** Objective, residuals {@code log y - log f} and {@code d f / d p} (into the given arrays). */
        double valueAndJacobian(double[] p, double[] residuals, double[][] jac) {
            evaluations++;
            evaluator.evaluate(p, values, jac);
            for (int i = 0; i < values.length; i++) {
                residuals[i] = values[i] > 0 ? logY[i] - Math.log(values[i]) : Double.NaN;
            }
            return sum(values);
        }

        private double sum(double[] f) {
            double total = 0;
            for (int i = 0; i < f.length; i++) {
                if (!(f[i] > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                total += huber(logY[i] - Math.log(f[i]));
            }
            return total;
        }
    }

    /** Iteratively reweighted Gauss-Newton with Levenberg damping for the Huber objective. */
    static final class HuberGaussNewton {
        record Result(double[] parameters, double value, int iterations) {
        }

        private final Objective objective;
        private final List<Parameter> parameters;
        private final int maxIterations;

        HuberGaussNewton(Objective objective, List<Parameter> parameters, int maxIterations) {
            this.objective = objective;
            this.parameters = parameters;
            this.maxIterations = maxIterations;
        }

        Result minimize(double[] start) {
            int m = parameters.size();
            int n = objective.logY.length;
            int[] free = java.util.stream.IntStream.range(0, m).filter(j -> !parameters.get(j).isFixed()).toArray();
            double[] p = start.clone();
            for (int j = 0; j < m; j++) {
                Parameter q = parameters.get(j);
                p[j] = q.isFixed() ? q.fixed().getAsDouble() : clamp(q, p[j]);
            }
            double[] residuals = new double[n];
            double[][] jac = new double[m][n];
            double value = objective.valueAndJacobian(p, residuals, jac);
            if (!Double.isFinite(value)) {
                return new Result(p, value, 0);
            }
            double lambda = 1e-3;
            int k = free.length;
            int iteration = 0;
            while (iteration < maxIterations) {
                iteration++;
                // d r_i / d u_j = -(1 / f_i) (d f_i / d p_j) (d p_j / d u_j), u the optimiser coordinate.
                double[][] normal = new double[k][k];
                double[] gradient = new double[k];
                double[] chain = new double[k];
                for (int a = 0; a < k; a++) {
                    Parameter q = parameters.get(free[a]);
                    chain[a] = q.transform() == Transform.LOG ? p[free[a]] : 1;
                }
                double[] row = new double[k];
                for (int i = 0; i < n; i++) {
                    double r = residuals[i];
                    double w = Math.abs(r) <= objective.delta ? 1 : objective.delta / Math.abs(r);
                    double f = objective.values[i];
                    for (int a = 0; a < k; a++) {
                        row[a] = -jac[free[a]][i] / f * chain[a];
                    }
                    for (int a = 0; a < k; a++) {
                        gradient[a] += w * row[a] * r;
                        for (int b = 0; b <= a; b++) {
                            normal[a][b] += w * row[a] * row[b];
                        }
                    }
                }
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < a; b++) {
                        normal[b][a] = normal[a][b];
                    }
                }
                double[] trial = null;
                double trialValue = Double.POSITIVE_INFINITY;
                while (lambda < 1e12) {
                    double[][] damped = new double[k][k];
                    for (int a = 0; a < k; a++) {
                        damped[a] = normal[a].clone();
                        damped[a][a] += lambda * (normal[a][a] + 1e-12);
                    }
                    RealVector step;
                    try {
                        step = new QRDecomposition(new Array2DRowRealMatrix(damped, false)).getSolver()
                                .solve(new ArrayRealVector(gradient).mapMultiply(-1));
                    } catch (org.hipparchus.exception.MathRuntimeException singular) {
                        lambda *= 10;
                        continue;
                    }
                    trial = p.clone();
                    for (int a = 0; a < k; a++) {
                        Parameter q = parameters.get(free[a]);
                        double u = q.transform().toOptimizer(p[free[a]]) + step.getEntry(a);
                        trial[free[a]] = clamp(q, q.transform().fromOptimizer(u));
                    }
                    trialValue = objective.value(trial);
                    if (trialValue < value) {
                        break;
                    }
                    lambda *= 4;
                }
                if (!(trialValue < value)) {
                    break;
                }
                double decrease = value - trialValue;
                p = trial;
                value = objective.valueAndJacobian(p, residuals, jac);
                lambda = Math.max(lambda / 5, 1e-9);
                if (decrease <= 1e-13 * Math.max(value, 1e-300)) {
                    break;
                }
            }
            return new Result(p, value, iteration);
        }

        private static double clamp(Parameter q, double v) {
            double lo = q.transform() == Transform.LOG && q.lower() == 0 ? Double.MIN_NORMAL : q.lower();
            return Math.min(q.upper(), Math.max(lo, v));
        }
    }
}
