package dev.slaw.fit;

import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Transform;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.DifferentiableFunction;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;

import java.util.List;
import java.util.Optional;

/**
 * Variable projection (Golub and Pereyra 1973) on the fit's own objective: the parameters the law
 * is linear in (E, A and B of Chinchilla) are solved inside every evaluation, so the optimiser
 * moves only the others (the exponents), a small and well-scaled problem.
 *
 * <p>Inside an evaluation the law is f = h + sum_j c_j phi_j in the linear parameters c, so the
 * predictions at any c follow from one evaluation of the law and its Jacobian; c is found by
 * iteratively reweighted Gauss-Newton on the objective itself (Huber or squares of log or plain
 * residuals, weighted, within the parameters' bounds), without evaluating the law again. The
 * objective and its gradient in the other parameters are then those of the full problem at
 * (c, the rest): at c's optimum the full gradient in c vanishes, so it is the reduced gradient.
 *
 * <p>Written here rather than taken from a library: the JVM's optimisation libraries offer
 * separable least squares on plain residuals only, not a robust loss on log residuals within bounds.
 */
final class VariableProjection {
    /**
     * The descent's stopping rule, relative to the objective: far tighter than a fit's, because
     * raced starts must end within 1e-9 of one another to agree, and a descent over two or three
     * parameters reaches that in a few more steps.
     */
    static final double DESCENT_FUNCTION_TOLERANCE = 2.2e-13;
    static final double DESCENT_GRADIENT_TOLERANCE = 1e-4;
    /**
     * At most this many evaluations of the projected objective per descent: a descent that needs
     * more is crawling along a valley the data do not pin down (Pythia's LAMBADA perplexities:
     * up to 30,000, 12 s for one fit), and the polish on the full objective goes on from there.
     */
    static final int DESCENT_EVALUATIONS = 300;
    /** Newton iterations for the linear parameters within one evaluation. */
    private static final int INNER_ITERATIONS = 20;
    /** Relative change of the objective below which the linear parameters are solved. */
    private static final double INNER_TOLERANCE = 1e-15;

    private final FitProblem problem;
    private final Parametrization map;
    private final LawEvaluator evaluator;
    private final List<Parameter> parameters;
    /** Optimiser slots of the linear parameters, and of the others. */
    private final int[] linear;
    private final int[] others;
    private final int rows;
    private final double[] f;
    private final double[][] jacobian;
    private final double[][] basis;
    /** The law's values and the residuals at the current linear parameters, and at a trial step. */
    private final double[] values;
    private final double[] residuals;
    private final double[] trialValues;
    private final double[] trialResiduals;
    private int lawEvaluations;
    /** Whether the last failed solve found the law not linear in the flagged parameters jointly. */
    private boolean lastBroken;

    private VariableProjection(FitProblem problem, LawEvaluator evaluator, List<Parameter> parameters, int[] linear,
                               int[] others) {
        this.problem = problem;
        this.map = problem.parametrization();
        this.evaluator = evaluator;
        this.parameters = parameters;
        this.linear = linear;
        this.others = others;
        this.rows = problem.rows();
        this.f = new double[rows];
        this.jacobian = new double[parameters.size()][rows];
        this.basis = new double[linear.length][rows];
        this.values = new double[rows];
        this.residuals = new double[rows];
        this.trialValues = new double[rows];
        this.trialResiduals = new double[rows];
    }

    /**
     * Whether {@code problem} is projected over the slots flagged {@code isLinear}: not when there is
     * nothing to project (no linear slot, or no other one), when the objective is not smooth
     * enough for Newton's method (absolute residuals), or when every linear parameter is
     * optimised on its logarithm: then L-BFGS-B over all parameters is well scaled already and
     * needs fewer evaluations than the inner solves cost (the Chinchilla law on the Epoch data:
     * 16-20 ms raced without the projection, 36-45 ms with it; the same law written as a formula,
     * A and B on their raw scale: 250-390 ms without, 50-80 ms with).
     */
    static boolean applies(FitProblem problem, List<Parameter> parameters, boolean[] isLinear) {
        Parametrization map = problem.parametrization();
        boolean anyLinear = false;
        boolean anyOther = false;
        boolean rawScale = false;
        for (int s = 0; s < isLinear.length; s++) {
            anyLinear |= isLinear[s];
            anyOther |= !isLinear[s];
            rawScale |= isLinear[s] && parameters.get(map.freeParameter(s)).transform() != Transform.LOG;
        }
        return anyLinear && anyOther && rawScale && problem.objective().loss() != Loss.ABSOLUTE;
    }

    /** The projection of {@code problem} over the slots flagged {@code isLinear}, where it {@link #applies}. */
    static Optional<VariableProjection> of(FitProblem problem, LawEvaluator evaluator, List<Parameter> parameters,
                                           boolean[] isLinear) {
        if (!applies(problem, parameters, isLinear)) {
            return Optional.empty();
        }
        int[] linear = java.util.stream.IntStream.range(0, isLinear.length).filter(s -> isLinear[s]).toArray();
        int[] others = java.util.stream.IntStream.range(0, isLinear.length).filter(s -> !isLinear[s]).toArray();
        return Optional.of(new VariableProjection(problem, evaluator, parameters, linear, others));
    }

    /** Where a descent ended (optimiser coordinates, every slot) and the law evaluations it took. */
    record Descent(double[] point, double value, int evaluations) {
    }

    /**
     * Minimises the projected objective over the non-linear parameters from {@code start} with
     * {@code lbfgsb}; empty when an evaluation broke the law's linearity in the flagged parameters
     * (they were linear one at a time only) or no finite objective was reached.
     */
    Optional<Descent> descend(Lbfgsb lbfgsb, double[] start) {
        lawEvaluations = 0;
        Bounds all = map.bounds();
        double[] lower = new double[others.length];
        double[] upper = new double[others.length];
        double[] z0 = new double[others.length];
        for (int i = 0; i < others.length; i++) {
            lower[i] = all.lower(others[i]);
            upper[i] = all.upper(others[i]);
            z0[i] = Math.min(upper[i], Math.max(lower[i], start[others[i]]));
        }
        double[] current = all.project(start);
        boolean[] broken = {false};
        double[] gradientU = new double[current.length];
        DifferentiableFunction reduced = (z, gradient) -> {
            for (int i = 0; i < others.length; i++) {
                current[others[i]] = z[i];
            }
            // linearity is the law's property: checked at the first and the last point is enough
            if (!solveLinear(current, lawEvaluations == 0)) {
                broken[0] = broken[0] || lastBroken;
                return Double.POSITIVE_INFINITY;
            }
            lawEvaluations++;
            double value = problem.valueAndGradient(current, gradientU);
            for (int i = 0; i < others.length; i++) {
                gradient[i] = gradientU[others[i]];
            }
            return value;
        };
        OptimizationResult r = lbfgsb.minimize(reduced, z0, new Bounds(lower, upper));
        if (broken[0] || !Double.isFinite(r.value())) {
            return Optional.empty();
        }
        double[] end = current.clone();
        for (int i = 0; i < others.length; i++) {
            end[others[i]] = r.point()[i];
        }
        if (!solveLinear(end, true)) {
            return Optional.empty();
        }
        return Optional.of(new Descent(end, r.value(), lawEvaluations));
    }

    /**
     * Sets the linear slots of {@code u} to their optimum given the others: one evaluation of the
     * law gives h and the basis phi_j, then Newton's method on c. False when the objective is not
     * finite there, or when the law is not linear in the flagged parameters together.
     */
    private boolean solveLinear(double[] u, boolean check) {
        lastBroken = false;
        double[] p = map.toParameters(u);
        evaluator.evaluate(p, f, jacobian);
        lawEvaluations++;
        int m = linear.length;
        double[] c = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            int k = map.freeParameter(linear[j]);
            c[j] = p[k];
            System.arraycopy(jacobian[k], 0, basis[j], 0, rows);
            Parameter par = parameters.get(k);
            lo[j] = par.transform() == Transform.LOG ? Math.max(par.lower(), Double.MIN_NORMAL) : par.lower();
            hi[j] = par.upper();
        }
        for (int r = 0; r < rows; r++) {
            if (!Double.isFinite(f[r])) {
                return false;
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(basis[j][r])) {
                    return false;
                }
            }
        }
        // f(c') = f(c) + sum_j (c'_j - c_j) phi_j, exactly, for a law linear in c
        double[] c0 = c.clone();
        double value = objectiveAt(c0, c, values, residuals);
        if (!Double.isFinite(value)) {
            return false;
        }
        double[] step = new double[m];
        double[] next = new double[m];
        for (int iteration = 0; iteration < INNER_ITERATIONS; iteration++) {
            double predicted = newtonStep(c, lo, hi, step);
            if (!(predicted > INNER_TOLERANCE * Math.abs(value))) {
                break; // solved to rounding (or no step): a line search could only halve in vain
            }
            double t = 1;
            double nextValue = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 20; halving++) {
                for (int j = 0; j < m; j++) {
                    next[j] = Math.min(hi[j], Math.max(lo[j], c[j] + t * step[j]));
                }
                nextValue = objectiveAt(c0, next, trialValues, trialResiduals);
                if (nextValue <= value) {
                    break;
                }
                t /= 2;
            }
            if (!(nextValue <= value)) {
                break;
            }
            boolean moved = false;
            for (int j = 0; j < m; j++) {
                moved |= Math.abs(next[j] - c[j]) > 1e-13 * Math.abs(c[j]);
            }
            double decrease = value - nextValue;
            System.arraycopy(next, 0, c, 0, m);
            System.arraycopy(trialValues, 0, values, 0, rows);
            System.arraycopy(trialResiduals, 0, residuals, 0, rows);
            value = nextValue;
            // a step cut ten times over means Newton's model is wrong there (nearly collinear terms)
            if (!moved || decrease <= INNER_TOLERANCE * Math.abs(value) || t < 1.0 / 1024) {
                break;
            }
        }
        for (int j = 0; j < m; j++) {
            Parameter par = parameters.get(map.freeParameter(linear[j]));
            u[linear[j]] = par.transform().toOptimizer(c[j]);
        }
        if (!check) {
            return true;
        }
        // the law's own value at the solution must be the linear prediction, else it is not linear in c jointly
        double[] q = map.toParameters(u);
        evaluator.evaluate(q, trialValues, null);
        lawEvaluations++;
        for (int r = 0; r < rows; r++) {
            // rounding is relative to the terms' sizes, which can cancel to a much smaller value
            double scale = Math.abs(trialValues[r]) + Math.abs(f[r]) + 1e-300;
            for (int j = 0; j < m; j++) {
                scale += (Math.abs(c[j]) + Math.abs(c0[j])) * Math.abs(basis[j][r]);
            }
            if (!(Math.abs(trialValues[r] - values[r]) <= 1e-8 * scale)) {
                lastBroken = Double.isFinite(trialValues[r]);
                return false;
            }
        }
        return true;
    }

    /**
     * The objective at linear parameters {@code c}, with the law's values there in {@code out} and
     * the residuals in {@code residual} (from the law's values {@link #f} at {@code c0});
     * +infinity where not finite.
     */
    private double objectiveAt(double[] c0, double[] c, double[] out, double[] residual) {
        double[] y = problem.targets();
        double[] w = problem.weights();
        Objective objective = problem.objective();
        boolean log = problem.logTarget();
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double v = f[r];
            for (int j = 0; j < c.length; j++) {
                v += (c[j] - c0[j]) * basis[j][r];
            }
            out[r] = v;
            if (log && !(v > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            residual[r] = y[r] - (log ? Math.log(v) : v);
            sum += (w == null ? 1 : w[r]) * objective.rho(residual[r]);
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }

    /**
     * One Newton step for c at the current {@link #values} and {@link #residuals}, into
     * {@code step}; where the Hessian is not positive definite (a residual beyond Huber's delta
     * has no curvature of its own), reweighted Gauss-Newton's psi(r)/r in its place. A parameter
     * at a bound that the step would push beyond it is held there. Returns the decrease the step
     * predicts (-g . step / 2 for Newton's), 0 when no step is found.
     */
    private double newtonStep(double[] c, double[] lo, double[] hi, double[] step) {
        int m = c.length;
        double[] w = problem.weights();
        Objective objective = problem.objective();
        boolean log = problem.logTarget();
        double[][] newton = new double[m][m];
        double[][] reweighted = new double[m][m];
        double[] g = new double[m];
        double[] d = new double[m];
        for (int r = 0; r < rows; r++) {
            double residual = residuals[r];
            double psi = objective.psi(residual);
            double weight = w == null ? 1 : w[r];
            // r = y - log f: dr/dc_j = -phi_j / f and d2r/dc_j dc_l = phi_j phi_l / f^2; plain: -phi_j and 0
            double scale = log ? 1 / values[r] : 1;
            for (int j = 0; j < m; j++) {
                d[j] = scale * basis[j][r];
            }
            double curvature = objective.curvature(residual) + (log ? psi : 0);
            double omega = Math.abs(residual) > 1e-300 ? psi / residual : objective.psi(1e-12) / 1e-12;
            for (int j = 0; j < m; j++) {
                g[j] -= weight * psi * d[j];
                for (int l = 0; l <= j; l++) {
                    newton[j][l] += weight * curvature * d[j] * d[l];
                    reweighted[j][l] += weight * omega * d[j] * d[l];
                }
            }
        }
        boolean[] held = new boolean[m];
        for (int j = 0; j < m; j++) {
            held[j] = (c[j] <= lo[j] && g[j] > 0) || (c[j] >= hi[j] && g[j] < 0);
        }
        double[] solved = solve(newton, g, held);
        if (solved == null) {
            solved = solve(reweighted, g, held);
        }
        if (solved == null) {
            return 0;
        }
        double predicted = 0;
        for (int j = 0; j < m; j++) {
            step[j] = -solved[j];
            predicted += g[j] * solved[j] / 2;
        }
        return predicted;
    }

    /**
     * x with H x = g over the parameters not {@code held} (0 for those), from the lower triangle of
     * H; null when H is not positive definite there. A held parameter's row and column become the
     * identity's, which leaves the others' arithmetic as it would be without them.
     */
    private static double[] solve(double[][] lower, double[] g, boolean[] held) {
        int m = g.length;
        double[][] reduced = new double[m][m];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            if (held[i]) {
                reduced[i][i] = 1;
                continue;
            }
            b[i] = g[i];
            for (int j = 0; j <= i; j++) {
                if (!held[j]) {
                    reduced[i][j] = lower[i][j] * (i == j ? 1 + 1e-12 : 1); // a touch of ridge for nearly collinear terms
                }
            }
        }
        double[][] l = Cholesky.factor(reduced);
        if (l == null) {
            return null;
        }
        double[] x = Cholesky.solve(l, b);
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return x;
    }
}
