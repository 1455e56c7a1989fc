package dev.slaw.optim;

import java.util.Arrays;
import java.util.Locale;

/**
 * L-BFGS-B: limited-memory BFGS with box constraints (Byrd, Lu, Nocedal and Zhu 1995, "A limited
 * memory algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5): 1190-1208),
 * with the subspace step of Morales and Nocedal (2011), "Remark on Algorithm 778", ACM TOMS 38(1).
 *
 * <p>Each iteration
 * <ol>
 *   <li>finds the generalized Cauchy point: the first local minimiser of the quadratic model along
 *       the projected steepest-descent path {@code P(x - t g)}, which fixes the variables that
 *       reach a bound;</li>
 *   <li>minimises the model over the remaining free variables (direct primal method), projects
 *       the result into the box and falls back to the feasible part of that step if the projected
 *       one is not a descent direction or is worse for the model than the Cauchy point;</li>
 *   <li>searches along the resulting direction with the Moré-Thuente line search (strong Wolfe,
 *       {@code ftol = 1e-3}, {@code gtol = 0.9}), never beyond the box;</li>
 *   <li>updates the limited memory with the new pair {@code (s, y)} unless its curvature
 *       {@code s'y <= eps * y'y}.</li>
 * </ol>
 *
 * <p>The model Hessian is the limited-memory BFGS matrix of Byrd, Nocedal and Schnabel (1994):
 * {@code theta * I} updated by the last {@code m} pairs, {@code theta = y'y / s'y} of the newest
 * pair. Because slaw's problems have few variables (2 to 20), it is held as a dense
 * {@code n x n} matrix rebuilt from the pairs after each update; this is the same matrix as the
 * compact form {@code theta I - W M W'} and, for {@code n < 2m}, cheaper to use.
 *
 * <p>The defaults and stopping rules are scipy's {@code minimize(method="L-BFGS-B")}, so that
 * published scipy fits reproduce; see the package documentation. Configured instances are
 * immutable and thread-safe; each minimisation makes its own work arrays, and no objects are
 * created while iterating.
 */
public final class Lbfgsb {
    /** Number of correction pairs kept: scipy's {@code maxcor}. */
    public static final int DEFAULT_MEMORY = 10;
    /**
     * scipy's {@code ftol}, {@code factr * eps} with {@code factr = 1e7}: stop when
     * {@code (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol}.
     */
    public static final double DEFAULT_FUNCTION_TOLERANCE = 2.220446049250313e-09;
    /** scipy's {@code gtol} ({@code pgtol}): stop when {@code max_i |proj g_i| <= gtol}. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-5;
    /** scipy's {@code maxiter}. */
    public static final int DEFAULT_MAX_ITERATIONS = 15000;
    /** scipy's {@code maxfun}. */
    public static final int DEFAULT_MAX_EVALUATIONS = 15000;

    private static final Lbfgsb DEFAULTS = new Lbfgsb(DEFAULT_MEMORY, DEFAULT_FUNCTION_TOLERANCE,
            DEFAULT_GRADIENT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_EVALUATIONS, StoppingRule.SCIPY);

    /** Under the relative rule, objectives below this fraction of the start's count as zero. */
    private static final double RELATIVE_FLOOR = 1e-12;

    private final int memory;
    private final double functionTolerance;
    private final double gradientTolerance;
    private final int maxIterations;
    private final int maxEvaluations;
    /** What the tolerances are relative to; {@code 1} (scipy) or the objective's magnitude. */
    private final StoppingRule stoppingRule;
    /** Stop messages, made once: thousands of starts end with one of them. */
    private final String gradientMessage;
    private final String functionMessage;

    private Lbfgsb(int memory, double functionTolerance, double gradientTolerance, int maxIterations,
                   int maxEvaluations, StoppingRule stoppingRule) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be at least 1, got " + memory);
        }
        if (!(functionTolerance >= 0) || Double.isInfinite(functionTolerance)) {
            throw new IllegalArgumentException("function tolerance must be finite and >= 0, got "
                    + functionTolerance);
        }
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradient tolerance must be finite and >= 0, got "
                    + gradientTolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1, got " + maxIterations);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("max evaluations must be at least 1, got " + maxEvaluations);
        }
        this.memory = memory;
        this.functionTolerance = functionTolerance;
        this.gradientTolerance = gradientTolerance;
        this.maxIterations = maxIterations;
        this.maxEvaluations = maxEvaluations;
        this.stoppingRule = java.util.Objects.requireNonNull(stoppingRule, "stoppingRule");
        boolean relative = stoppingRule == StoppingRule.RELATIVE;
        this.gradientMessage = "projected gradient <= gtol " + gradientTolerance + (relative ? " * |f|" : "");
        this.functionMessage = "relative reduction of f <= ftol " + functionTolerance;
    }

    /** scipy's defaults: memory 10, ftol 2.22e-9, gtol 1e-5, 15000 iterations and evaluations. */
    public static Lbfgsb withDefaults() {
        return DEFAULTS;
    }

    /** A copy keeping {@code m >= 1} correction pairs. */
    public Lbfgsb withMemory(int m) {
        return new Lbfgsb(m, functionTolerance, gradientTolerance, maxIterations, maxEvaluations, stoppingRule);
    }

    /** A copy with relative-reduction tolerance {@code ftol} (scipy's {@code ftol}). */
    public Lbfgsb withFunctionTolerance(double ftol) {
        return new Lbfgsb(memory, ftol, gradientTolerance, maxIterations, maxEvaluations, stoppingRule);
    }

    /** A copy with projected-gradient tolerance {@code gtol} (scipy's {@code gtol}). */
    public Lbfgsb withGradientTolerance(double gtol) {
        return new Lbfgsb(memory, functionTolerance, gtol, maxIterations, maxEvaluations, stoppingRule);
    }

    /** A copy stopping after {@code n} iterations (accepted steps). */
    public Lbfgsb withMaxIterations(int n) {
        return new Lbfgsb(memory, functionTolerance, gradientTolerance, n, maxEvaluations, stoppingRule);
    }

    /**
     * A copy stopping once more than {@code n} evaluations have been used; checked after each
     * iteration, as scipy does, so a line search may overrun it by a few.
     */
    public Lbfgsb withMaxEvaluations(int n) {
        return new Lbfgsb(memory, functionTolerance, gradientTolerance, maxIterations, n, stoppingRule);
    }

    /**
     * A copy measuring its tolerances against {@code rule}: {@link StoppingRule#SCIPY} (the
     * default) or {@link StoppingRule#RELATIVE} (the objective's magnitude, scale-free).
     */
    public Lbfgsb withStoppingRule(StoppingRule rule) {
        return new Lbfgsb(memory, functionTolerance, gradientTolerance, maxIterations, maxEvaluations, rule);
    }

    public StoppingRule stoppingRule() {
        return stoppingRule;
    }

    public int memory() {
        return memory;
    }

    public double functionTolerance() {
        return functionTolerance;
    }

    public double gradientTolerance() {
        return gradientTolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public int maxEvaluations() {
        return maxEvaluations;
    }

    /**
     * Minimises {@code f} over {@code bounds} from {@code start}, which is first projected into
     * the box. {@code f} is only ever evaluated inside the box.
     *
     * @throws IllegalArgumentException if the start does not match the bounds' dimension or holds NaN
     */
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, Bounds bounds) {
        int n = bounds.dimension();
        if (start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " entries, bounds "
                    + n);
        }
        if (n == 0) {
            throw new IllegalArgumentException("nothing to minimise: dimension 0");
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(start[i])) {
                throw new IllegalArgumentException("start[" + i + "] is NaN");
            }
        }
        Run run = new Run(n, memory);
        // reset here, not in solve, so that the JIT compiles it once, not into solve's two forms
        run.reset(this, f, start, bounds);
        return run.solve();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "L-BFGS-B(memory=%d, ftol=%s, gtol=%s, maxIterations=%d, maxEvaluations=%d, stop=%s)",
                memory, functionTolerance, gradientTolerance, maxIterations, maxEvaluations, stoppingRule.label());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lbfgsb l && memory == l.memory && functionTolerance == l.functionTolerance
                && gradientTolerance == l.gradientTolerance && maxIterations == l.maxIterations
                && maxEvaluations == l.maxEvaluations && stoppingRule == l.stoppingRule;
    }

    @Override
    public int hashCode() {
        return ((memory * 31 + Double.hashCode(functionTolerance)) * 31
                + Double.hashCode(gradientTolerance)) * 31 + maxIterations * 17 + maxEvaluations
                + stoppingRule.hashCode() * 7;
    }

    /** The work arrays of one dimension and memory, and the state of the minimisation using them. */
    private static final class Run {
        private static final double EPS = Math.ulp(1.0);
        /** The step limit when no bound restricts the search direction (L-BFGS-B's {@code big}). */
        private static final double BIG_STEP = 1e10;
        /** Evaluations allowed in one line search before it counts as failed (L-BFGS-B's 20). */
        private static final int MAX_LINE_SEARCH_EVALUATIONS = 20;

        // Kinds of bound per variable.
        private static final int UNBOUNDED = 0;
        private static final int LOWER = 1;
        private static final int BOTH = 2;
        private static final int UPPER = 3;

        // Where a variable stands at the Cauchy point (L-BFGS-B's iwhere).
        private static final int FREE_UNBOUNDED = -1;
        private static final int FREE = 0;
        private static final int FREE_ZERO_GRADIENT = -3;
        private static final int AT_LOWER = 1;
        private static final int AT_UPPER = 2;
        private static final int ALWAYS_FIXED = 3;

        private final int n;
        private final int m;
        private Lbfgsb options;
        /** Whether the tolerances are relative to the objective (read once per minimisation). */
        private boolean relative;
        /** The least objective size the tolerances are measured against: 1 (scipy), 1e-12 f(start) (relative). */
        private double floor;
        private DifferentiableFunction f;
        private final double[] lo;
        private final double[] hi;
        private final int[] kind;
        private boolean constrained;
        private boolean boxed;

        // Current iterate and the trial point of the line search.
        private final double[] x;
        private final double[] g;
        private double fx;
        private final double[] xTrial;
        private final double[] gTrial;
        private final double[] xBest;
        private final double[] gBest;
        /** The lowest trial of the line searches since the last accepted step. */
        private double fBest;

        // Search direction: z is the point aimed at, d = z - x.
        private final double[] z;
        private final double[] d;
        private final int[] where;

        // Cauchy point work.
        private final double[] cauchyDirection;
        private final double[] bTimesDirection;
        private final double[] c;
        private final double[] breakStep;
        private final int[] breakIndex;

        // Subspace minimisation work.
        private final int[] freeIndex;
        private final double[] reduced;
        private final double[] step;
        private final double[] savedZ;

        // Limited memory: pairs in a ring buffer, oldest at (head - count) mod m.
        private final double[][] s;
        private final double[][] y;
        private final double[] sy;
        private int head;
        private int count;
        private double theta;
        private final double[] hessian;
        private final double[] bs;
        private boolean hessianStale;

        private final MoreThuenteLineSearch lineSearch = new MoreThuenteLineSearch();
        private int evaluations;
        private int iterations;

        Run(int n, int m) {
            this.n = n;
            this.m = m;
            this.lo = new double[n];
            this.hi = new double[n];
            this.kind = new int[n];
            this.x = new double[n];
            this.g = new double[n];
            this.xTrial = new double[n];
            this.gTrial = new double[n];
            this.xBest = new double[n];
            this.gBest = new double[n];
            this.z = new double[n];
            this.d = new double[n];
            this.where = new int[n];
            this.cauchyDirection = new double[n];
            this.bTimesDirection = new double[n];
            this.c = new double[n];
            this.breakStep = new double[n];
            this.breakIndex = new int[n];
            this.freeIndex = new int[n];
            this.reduced = new double[n * n];
            this.step = new double[n];
            this.savedZ = new double[n];
            this.s = new double[m][n];
            this.y = new double[m][n];
            this.sy = new double[m];
            this.hessian = new double[n * n];
            this.bs = new double[n];
        }

        /**
         * Readies the arrays for minimising {@code f} from {@code start}: every value a
         * minimisation reads before writing is set here, so nothing carries over between runs.
         */
        void reset(Lbfgsb options, DifferentiableFunction f, double[] start, Bounds bounds) {
            this.options = options;
            this.relative = options.stoppingRule == StoppingRule.RELATIVE;
            this.f = f;
            boolean anyBound = false;
            boolean allBoxed = true;
            for (int i = 0; i < n; i++) {
                lo[i] = bounds.lower(i);
                hi[i] = bounds.upper(i);
                boolean hasLower = lo[i] != Double.NEGATIVE_INFINITY;
                boolean hasUpper = hi[i] != Double.POSITIVE_INFINITY;
                kind[i] = hasLower ? (hasUpper ? BOTH : LOWER) : (hasUpper ? UPPER : UNBOUNDED);
                anyBound |= hasLower || hasUpper;
                allBoxed &= hasLower && hasUpper;
                x[i] = Math.min(hi[i], Math.max(lo[i], start[i])); // the start projected into the box
                if (kind[i] == UNBOUNDED) {
                    where[i] = FREE_UNBOUNDED;
                } else if (kind[i] == BOTH && hi[i] - lo[i] <= 0) {
                    where[i] = ALWAYS_FIXED;
                } else {
                    where[i] = FREE;
                }
            }
            this.constrained = anyBound;
            this.boxed = allBoxed;
            fBest = Double.POSITIVE_INFINITY;
            evaluations = 0;
            iterations = 0;
            resetMemory();
        }

        /**
         * What the gradient tolerance multiplies: 1 under scipy's rules, |f| under the relative
         * ones (but not below 1e-12 of |f| at the start, so that a fit whose objective falls to
         * rounding noise, as on noiseless data, stops there instead of failing its line search).
         */
        private double gradientScale(double f) {
            return relative ? Math.max(Math.abs(f), floor) : 1.0;
        }

        /** Minimises from the point {@link #reset} left in x. */
        OptimizationResult solve() {
            fx = f.valueAndGradient(x, g);
            evaluations = 1;
            floor = relative ? RELATIVE_FLOOR * Math.abs(fx) : 1.0;
            if (!DifferentiableFunction.isDefined(fx, g)) {
                return result(OptimizationResult.Status.NOT_FINITE,
                        "the function or its gradient is not finite at the start point");
            }
            double projectedGradient = projectedGradientNorm();
            if (projectedGradient <= options.gradientTolerance * gradientScale(fx)) {
                return converged(OptimizationResult.Status.CONVERGED_GRADIENT);
            }
            while (true) {
                if (!searchDirection()) {
                    if (count == 0) {
                        return lineSearchFailed("no usable search direction: the gradient overflows");
                    }
                    // The model matrix lost positive definiteness to rounding: start afresh.
                    resetMemory();
                    continue;
                }
                double fOld = fx;
                if (!lineSearchAlongDirection()) {
                    if (count == 0) {
                        return lineSearchFailed("the line search found no acceptable step, even along"
                                + " the steepest descent after resetting the memory");
                    }
                    // L-BFGS-B's remedy: forget the memory and retry from the steepest descent.
                    resetMemory();
                    continue;
                }
                fBest = Double.POSITIVE_INFINITY;
                iterations++;
                // Same order as scipy: the limits are checked before the convergence tests.
                if (iterations >= options.maxIterations) {
                    return result(OptimizationResult.Status.MAX_ITERATIONS,
                            "stopped after the maximum of " + options.maxIterations + " iterations");
                }
                if (evaluations > options.maxEvaluations) {
                    return result(OptimizationResult.Status.MAX_EVALUATIONS,
                            "stopped after " + evaluations + " evaluations (maximum "
                                    + options.maxEvaluations + ")");
                }
                projectedGradient = projectedGradientNorm();
                if (projectedGradient <= options.gradientTolerance * gradientScale(fx)) {
                    return converged(OptimizationResult.Status.CONVERGED_GRADIENT);
                }
                double scale = Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), floor);
                if (fOld - fx <= options.functionTolerance * scale) {
                    return converged(OptimizationResult.Status.CONVERGED_FUNCTION);
                }
                updateMemory();
            }
        }

        /**
         * Sets z (the point the step aims at) and d = z - x. Returns false if the model matrix is
         * not positive definite.
         */
        private boolean searchDirection() {
            if (hessianStale) {
                rebuildHessian();
            }
            if (!constrained && count > 0) {
                // Without bounds the Cauchy point is not needed: the subspace step from x over all
                // variables is the plain L-BFGS step (as in L-BFGS-B).
                System.arraycopy(x, 0, z, 0, n);
                Arrays.fill(c, 0.0);
            } else if (!cauchyPoint()) {
                return false;
            }
            if (count > 0 && !subspaceStep()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                d[i] = z[i] - x[i];
            }
            return true;
        }

        /**
         * The generalized Cauchy point (Byrd et al. 1995, sec. 4): walks the piecewise-linear path
         * x(t) = P(x - t g), fixing each variable when it reaches its bound, until the quadratic
         * model m(x(t)) = g'(x(t) - x) + (x(t) - x)'B(x(t) - x)/2 stops decreasing. Leaves the point
         * in z, c = B(z - x), and the fixed variables marked in {@code where}.
         */
        private boolean cauchyPoint() {
            System.arraycopy(x, 0, z, 0, n);
            Arrays.fill(c, 0.0);
            boolean allBounded = true;
            boolean anyMoving = false;
            int breaks = 0;
            double f1 = 0.0; // slope of the model along the current segment
            for (int i = 0; i < n; i++) {
                double descent = -g[i];
                double toLower = 0.0;
                double toUpper = 0.0;
                if (where[i] != ALWAYS_FIXED && where[i] != FREE_UNBOUNDED) {
                    boolean hasLower = kind[i] == LOWER || kind[i] == BOTH;
                    boolean hasUpper = kind[i] == UPPER || kind[i] == BOTH;
                    if (hasLower) {
                        toLower = x[i] - lo[i];
                    }
                    if (hasUpper) {
                        toUpper = hi[i] - x[i];
                    }
                    where[i] = FREE;
                    if (hasLower && toLower <= 0.0) {
                        if (descent <= 0.0) {
                            where[i] = AT_LOWER;
                        }
                    } else if (hasUpper && toUpper <= 0.0) {
                        if (descent >= 0.0) {
                            where[i] = AT_UPPER;
                        }
                    } else if (descent == 0.0) {
                        where[i] = FREE_ZERO_GRADIENT;
                    }
                }
                if (where[i] != FREE && where[i] != FREE_UNBOUNDED) {
                    cauchyDirection[i] = 0.0;
                    continue;
                }
                cauchyDirection[i] = descent;
                f1 -= descent * descent;
                if (descent < 0.0 && (kind[i] == LOWER || kind[i] == BOTH)) {
                    breakStep[breaks] = toLower / -descent;
                    breakIndex[breaks++] = i;
                } else if (descent > 0.0 && (kind[i] == UPPER || kind[i] == BOTH)) {
                    breakStep[breaks] = toUpper / descent;
                    breakIndex[breaks++] = i;
                } else if (descent != 0.0) {
                    allBounded = false;
                }
                anyMoving |= descent != 0.0;
            }
            if (!anyMoving) {
                return true; // the projected gradient is zero: x itself is the Cauchy point
            }
            multiply(hessian, cauchyDirection, bTimesDirection);
            double f2 = dot(cauchyDirection, bTimesDirection); // curvature along the segment
            double f2Original = f2;
            if (!(f2 > 0.0)) {
                return false;
            }
            double minimiser = -f1 / f2; // step to the model minimiser within the current segment
            double travelled = 0.0;
            double segmentStart;
            double segmentEnd = 0.0;
            for (int k = 0; k < breaks; k++) {
                nextBreakpoint(k, breaks);
                segmentStart = segmentEnd;
                segmentEnd = breakStep[k];
                int b = breakIndex[k];
                double dt = segmentEnd - segmentStart;
                if (minimiser < dt) {
                    break; // the minimiser lies inside this segment
                }
                travelled += dt;
                double db = cauchyDirection[b];
                cauchyDirection[b] = 0.0;
                double zb;
                if (db > 0.0) {
                    zb = hi[b] - x[b];
                    z[b] = hi[b];
                    where[b] = AT_UPPER;
                } else {
                    zb = lo[b] - x[b];
                    z[b] = lo[b];
                    where[b] = AT_LOWER;
                }
                axpy(dt, bTimesDirection, c);
                if (k == breaks - 1 && breaks == n) {
                    // Every variable reached a bound: the Cauchy point is the far corner.
                    return true;
                }
                // Leaving the segment: the slope gains dt * curvature, and dropping variable b from
                // the direction removes its terms g_b d_b and d_b (B z)_b.
                f1 += dt * f2 + db * db - db * c[b];
                f2 += -2.0 * db * bTimesDirection[b] + db * db * hessian[b * n + b];
                for (int i = 0; i < n; i++) {
                    bTimesDirection[i] -= db * hessian[i * n + b];
                }
                // Guard against rounding making the curvature vanish (L-BFGS-B does the same).
                f2 = Math.max(EPS * f2Original, f2);
                if (k < breaks - 1) {
                    minimiser = -f1 / f2;
                } else if (allBounded) {
                    minimiser = 0.0;
                } else {
                    minimiser = -f1 / f2;
                }
            }
            minimiser = Math.max(minimiser, 0.0); // as "if <= 0 then 0", NaN kept, but no branch
            travelled += minimiser;
            for (int i = 0; i < n; i++) {
                if (cauchyDirection[i] != 0.0) {
                    z[i] = clamp(i, x[i] + travelled * cauchyDirection[i]);
                }
            }
            axpy(minimiser, bTimesDirection, c);
            return true;
        }

        /**
         * Minimises the model over the variables left free at the Cauchy point (Byrd et al. 1995,
         * sec. 5.1, direct primal method): solves B_FF du = -(g + B(z - x))_F by Cholesky, projects
         * z + du into the box, and keeps the projection only if it is still a descent direction from
         * x (Morales and Nocedal 2011) that does not raise the model above its value at the Cauchy
         * point; otherwise backs off to the feasible part of du (Byrd et al. 1995).
         */
        private boolean subspaceStep() {
            // The reduced system B_FF du = -(g + c)_F is solved embedded in an n x n one whose
            // fixed variables have unit rows and columns and a zero right side: the same
            // arithmetic (every extra term is an exact +0), but loops of one fixed length, so that
            // the JIT's code does not depend on how many variables are free. The free variables
            // are listed without a branch, so that the rarely taken paths below, which visit only
            // them, hold no test a compiled method could find untaken and trap on.
            int free = 0;
            for (int i = 0; i < n; i++) {
                boolean isFree = where[i] <= FREE;
                freeIndex[free] = i;
                free += (where[i] - 1) >>> 31; // 1 when where[i] <= FREE (0)
                step[i] = isFree ? -(g[i] + c[i]) : 0.0;
                int row = i * n;
                for (int j = 0; j < i; j++) {
                    reduced[row + j] = isFree && where[j] <= FREE ? hessian[row + j] : 0.0;
                }
                reduced[row + i] = isFree ? hessian[row + i] : 1.0;
            }
            if (free == 0) {
                return true;
            }
            if (!choleskySolve(free)) {
                return false;
            }
            System.arraycopy(z, 0, savedZ, 0, n);
            boolean hitBound = false;
            for (int a = 0; a < free; a++) {
                int i = freeIndex[a];
                double v = clamp(i, z[i] + step[i]);
                if (v == lo[i] || v == hi[i]) {
                    hitBound = true;
                }
                z[i] = v;
            }
            if (!hitBound) {
                return true;
            }
            double slope = 0.0;
            for (int i = 0; i < n; i++) {
                slope += (z[i] - x[i]) * g[i];
            }
            if (slope <= 0.0 && modelChange(z) <= modelChange(savedZ)) {
                return true;
            }
            // The projected point is uphill, or the model is worse there than at the Cauchy point:
            // take the longest feasible fraction of the step instead. Morales and Nocedal test only
            // the slope; the model test is slaw's addition, because the convergence theory of
            // Byrd et al. needs m(z) <= m(Cauchy point) and without it a clipped step can point
            // almost orthogonally to the gradient, so that the ftol test stops far from a KKT point.
            System.arraycopy(savedZ, 0, z, 0, n);
            double alpha = 1.0;
            int limiting = -1;
            for (int a = 0; a < free; a++) {
                int i = freeIndex[a];
                double da = step[i];
                double limit = alpha;
                if (da < 0.0 && (kind[i] == LOWER || kind[i] == BOTH)) {
                    double room = lo[i] - z[i];
                    limit = room >= 0.0 ? 0.0 : (da * alpha < room ? room / da : alpha);
                } else if (da > 0.0 && (kind[i] == UPPER || kind[i] == BOTH)) {
                    double room = hi[i] - z[i];
                    limit = room <= 0.0 ? 0.0 : (da * alpha > room ? room / da : alpha);
                }
                if (limit < alpha) {
                    alpha = limit;
                    limiting = i;
                }
            }
            if (alpha < 1.0) {
                z[limiting] = step[limiting] > 0.0 ? hi[limiting] : lo[limiting];
                step[limiting] = 0.0;
            }
            for (int a = 0; a < free; a++) {
                int i = freeIndex[a];
                z[i] = clamp(i, z[i] + alpha * step[i]);
            }
            return true;
        }

        /** The model change g'(p - x) + (p - x)'B(p - x)/2 from x to the point p. */
        private double modelChange(double[] p) {
            double value = 0.0;
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    sum += hessian[row + j] * (p[j] - x[j]);
                }
                double di = p[i] - x[i];
                value += di * (g[i] + 0.5 * sum);
            }
            return value;
        }

        /**
         * Solves (lower triangle of {@code reduced}) * v = step in place by Cholesky, n x n, for the
         * first {@code free} variables of {@code freeIndex}. False if the matrix is not numerically
         * positive definite.
         */
        private boolean choleskySolve(int free) {
            int k = n;
            double[] a = reduced;
            for (int j = 0; j < k; j++) {
                double diagonal = a[j * k + j];
                for (int p = 0; p < j; p++) {
                    diagonal -= a[j * k + p] * a[j * k + p];
                }
                if (!(diagonal > 0.0)) {
                    return false;
                }
                double root = Math.sqrt(diagonal);
                a[j * k + j] = root;
                for (int i = j + 1; i < k; i++) {
                    double v = a[i * k + j];
                    for (int p = 0; p < j; p++) {
                        v -= a[i * k + p] * a[j * k + p];
                    }
                    a[i * k + j] = v / root;
                }
            }
            // only the free rows: the fixed variables' entries of step stay exactly 0, even where
            // the free ones overflow
            for (int f = 0; f < free; f++) {
                int i = freeIndex[f];
                double v = step[i];
                for (int p = 0; p < i; p++) {
                    v -= a[i * k + p] * step[p];
                }
                step[i] = v / a[i * k + i];
            }
            for (int f = free - 1; f >= 0; f--) {
                int i = freeIndex[f];
                double v = step[i];
                for (int p = i + 1; p < k; p++) {
                    v -= a[p * k + i] * step[p];
                }
                step[i] = v / a[i * k + i];
            }
            return true;
        }

        /**
         * Moré-Thuente search along d from x, within the box. On success x, g, fx hold the new
         * point. Non-finite values shrink the step toward the best step so far; after one, any
         * step with sufficient decrease is accepted.
         */
        private boolean lineSearchAlongDirection() {
            double slope0 = dot(g, d);
            if (!(slope0 < 0.0)) {
                return false; // not a descent direction: rounding has the upper hand
            }
            double stepMax = BIG_STEP;
            if (constrained) {
                if (iterations == 0) {
                    stepMax = 1.0; // the first direction already ends on the box (as L-BFGS-B)
                } else {
                    for (int i = 0; i < n; i++) {
                        double di = d[i];
                        if (di < 0.0 && (kind[i] == LOWER || kind[i] == BOTH)) {
                            double room = lo[i] - x[i];
                            if (room >= 0.0) {
                                stepMax = 0.0;
                            } else if (di * stepMax < room) {
                                stepMax = room / di;
                            }
                        } else if (di > 0.0 && (kind[i] == UPPER || kind[i] == BOTH)) {
                            double room = hi[i] - x[i];
                            if (room <= 0.0) {
                                stepMax = 0.0;
                            } else if (di * stepMax > room) {
                                stepMax = room / di;
                            }
                        }
                    }
                }
            }
            if (!(stepMax > 0.0)) {
                return false;
            }
            double first = iterations == 0 && !boxed ? Math.min(1.0 / Math.sqrt(dot(d, d)), stepMax) : 1.0;
            lineSearch.start(fx, slope0, Math.min(first, stepMax), stepMax);
            boolean sawNonFinite = false;
            double undefinedFrom = Double.POSITIVE_INFINITY;
            // Past the last trial the search has failed. The limit is the loop's own exit test, not
            // an if that returns: a compiled method traps on an if it has never seen taken, and
            // the first start whose search runs out would throw this compiled method away.
            for (int trial = 1; trial <= MAX_LINE_SEARCH_EVALUATIONS; trial++) {
                double stp = lineSearch.step();
                if (stp == 1.0) {
                    System.arraycopy(z, 0, xTrial, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        xTrial[i] = clamp(i, x[i] + stp * d[i]);
                    }
                }
                double value = f.valueAndGradient(xTrial, gTrial);
                evaluations++;
                double slope = dot(gTrial, d);
                if (!DifferentiableFunction.isDefined(value, gTrial)) {
                    sawNonFinite = true;
                    undefinedFrom = stp;
                    double best = lineSearch.bestStep();
                    lineSearch.retreat(best + 0.5 * (stp - best), stp);
                    continue;
                }
                if (value < fBest) {
                    fBest = value;
                    System.arraycopy(xTrial, 0, xBest, 0, n);
                    System.arraycopy(gTrial, 0, gBest, 0, n);
                }
                if (sawNonFinite && lineSearch.sufficientDecrease(stp, value)) {
                    accept(value);
                    return true;
                }
                int state = lineSearch.advance(value, slope);
                if (state == MoreThuenteLineSearch.CONVERGED) {
                    accept(value);
                    return true;
                }
                if (state == MoreThuenteLineSearch.WARNING) {
                    // L-BFGS-B accepts the last trial even if it went uphill; take the best point
                    // instead (no move at all if nothing beat f(x)), which the ftol test then stops on.
                    if (value <= fx) {
                        accept(value);
                    } else if (fBest < fx) {
                        acceptBest();
                    } else {
                        System.arraycopy(x, 0, xTrial, 0, n);
                        System.arraycopy(g, 0, gTrial, 0, n);
                    }
                    return true;
                }
                double next = lineSearch.step();
                if (next >= undefinedFrom) {
                    double best = lineSearch.bestStep();
                    lineSearch.retreat(best + 0.5 * (undefinedFrom - best), undefinedFrom);
                }
            }
            return false;
        }

        /** Moves to the trial point; xTrial/gTrial keep the old point for the memory update. */
        private void accept(double value) {
            swapIn(xTrial, gTrial, value);
        }

        private void acceptBest() {
            swapIn(xBest, gBest, fBest);
        }

        private void swapIn(double[] newX, double[] newG, double value) {
            for (int i = 0; i < n; i++) {
                double xi = newX[i];
                double gi = newG[i];
                xTrial[i] = x[i];
                gTrial[i] = g[i];
                x[i] = xi;
                g[i] = gi;
            }
            fx = value;
        }

        /**
         * Adds the pair s = x_new - x_old, y = g_new - g_old (old point in xTrial/gTrial), unless
         * the curvature s'y is not safely positive (Byrd et al. 1995, sec. 6: s'y <= eps y'y).
         */
        private void updateMemory() {
            double[] sNew = s[head];
            double[] yNew = y[head];
            double sty = 0.0;
            double yty = 0.0;
            for (int i = 0; i < n; i++) {
                double si = x[i] - xTrial[i];
                double yi = g[i] - gTrial[i];
                sNew[i] = si;
                yNew[i] = yi;
                sty += si * yi;
                yty += yi * yi;
            }
            if (!(sty > EPS * yty)) {
                return; // skipped: the slot is overwritten by the next pair
            }
            sy[head] = sty;
            theta = yty / sty;
            head = (head + 1) % m;
            if (count < m) {
                count++;
            }
            hessianStale = true;
        }

        private void resetMemory() {
            count = 0;
            head = 0;
            theta = 1.0;
            hessianStale = true;
        }

        /**
         * B = theta I updated by the stored pairs, oldest first, with the direct BFGS formula
         * B+ = B - B s s'B / s'Bs + y y' / s'y (equal to the compact form of Byrd, Nocedal and
         * Schnabel 1994).
         */
        private void rebuildHessian() {
            Arrays.fill(hessian, 0.0);
            for (int i = 0; i < n; i++) {
                hessian[i * n + i] = theta;
            }
            for (int k = 0; k < count; k++) {
                int slot = Math.floorMod(head - count + k, m);
                double[] sk = s[slot];
                double[] yk = y[slot];
                multiply(hessian, sk, bs);
                double sbs = dot(sk, bs);
                double syk = sy[slot];
                for (int i = 0; i < n; i++) {
                    double bi = bs[i] / sbs;
                    double yi = yk[i] / syk;
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        hessian[row + j] += yi * yk[j] - bi * bs[j];
                    }
                }
            }
            hessianStale = false;
        }

        /**
         * Infinity norm of the projected gradient as L-BFGS-B measures it: component i is
         * x_i - P(x_i - g_i), that is g_i cut at the distance to the bound it points toward.
         */
        private double projectedGradientNorm() {
            double norm = 0.0;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (gi < 0.0) {
                    if (kind[i] == UPPER || kind[i] == BOTH) {
                        gi = Math.max(x[i] - hi[i], gi);
                    }
                } else if (kind[i] == LOWER || kind[i] == BOTH) {
                    gi = Math.min(x[i] - lo[i], gi);
                }
                norm = Math.max(norm, Math.abs(gi));
            }
            return norm;
        }

        /** Gives up, returning the lowest point seen since the last accepted step. */
        private OptimizationResult lineSearchFailed(String why) {
            if (fBest < fx) {
                System.arraycopy(xBest, 0, x, 0, n);
                System.arraycopy(gBest, 0, g, 0, n);
                fx = fBest;
            }
            return result(OptimizationResult.Status.LINE_SEARCH_FAILED, why);
        }

        private OptimizationResult converged(OptimizationResult.Status status) {
            return result(status, status == OptimizationResult.Status.CONVERGED_GRADIENT
                    ? options.gradientMessage : options.functionMessage);
        }

        private OptimizationResult result(OptimizationResult.Status status, String message) {
            return new OptimizationResult(x, fx, g, iterations, evaluations, status, message);
        }

        /**
         * Brings the smallest of breakpoints k..breaks-1 to position k, the first of equal ones,
         * keeping the others in order: taken for k = 0, 1, ... this is the order of a stable sort,
         * done only as far as the Cauchy search goes. (An insertion sort's inner while loop made
         * the JIT's code of the whole Cauchy step trap and be compiled again.)
         */
        private void nextBreakpoint(int k, int breaks) {
            int smallest = k;
            for (int q = k + 1; q < breaks; q++) {
                if (breakStep[q] < breakStep[smallest]) {
                    smallest = q;
                }
            }
            double t = breakStep[smallest];
            int index = breakIndex[smallest];
            for (int q = smallest; q > k; q--) {
                breakStep[q] = breakStep[q - 1];
                breakIndex[q] = breakIndex[q - 1];
            }
            breakStep[k] = t;
            breakIndex[k] = index;
        }

        private double clamp(int i, double v) {
            return Math.min(hi[i], Math.max(lo[i], v));
        }

        private void multiply(double[] matrix, double[] v, double[] out) {
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    sum += matrix[row + j] * v[j];
                }
                out[i] = sum;
            }
        }

        private double dot(double[] a, double[] b) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }

        private static void axpy(double alpha, double[] v, double[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] += alpha * v[i];
            }
        }
    }
}
