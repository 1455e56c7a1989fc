package dev.slaw.planning;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;

import java.util.function.DoubleUnaryOperator;

/**
 * The one-dimensional numerics planning needs: a root in a bracket, and a global minimum over an
 * interval. Every planning problem reduces to these once the budget constraint is solved for D.
 */
final class OneDimension {
    /** Grid spacing of the global scan, in natural-log units (about 0.04 decades). */
    static final double SCAN_STEP = 0.1;
    /**
     * Step of the central difference for the derivative, in log units: small enough that a
     * kink in curvature at the optimum (the data-constrained law's U_N = min(N, ...)) biases
     * the root by less than 1e-7, large enough that rounding (1e-16 relative in L) moves it by
     * less than 1e-7.
     */
    private static final double DIFFERENCE_STEP = 1e-6;

    private OneDimension() {
    }

    /** Where the minimum lies and whether it sits on an end of the searched interval. */
    record Minimum(double x, double value, boolean atBoundary) {
    }

    /** A root of f in [lo, hi], where f(lo) and f(hi) differ in sign; to about 1e-13 absolute. */
    static double root(DoubleUnaryOperator f, double lo, double hi) {
        return new BrentSolver(1e-14, 1e-13).solve(10_000, f::applyAsDouble, lo, hi);
    }

    /**
     * The global minimum of f over [lo, hi]: a scan on a grid (so several local minima cannot
     * mislead a descent), then the root of the derivative between the best point's neighbours.
     * Solving f' = 0 instead of minimising f directly matters: near a minimum f is flat to second
     * order, so a value-based search stops at about sqrt(machine epsilon) relative in x, while the
     * derivative's root is found to about 1e-9. NaN or infinite values count as +infinity (a
     * point the law cannot evaluate is never optimal).
     */
    static Minimum minimize(DoubleUnaryOperator f, double lo, double hi) {
        int steps = Math.max(2, (int) Math.ceil((hi - lo) / SCAN_STEP));
        double h = (hi - lo) / steps;
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            double v = finite(f.applyAsDouble(lo + i * h));
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        if (best < 0) {
            return new Minimum(Double.NaN, Double.NaN, false);
        }
        if (best == 0 || best == steps) {
            double x = lo + best * h;
            return new Minimum(x, bestValue, true);
        }
        double a = lo + (best - 1) * h;
        double b = lo + (best + 1) * h;
        DoubleUnaryOperator slope = x -> (finite(f.applyAsDouble(x + DIFFERENCE_STEP))
                - finite(f.applyAsDouble(x - DIFFERENCE_STEP))) / (2 * DIFFERENCE_STEP);
        double sa = slope.applyAsDouble(a);
        double sb = slope.applyAsDouble(b);
        double x;
        if (sa < 0 && sb > 0 && Double.isFinite(sa) && Double.isFinite(sb)) {
            x = root(slope, a, b);
        } else {
            // a kink or plateau: the derivative does not bracket, so fall back to a value search
            x = new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(10_000),
                    new UnivariateObjectiveFunction(t -> finite(f.applyAsDouble(t))), GoalType.MINIMIZE,
                    new SearchInterval(a, b, lo + best * h)).getPoint();
        }
        double v = f.applyAsDouble(x);
        if (!(v <= bestValue)) {
            return new Minimum(lo + best * h, bestValue, false);
        }
        return new Minimum(x, v, false);
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
