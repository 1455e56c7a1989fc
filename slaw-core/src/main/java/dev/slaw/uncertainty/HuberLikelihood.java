package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.FitStatistics;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Huber;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.StartSummary;
import dev.slaw.fit.Starts;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.DifferentiableFunction;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;
import dev.slaw.optim.StoppingRule;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.special.Erf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maximum likelihood with the Huber loss turned into a density, the variant of Besiroglu et al.
 * 2024 (section 3 and their analyzing-chinchilla notebook). Residuals r_i = log y_i - log f_i
 * (or y_i - f_i for plain targets) are modelled as independent draws from
 *
 * <pre>
 *   p(r) = exp(-rho_delta(r / sigma)) / (sigma Z(delta))
 *   rho_delta(x) = x^2 / 2 for |x| &lt;= delta, delta (|x| - delta / 2) otherwise
 *   Z(delta) = sqrt(2 pi) erf(delta / sqrt 2) + 2 exp(-delta^2 / 2) / delta
 * </pre>
 *
 * (Z normalises the density: the Gaussian core over [-delta, delta] plus two exponential
 * tails; delta is in units of sigma). The negative log-likelihood
 * {@code sum_i rho(r_i / sigma) + n log sigma + n log Z} is minimised over the law's free
 * parameters (log-space ones as logarithms, as the notebook's a, b, e) and s = log sigma, from
 * a given start, with unbounded L-BFGS (the notebook uses BFGS; both find the same optimum).
 *
 * <p>Standard errors come from the information matrix estimated by the outer product of the
 * per-row scores (Berndt, Hall, Hall and Hausman 1974), I = sum_i g_i g_i' with g_i the
 * gradient of row i's negative log-density, Cov = I^-1, and the delta method for log-space
 * parameters, SE(A) = A SE(log A). Why not the Hessian: with delta = 1e-3 in units of sigma
 * nearly every residual lies in the linear tails, where the density is Laplace-like and the
 * second derivative of the negative log-likelihood in the law's parameters vanishes except at
 * kinks; a finite-difference Hessian there is not positive definite and depends on its step.
 * The outer product estimates the same information (for a correctly specified density the two
 * agree in expectation) and is well defined.
 *
 * <p>The result is an ordinary {@link Fit} with sigma beside it ({@link Result}). It is built
 * here rather than by {@link Fitter}: the likelihood has a parameter that is not the law's and
 * an objective that is not a sum of per-residual losses, so it is no {@code FitProblem}. The
 * parts a fit shares with every other come from the same places: the statistics from
 * {@link Fitter#statistics}, the provenance from {@link Provenance#of} over options that say
 * what ran here.
 */
public final class HuberLikelihood {
    /** Besiroglu et al.'s Huber threshold, in units of sigma. */
    public static final double DEFAULT_DELTA = 1e-3;

    private HuberLikelihood() {
    }

    /** The density's normaliser Z(delta). */
    public static double normaliser(double delta) {
        return Math.sqrt(2 * Math.PI) * Erf.erf(delta / Math.sqrt(2)) + 2 * Math.exp(-0.5 * delta * delta) / delta;
    }

    /**
     * A maximum-likelihood fit: an ordinary {@link Fit} of the law and the fitted noise scale
     * beside it.
     *
     * <p>Why sigma is not among the fit's parameters: it is a parameter of the noise density,
     * not of the law. Everything that reads a {@code Fit} (prediction through
     * {@link dev.slaw.fit.Predictor#at}, planning, a saved fit file, which names each of the law's
     * parameters once) evaluates the law with the fit's parameters, so the fit holds exactly the
     * law's, and predicts as any fit does. Sigma keeps its value and standard error here, in the
     * same {@link FittedParameter} form, and the fit's provenance names it in its objective, so a
     * saved likelihood fit still says at which scale it was fitted.
     *
     * @param fit   the law's parameters with standard errors from the information matrix, their
     *              covariance, the negative log-likelihood as the objective value, provenance
     * @param sigma the noise scale on the fitted scale (log residuals for log targets)
     */
    public record Result(Fit fit, FittedParameter sigma) {
        /** The Huber threshold of the density, in units of sigma. */
        public double delta() {
            return fit.objective().delta();
        }
    }

    /**
     * The options that describe what this estimator runs, for the fit's provenance: one start at
     * the given point, L-BFGS-B without bounds under scipy's stopping rule with tight tolerances
     * (above the rounding floor of a sum of 240 log-densities, about 1e-13 relative), one thread.
     */
    private static FitOptions options(Map<String, Double> start, double delta, List<String> notes) {
        return FitOptions.defaults().withObjective(Objective.huber().withDelta(delta))
                .withStarts(Starts.at(List.of(start))).withThreads(1).withStoppingRule(StoppingRule.SCIPY)
                .withTolerances(1e-14, 1e-7).withNotes(notes);
    }

    /**
     * Fits by maximum likelihood from {@code start} (a value for every free parameter, and
     * optionally {@code sigma}; without it sigma starts at 1, as in Besiroglu et al.'s notebook,
     * whose log sigma starts at 0: from a small sigma the steep likelihood leads the optimiser into
     * a poor local optimum). Fixed parameters stay fixed; tied parameters are not supported here.
     *
     * @param delta the Huber threshold of the density, in units of sigma
     * @param notes what was done to the rows before the fit, for the provenance
     */
    public static Result fit(Law law, Dataset data, String target, Map<String, Double> start, double delta,
                             List<String> notes) {
        long t0 = System.nanoTime();
        if (!(delta > 0)) {
            throw new BadInputException("Huber delta must be positive, got " + delta);
        }
        List<Parameter> ps = law.parameters();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            if (p.isTied()) {
                throw new BadInputException("the likelihood fit does not support tied parameters (" + p.name() + " = "
                        + p.tie() + "); fix or free it");
            }
            if (p.isFree()) {
                if (!start.containsKey(p.name())) {
                    throw new BadInputException("the likelihood fit needs a start value for " + p.name());
                }
                free.add(i);
            }
        }
        double[] raw = data.column(target);
        double[] y = raw.clone();
        boolean log = law.target() == Target.LOG;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || (log && !(y[i] > 0))) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + target
                        + "\": " + y[i] + " cannot be fitted" + (log ? " on the log scale" : ""));
            }
            if (log) {
                y[i] = Math.log(y[i]);
            }
        }
        Map<String, Double> lawStart = new LinkedHashMap<>();
        for (int s : free) {
            lawStart.put(ps.get(s).name(), start.get(ps.get(s).name()));
        }
        FitOptions options = options(lawStart, delta, notes);
        Nll nll = new Nll(law, law.evaluator(data), y, log, free, delta);
        int k = free.size();
        double[] u = new double[k + 1];
        double[] fixedValues = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            fixedValues[i] = p.isFixed() ? p.fixed().getAsDouble() : start.get(p.name());
        }
        nll.base = fixedValues;
        for (int s = 0; s < k; s++) {
            Parameter p = ps.get(free.get(s));
            u[s] = p.transform().toOptimizer(start.get(p.name()));
        }
        double sigmaStart = start.getOrDefault("sigma", 1.0);
        u[k] = Math.log(sigmaStart);
        OptimizationResult r = Lbfgsb.withDefaults().withFunctionTolerance(options.functionTolerance())
                .withGradientTolerance(options.gradientTolerance()).withStoppingRule(options.stoppingRule())
                .withMaxIterations(20000).minimize(nll, u, Bounds.unbounded(k + 1));
        double[] opt = r.point();
        double[][] inverse = inverseInformation(outerProduct(nll.scores(opt)));
        String why = inverse == null ? "information matrix singular at the optimum" : "";
        // standard errors and covariance in parameter units: the delta method through each transform
        double[] slope = new double[k + 1];
        for (int s = 0; s < k; s++) {
            slope[s] = ps.get(free.get(s)).transform().derivative(opt[s]);
        }
        double sigma = Math.exp(opt[k]);
        slope[k] = sigma;
        double[][] covariance = null;
        if (inverse != null) {
            covariance = new double[k][k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    covariance[a][b] = inverse[a][b] * slope[a] * slope[b];
                }
            }
        }
        double[] values = nll.parameters(opt);
        List<FittedParameter> fitted = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter d = ps.get(i);
            int s = free.indexOf(i);
            FittedParameter.State state = s < 0 ? FittedParameter.State.FIXED : FittedParameter.State.FREE;
            fitted.add(new FittedParameter(d.name(), values[i], s < 0 ? Double.NaN : standardError(inverse, s, slope),
                    s < 0 ? "fixed" : why, state, null, d.lower(), d.upper(), s < 0 ? Double.NaN : start.get(d.name())));
        }
        FittedParameter sigmaEstimate = new FittedParameter("sigma", sigma, standardError(inverse, k, slope), why,
                FittedParameter.State.FREE, null, 0, Double.POSITIVE_INFINITY, sigmaStart);

        double[] predictions = new double[y.length];
        law.evaluator(data).evaluate(values, predictions, null);
        double[] residuals = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            residuals[i] = log ? y[i] - Math.log(predictions[i]) : y[i] - predictions[i];
        }
        FitStatistics statistics = Fitter.statistics(law, raw, y, residuals, predictions, k);
        List<String> warnings = new ArrayList<>();
        if (inverse == null) {
            warnings.add("no standard errors: " + why);
        }
        if (!r.converged()) {
            warnings.add("the likelihood fit stopped without converging: " + r.message());
        }
        String status = r.status().name().toLowerCase(Locale.ROOT);
        StartSummary starts = new StartSummary(options.starts().describe(), 1, r.converged() ? 1 : 0, 1,
                r.converged() ? 0 : 1, 0, Map.of(status, 1));
        Convergence convergence = new Convergence(r.converged(), r.message(), r.iterations(), r.evaluations(),
                r.evaluations());
        Provenance provenance = Provenance.of(options, law, target, data, (System.nanoTime() - t0) / 1e6)
                .withEstimator(describe(delta, sigmaEstimate), estimatorChoices(sigmaStart));
        Fit fit = new Fit(law, target, fitted, covariance, inverse == null ? "none: " + why
                : "inverse information matrix (outer product of per-row scores), delta method for log-space parameters",
                r.value(), options.objective(), convergence, starts, statistics, provenance, warnings);
        return new Result(fit, sigmaEstimate);
    }

    /** The objective as the fit's provenance records it, with the fitted scale. */
    private static String describe(double delta, FittedParameter sigma) {
        return String.format(Locale.ROOT, "huber likelihood (delta=%s in units of sigma; fitted sigma=%.6g +/- %.4g),"
                + " negative log-likelihood, summed", dev.slaw.law.Numbers.compact(delta), sigma.value(),
                sigma.standardError());
    }

    /** What the options do not say: that the fit maximised the likelihood, and where sigma started. */
    private static Map<String, Object> estimatorChoices(double sigmaStart) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("estimator", "huber_likelihood");
        c.put("sigma_start", sigmaStart);
        return c;
    }

    /** The inverse of the information matrix, or null when it is singular. */
    private static double[][] inverseInformation(double[][] information) {
        try {
            return new LUDecomposition(new Array2DRowRealMatrix(information, false)).getSolver().getInverse().getData();
        } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
            // a singular information matrix leaves the standard errors undefined; the fitted values stand
            return null;
        }
    }

    /** Coordinate {@code s}'s standard error in parameter units, NaN when undefined. */
    private static double standardError(double[][] inverse, int s, double[] slope) {
        if (inverse == null || !(inverse[s][s] >= 0)) {
            return Double.NaN;
        }
        return Math.sqrt(inverse[s][s]) * slope[s];
    }

    private static double[][] outerProduct(double[][] scores) {
        int k = scores[0].length;
        double[][] b = new double[k][k];
        for (double[] g : scores) {
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                    b[a][c] += g[a] * g[c];
                }
            }
        }
        return b;
    }

    /** The negative log-likelihood over (free parameters in optimiser coordinates, log sigma). */
    private static final class Nll implements DifferentiableFunction {
        private final Law law;
        private final LawEvaluator evaluator;
        private final double[] y;
        private final boolean log;
        private final List<Integer> free;
        private final double delta;
        private final double logZ;
        private final double[] f;
        private final double[][] jacobian;
        double[] base;

        Nll(Law law, LawEvaluator evaluator, double[] y, boolean log, List<Integer> free, double delta) {
            this.law = law;
            this.evaluator = evaluator;
            this.y = y;
            this.log = log;
            this.free = free;
            this.delta = delta;
            this.logZ = Math.log(normaliser(delta));
            this.f = new double[y.length];
            this.jacobian = new double[law.parameters().size()][y.length];
        }

        double[] parameters(double[] u) {
            double[] p = base.clone();
            for (int s = 0; s < free.size(); s++) {
                p[free.get(s)] = law.parameters().get(free.get(s)).transform().fromOptimizer(u[s]);
            }
            return p;
        }

        /** Per-row gradients of the negative log-density, [row][coordinate]. */
        double[][] scores(double[] u) {
            int k = free.size();
            double[] p = parameters(u);
            evaluator.evaluate(p, f, jacobian);
            double sigma = Math.exp(u[k]);
            double[][] out = new double[y.length][k + 1];
            for (int i = 0; i < y.length; i++) {
                double r = log ? y[i] - Math.log(f[i]) : y[i] - f[i];
                double x = r / sigma;
                double psi = Huber.psi(x, delta);
                double c = psi / sigma * (log ? -1 / f[i] : -1);
                for (int s = 0; s < k; s++) {
                    int j = free.get(s);
                    out[i][s] = c * jacobian[j][i] * law.parameters().get(j).transform().derivative(u[s]);
                }
                out[i][k] = 1 - psi * x;
            }
            return out;
        }

        @Override
        public double valueAndGradient(double[] u, double[] gradient) {
            int k = free.size();
            double[] p = parameters(u);
            evaluator.evaluate(p, f, jacobian);
            double sigma = Math.exp(u[k]);
            int n = y.length;
            double value = n * (u[k] + logZ);
            double[] coefficient = new double[n];
            double gs = n;
            for (int i = 0; i < n; i++) {
                if (log && !(f[i] > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                double r = log ? y[i] - Math.log(f[i]) : y[i] - f[i];
                double x = r / sigma;
                value += Huber.rho(x, delta);
                double psi = Huber.psi(x, delta);
                // d/df of rho(r / sigma) = psi / sigma * dr/df
                coefficient[i] = psi / sigma * (log ? -1 / f[i] : -1);
                // d/ds of rho(r / e^s) = psi * (-x)
                gs -= psi * x;
            }
            for (int s = 0; s < k; s++) {
                int j = free.get(s);
                double g = 0;
                for (int i = 0; i < n; i++) {
                    g += coefficient[i] * jacobian[j][i];
                }
                gradient[s] = g * law.parameters().get(j).transform().derivative(u[s]);
            }
            gradient[k] = gs;
            return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
        }
    }
}
