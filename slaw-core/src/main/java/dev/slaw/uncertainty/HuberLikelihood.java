package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Huber;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.DifferentiableFunction;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.special.Erf;

import java.util.ArrayList;
import java.util.List;
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
     * Fits by maximum likelihood from {@code start} (a value for every free parameter, and
     * optionally {@code sigma}; without it sigma starts at 1, as in Besiroglu et al.'s notebook,
     * whose log sigma starts at 0: from a small sigma the steep likelihood leads the optimiser into
     * a poor local optimum). Fixed parameters stay fixed; tied parameters are not supported here.
     */
    public static LikelihoodFit fit(Law law, Dataset data, String target, Map<String, Double> start, double delta) {
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
        double[] y = data.column(target);
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
        u[k] = Math.log(start.getOrDefault("sigma", 1.0));
        // tight, but above the rounding floor of a sum of 240 log-densities (about 1e-13 relative)
        OptimizationResult r = Lbfgsb.withDefaults().withFunctionTolerance(1e-14).withGradientTolerance(1e-7)
                .withMaxIterations(20000).minimize(nll, u, Bounds.unbounded(k + 1));
        double[] opt = r.point();
        double[][] h = outerProduct(nll.scores(opt));
        double[] se = new double[k + 1];
        try {
            RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(h, false)).getSolver().getInverse();
            for (int s = 0; s <= k; s++) {
                double var = inv.getEntry(s, s);
                se[s] = var >= 0 ? Math.sqrt(var) : Double.NaN;
            }
        } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
            // a singular information matrix leaves the standard errors undefined, which NaN says;
            // the fitted values stand
            java.util.Arrays.fill(se, Double.NaN);
        }
        List<LikelihoodFit.Estimate> out = new ArrayList<>();
        double[] p = nll.parameters(opt);
        for (int i = 0; i < ps.size(); i++) {
            int s = free.indexOf(i);
            double value = p[i];
            double error = s < 0 ? Double.NaN : se[s] * ps.get(i).transform().derivative(opt[s]);
            out.add(new LikelihoodFit.Estimate(ps.get(i).name(), value, error));
        }
        double sigma = Math.exp(opt[k]);
        out.add(new LikelihoodFit.Estimate("sigma", sigma, sigma * se[k]));
        return new LikelihoodFit(law, target, out, r.value(), delta, r.converged(), r.message(), r.iterations(),
                y.length);
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
