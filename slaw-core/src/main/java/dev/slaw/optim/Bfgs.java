package dev.slaw.optim;

import java.util.Arrays;

/**
 * Unconstrained BFGS with a dense inverse-Hessian approximation, step for step the algorithm of
 * scipy's {@code minimize(method="BFGS")} (Nocedal and Wright 2006, algorithm 6.1), so that a
 * published protocol run with it is reproduced to rounding: the inverse Hessian starts as the
 * identity, the first trial step has length about 1, each step comes from the Moré-Thuente line
 * search with the strong Wolfe constants c1 = 1e-4 and c2 = 0.9, and the search stops when the
 * largest gradient component is at most {@code gtol} (default 1e-5) or after 200 iterations per
 * variable.
 *
 * <p>Where scipy, after a failed Moré-Thuente search, tries a second line search (Wolfe 2,
 * bracketing and zoom) before giving up, this one stops with
 * {@link OptimizationResult.Status#LINE_SEARCH_FAILED}; on a smooth objective that is rare
 * (none of the 4,000 Epoch bootstrap refits needs it). A trial point where the function is not
 * finite makes the search back off toward the best step so far, where scipy's would fail.
 *
 * <p>Bounds are not enforced: use {@link Lbfgsb} for a bounded problem. Immutable and
 * thread-safe; each {@link #minimize} call keeps its own state.
 */
public final class Bfgs {
    /** scipy's default gradient tolerance (infinity norm). */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-5;
    /** Line search constants of scipy's BFGS. */
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final double LINE_SEARCH_XTOL = 1e-14;
    static final double STEP_MIN = 1e-100;
    static final double STEP_MAX = 1e100;
    /** scipy's limit on evaluations per line search. */
    static final int MAX_LINE_SEARCH_EVALUATIONS = 100;

    private final double gradientTolerance;
    private final int maxIterations;
    /** scipy's absolute gradient test, or one relative to |f| ({@link StoppingRule}). */
    private final StoppingRule stoppingRule;

    private Bfgs(double gradientTolerance, int maxIterations, StoppingRule stoppingRule) {
        if (!(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("gradient tolerance must be >= 0, got " + gradientTolerance);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("max iterations must be >= 0 (0: 200 per variable), got " + maxIterations);
        }
        this.gradientTolerance = gradientTolerance;
        this.maxIterations = maxIterations;
        this.stoppingRule = java.util.Objects.requireNonNull(stoppingRule, "stoppingRule");
    }

    /** scipy's defaults: gtol 1e-5, at most 200 iterations per variable. */
    public static Bfgs withDefaults() {
        return new Bfgs(DEFAULT_GRADIENT_TOLERANCE, 0, StoppingRule.SCIPY);
    }

    public Bfgs withGradientTolerance(double gtol) {
        return new Bfgs(gtol, maxIterations, stoppingRule);
    }

    /** At most {@code n} iterations; 0 means 200 per variable, as scipy. */
    public Bfgs withMaxIterations(int n) {
        return new Bfgs(gradientTolerance, n, stoppingRule);
    }

    /**
     * A copy whose gradient test is {@code max_i |g_i| <= gtol} ({@link StoppingRule#SCIPY}, the
     * default) or {@code max_i |g_i| <= gtol * |f|} ({@link StoppingRule#RELATIVE}).
     */
    public Bfgs withStoppingRule(StoppingRule rule) {
        return new Bfgs(gradientTolerance, maxIterations, rule);
    }

    public double gradientTolerance() {
        return gradientTolerance;
    }

    /** Minimises {@code f} from {@code start}. */
    public OptimizationResult minimize(DifferentiableFunction f, double[] start) {
        int n = start.length;
        int limit = maxIterations == 0 ? 200 * n : maxIterations;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        if (!DifferentiableFunction.isDefined(fx, g)) {
            return new OptimizationResult(x, fx, g, 0, evaluations, OptimizationResult.Status.NOT_FINITE,
                    "the function or its gradient is not finite at the start point");
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = 1;
        }
        double[] p = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] xTrial = new double[n];
        double[] gTrial = new double[n];
        double[] hy = new double[n];
        MoreThuenteLineSearch search = new MoreThuenteLineSearch(C1, C2, LINE_SEARCH_XTOL, STEP_MIN);
        // scipy's guess of the previous value, which makes the first trial step about 1 long
        double previousValue = fx + euclidean(g) / 2;
        double gnorm = Vectors.maxAbs(g);
        int k = 0;
        boolean relative = stoppingRule == StoppingRule.RELATIVE;
        while (gnorm > gradientTolerance * (relative ? Math.abs(fx) : 1.0) && k < limit) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum -= h[i][j] * g[j];
                }
                p[i] = sum;
            }
            double slope0 = Vectors.dot(g, p);
            if (!(slope0 < 0)) {
                return result(x, fx, g, k, evaluations, OptimizationResult.Status.LINE_SEARCH_FAILED,
                        "the search direction is not a descent direction (rounding)");
            }
            double first = slope0 != 0 ? Math.min(1.0, 1.01 * 2 * (fx - previousValue) / slope0) : 1.0;
            if (first < 0) {
                first = 1.0;
            }
            search.start(fx, slope0, first, STEP_MAX);
            double step = Double.NaN;
            double value = Double.NaN;
            double undefinedFrom = Double.POSITIVE_INFINITY;
            for (int trial = 1; trial <= MAX_LINE_SEARCH_EVALUATIONS; trial++) {
                double stp = search.step();
                for (int i = 0; i < n; i++) {
                    xTrial[i] = x[i] + stp * p[i];
                }
                double v = f.valueAndGradient(xTrial, gTrial);
                evaluations++;
                if (!DifferentiableFunction.isDefined(v, gTrial)) {
                    undefinedFrom = stp;
                    double best = search.bestStep();
                    search.retreat(best + 0.5 * (stp - best), stp);
                    continue;
                }
                int state = search.advance(v, Vectors.dot(gTrial, p));
                if (state == MoreThuenteLineSearch.CONVERGED) {
                    step = stp;
                    value = v;
                    break;
                }
                if (state == MoreThuenteLineSearch.WARNING) {
                    break;
                }
                double next = search.step();
                if (next >= undefinedFrom) {
                    double best = search.bestStep();
                    search.retreat(best + 0.5 * (undefinedFrom - best), undefinedFrom);
                }
            }
            if (Double.isNaN(step)) {
                return result(x, fx, g, k, evaluations, OptimizationResult.Status.LINE_SEARCH_FAILED,
                        "the line search found no step satisfying the Wolfe conditions (precision loss)");
            }
            for (int i = 0; i < n; i++) {
                s[i] = step * p[i];
                x[i] = x[i] + s[i];
                y[i] = gTrial[i] - g[i];
                g[i] = gTrial[i];
            }
            previousValue = fx;
            fx = value;
            k++;
            gnorm = Vectors.maxAbs(g);
            if (gnorm <= gradientTolerance * (relative ? Math.abs(fx) : 1.0)) {
                break;
            }
            if (!Double.isFinite(fx)) {
                return result(x, fx, g, k, evaluations, OptimizationResult.Status.NOT_FINITE,
                        "the function value is not finite");
            }
            double sy = Vectors.dot(y, s);
            double rho = sy == 0.0 ? 1000.0 : 1.0 / sy; // scipy's guard
            update(h, s, y, rho, hy);
        }
        if (gnorm <= gradientTolerance * (relative ? Math.abs(fx) : 1.0)) {
            return result(x, fx, g, k, evaluations, OptimizationResult.Status.CONVERGED_GRADIENT,
                    "the largest gradient component is at most " + gradientTolerance + (relative ? " * |f|" : ""));
        }
        return result(x, fx, g, k, evaluations, OptimizationResult.Status.MAX_ITERATIONS,
                "stopped after " + limit + " iterations");
    }

    /**
     * The BFGS update of the inverse Hessian, H := (I - rho s y') H (I - rho y s') + rho s s',
     * expanded as H - rho (s (H y)' + (H y) s') + (rho^2 y'Hy + rho) s s' (H is symmetric).
     */
    private static void update(double[][] h, double[] s, double[] y, double rho, double[] hy) {
        int n = s.length;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += h[i][j] * y[j];
            }
            hy[i] = sum;
        }
        double yhy = Vectors.dot(y, hy);
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j];
            }
        }
    }

    private static OptimizationResult result(double[] x, double fx, double[] g, int iterations, int evaluations,
                                             OptimizationResult.Status status, String message) {
        return new OptimizationResult(x, fx, g, iterations, evaluations, status, message);
    }

    private static double euclidean(double[] a) {
        return Math.sqrt(Vectors.dot(a, a));
    }

    @Override
    public String toString() {
        return "BFGS(gtol=" + gradientTolerance + ", maxIterations=" + (maxIterations == 0 ? "200n" : maxIterations)
                + ", stop=" + stoppingRule.label() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bfgs b && b.gradientTolerance == gradientTolerance && b.maxIterations == maxIterations
                && b.stoppingRule == stoppingRule;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[]{gradientTolerance, maxIterations}) * 31 + stoppingRule.hashCode();
    }
}
