package dev.slaw.fit;

import dev.slaw.optim.Bounds;
import dev.slaw.optim.DifferentiableFunction;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;

import java.util.Optional;

/**
 * Refits near a fit's optimum run in coordinates where the full data's curvature there is the
 * identity: x = s + L^-T v from the start s, with H = L L' the objective's Hessian at the optimum.
 * A resample's objective curves almost as the full data's does, and L-BFGS-B starts from a scaled
 * identity, so in these coordinates its first steps are nearly Newton's: on the Epoch data a
 * bootstrap replicate takes 16 evaluations instead of 69 and reaches its optimum at least as
 * closely. Bounds do not carry over to v; a refit that ends outside them runs again in x.
 *
 * <p>The factor is {@link Cholesky}'s; the triangular solves in the two directions the change of
 * coordinates needs are written here.
 */
final class Preconditioner {
    /** Lower triangle of H = L L'. */
    private final double[][] cholesky;

    private Preconditioner(double[][] cholesky) {
        this.cholesky = cholesky;
    }

    /**
     * The preconditioner for {@code problem} at {@code optimum} (optimiser coordinates), with the
     * Hessian from central differences of the analytic gradient; empty where that Hessian is not
     * finite and positive definite (a parameter the data do not determine), so those refits run
     * unchanged.
     */
    static Optional<Preconditioner> at(FitProblem problem, double[] optimum) {
        int k = optimum.length;
        double[][] h = new double[k][k];
        double[] up = new double[k];
        double[] down = new double[k];
        for (int j = 0; j < k; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(optimum[j]));
            double[] plus = optimum.clone();
            double[] minus = optimum.clone();
            plus[j] += step;
            minus[j] -= step;
            if (!Double.isFinite(problem.valueAndGradient(plus, up))
                    || !Double.isFinite(problem.valueAndGradient(minus, down))) {
                return Optional.empty();
            }
            for (int i = 0; i < k; i++) {
                h[i][j] = (up[i] - down[i]) / (2 * step);
            }
        }
        double[][] symmetric = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                symmetric[i][j] = (h[i][j] + h[j][i]) / 2;
            }
        }
        double[][] l = Cholesky.factor(symmetric);
        if (l == null) {
            return Optional.empty();
        }
        return Optional.of(new Preconditioner(l));
    }

    /**
     * Minimises {@code problem} from {@code start} with {@code lbfgsb} in the preconditioned
     * coordinates, unbounded; the result is in optimiser coordinates. Empty when it ends outside
     * {@code bounds} or without converging, for the caller to refit in x.
     */
    Optional<OptimizationResult> minimize(Lbfgsb lbfgsb, FitProblem problem, double[] start, Bounds bounds) {
        int k = start.length;
        double[] x = new double[k];
        double[] gx = new double[k];
        DifferentiableFunction inV = (v, gv) -> {
            toX(start, v, x);
            double value = problem.valueAndGradient(x, gx);
            // the chain rule: dv = L^-1 dx, solved forward
            for (int i = 0; i < k; i++) {
                double s = gx[i];
                for (int m = 0; m < i; m++) {
                    s -= cholesky[i][m] * gv[m];
                }
                gv[i] = s / cholesky[i][i];
            }
            return value;
        };
        OptimizationResult r = lbfgsb.minimize(inV, new double[k], Bounds.unbounded(k));
        double[] end = new double[k];
        toX(start, r.point(), end);
        for (int i = 0; i < k; i++) {
            if (end[i] < bounds.lower(i) || end[i] > bounds.upper(i)) {
                return Optional.empty();
            }
        }
        if (!r.converged()) {
            return Optional.empty();
        }
        double[] gradient = new double[k];
        double[] gv = r.gradient();
        for (int i = 0; i < k; i++) {
            for (int m = 0; m <= i; m++) {
                gradient[i] += cholesky[i][m] * gv[m];
            }
        }
        return Optional.of(new OptimizationResult(end, r.value(), gradient, r.iterations(), r.evaluations(),
                r.status(), r.message()));
    }

    /** x = start + L^-T v, solved backward. */
    private void toX(double[] start, double[] v, double[] x) {
        int k = v.length;
        for (int i = k - 1; i >= 0; i--) {
            double s = v[i];
            for (int m = i + 1; m < k; m++) {
                s -= cholesky[m][i] * x[m];
            }
            x[i] = s / cholesky[i][i];
        }
        for (int i = 0; i < k; i++) {
            x[i] += start[i];
        }
    }
}
