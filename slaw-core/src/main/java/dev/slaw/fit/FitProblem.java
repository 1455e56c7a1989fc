package dev.slaw.fit;

import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Target;
import dev.slaw.law.expr.Elementary;
import dev.slaw.optim.DifferentiableFunction;

/**
 * The objective of one fit as a function of the optimiser's coordinates, with its analytic
 * gradient. Residuals are {@code log y - log f} for log targets, {@code y - f} otherwise.
 *
 * <p>Holds scratch buffers: one instance per thread ({@link #copy}).
 */
final class FitProblem implements DifferentiableFunction {
    private final Law law;
    private final LawEvaluatorFactory factory;
    private final LawEvaluator evaluator;
    private final Parametrization map;
    private final Objective objective;
    private final boolean logTarget;
    private final double[] y;
    private final double[] weights;
    private final double[] p;
    private final double[] f;
    private final double[][] jacobian;
    private final double[] coefficient;
    private final double[] gradientP;
    /** The parameters {@code f} (and {@code jacobian} if flagged) hold the law's values at, or null. */
    private double[] evaluatedAt;
    private boolean evaluatedWithJacobian;

    /** Makes a fresh evaluator of the law on the fit's rows (one per thread). */
    interface LawEvaluatorFactory {
        LawEvaluator create();
    }

    FitProblem(Law law, LawEvaluatorFactory factory, Parametrization map, Objective objective, double[] y,
               double[] weights) {
        this(law, factory, factory.create(), map, objective, y, weights);
    }

    /** As the other constructor, with an evaluator already made by {@code factory} (binding a curve law is costly). */
    FitProblem(Law law, LawEvaluatorFactory factory, LawEvaluator evaluator, Parametrization map, Objective objective,
               double[] y, double[] weights) {
        this.law = law;
        this.factory = factory;
        this.evaluator = evaluator;
        this.map = map;
        this.objective = objective;
        this.logTarget = law.target() == Target.LOG;
        this.y = y;
        this.weights = weights;
        int n = y.length;
        int k = law.parameters().size();
        p = new double[k];
        f = new double[n];
        jacobian = new double[k][n];
        coefficient = new double[n];
        gradientP = new double[k];
    }

    /**
     * The law's values (and Jacobian) at {@code p} into {@code f} (and {@code jacobian}), unless
     * they are there already: the end of a fit asks for the same point several times (the
     * optimiser's last gradient, the covariance, the statistics), and on a loss curve logged at
     * every step each evaluation is a second of work.
     */
    private void evaluateAtP(boolean withJacobian) {
        if (evaluatedAt != null && (evaluatedWithJacobian || !withJacobian) && java.util.Arrays.equals(evaluatedAt, p)) {
            return;
        }
        evaluatedAt = null;
        evaluator.evaluate(p, f, withJacobian ? jacobian : null);
        evaluatedAt = p.clone();
        evaluatedWithJacobian = withJacobian;
    }

    FitProblem copy() {
        return new FitProblem(law, factory, map.copy(), objective, y, weights);
    }

    /**
     * A copy on this problem's own evaluator, for one thread while this problem is idle: binding
     * a loss-curve law on every step of long runs takes a second, and a refinement has one start.
     */
    FitProblem copySharingEvaluator() {
        return new FitProblem(law, factory, evaluator, map.copy(), objective, y, weights);
    }

    Parametrization parametrization() {
        return map;
    }

    int rows() {
        return y.length;
    }

    double[] weights() {
        return weights;
    }

    /** The targets on the fitted scale (logarithms under a log target). */
    double[] targets() {
        return y;
    }

    Objective objective() {
        return objective;
    }

    /** Whether residuals are taken on log targets. */
    boolean logTarget() {
        return logTarget;
    }

    @Override
    public double valueAndGradient(double[] u, double[] gradient) {
        map.toParameters(u, p);
        evaluateAtP(true);
        return valueAndGradientAtP(u, gradient);
    }

    /**
     * The objective, its gradient, the residuals and their Jacobian at {@code u}, from one
     * evaluation of the law: what a Gauss-Newton iteration needs at a point it has just accepted
     * (on a curve fit of runs logged at every step each evaluation is seconds).
     */
    Linearisation linearise(double[] u) {
        map.toParameters(u, p);
        evaluateAtP(true);
        double[] gradient = new double[map.freeCount()];
        double value = valueAndGradientAtP(u, gradient);
        double[] residuals = new double[y.length];
        double[][] jacobianU = residualJacobianAtP(u, residuals);
        return new Linearisation(value, gradient, residuals, jacobianU);
    }

    /**
     * One evaluation's objective ({@code +infinity} where not finite), its gradient in optimiser
     * coordinates, the residuals on the fitted scale and their Jacobian {@code [row][free slot]}.
     */
    record Linearisation(double value, double[] gradient, double[] residuals, double[][] jacobian) {
    }

    private double valueAndGradientAtP(double[] u, double[] gradient) {
        int n = y.length;
        double sum = 0;
        if (logTarget && weights == null && objective.loss() == Loss.HUBER) {
            // the default protocol, written out: this loop is most of the cost of a fit
            sum = huberOfLogResiduals(n, objective.delta());
        } else {
            sum = generalTerms(n);
            if (sum == Double.POSITIVE_INFINITY) {
                return sum; // a non-positive prediction under a log target
            }
        }
        double scale = objective.mean() ? 1.0 / n : 1.0;
        for (int j = 0; j < gradientP.length; j++) {
            gradientP[j] = dot(coefficient, jacobian[j], n) * scale;
        }
        map.chain(u, p, gradientP, gradient);
        return infiniteUnlessFinite(sum * scale, sum, gradient);
    }

    /**
     * The objective a law that reproduced every row up to rounding would reach: each residual a
     * few units in the last place of its target. No step can lower an objective at or below
     * this, so an optimiser that stops there has converged whatever its own tests say.
     */
    double roundingFloor() {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double w = weights == null ? 1 : weights[i];
            sum += w * objective.rho(4 * Math.ulp(Math.max(1.0, Math.abs(y[i]))));
        }
        return sum * (objective.mean() ? 1.0 / y.length : 1.0);
    }

    /**
     * The objective at {@code u} without the law's Jacobian: what an optimiser that only tests a
     * trial point needs (the Jacobian of a loss-curve law costs several times its values).
     * +infinity where the objective is not finite.
     */
    double value(double[] u) {
        map.toParameters(u, p);
        evaluateAtP(false);
        int n = y.length;
        double sum = logTarget && weights == null && objective.loss() == Loss.HUBER
                ? huberOfLogResiduals(n, objective.delta()) : generalTerms(n);
        double value = sum * (objective.mean() ? 1.0 / n : 1.0);
        return Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
    }

    /**
     * {@code value}, or +infinity if {@code sum} or a gradient entry is not finite (an overflowing
     * trial step), which the line search then backs away from.
     */
    private static double infiniteUnlessFinite(double value, double sum, double[] gradient) {
        if (!Double.isFinite(sum)) {
            return Double.POSITIVE_INFINITY;
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return value;
    }

    /**
     * Any loss, weights and target: the summed loss, with each row's d(loss)/d(f) left in
     * {@code coefficient}; +infinity for a non-positive prediction under a log target.
     */
    private double generalTerms(int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double fi = f[i];
            double r;
            double drdf;
            if (logTarget) {
                if (!(fi > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                r = y[i] - Elementary.log(fi);
                drdf = -1 / fi;
            } else {
                r = y[i] - fi;
                drdf = -1;
            }
            double w = weights == null ? 1 : weights[i];
            sum += w * objective.rho(r);
            coefficient[i] = w * objective.psi(r) * drdf;
        }
        return sum;
    }

    /**
     * The default protocol written out: Huber of {@code log y - log f}, summed, with each row's
     * d(loss)/d(f) left in {@code coefficient}. Two simple loops run about twice as fast as one
     * that does both (the JIT keeps the logarithm's pipeline full). A non-positive prediction
     * makes a NaN or an infinity, which the caller's finiteness test catches.
     */
    private double huberOfLogResiduals(int n, double delta) {
        double[] residual = coefficient;
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - Elementary.logOrNaN(f[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = residual[i];
            sum += Huber.rho(r, delta);
            coefficient[i] = -Huber.psi(r, delta) / f[i];
        }
        return sum;
    }

    /**
     * A dot product with four independent sums: one running sum is a chain of dependent adds,
     * four let the processor overlap them (this is a quarter of the cost of an evaluation).
     */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Residuals (on the fitted scale) and, per row, the gradient of that row's penalty in
     * optimiser coordinates (for sandwich covariances); also the predictions.
     */
    void rowTerms(double[] u, double[] residuals, double[] predictions, double[][] scores) {
        map.toParameters(u, p);
        evaluateAtP(true);
        int n = y.length;
        double[] gp = new double[p.length];
        double[] gu = new double[map.freeCount()];
        for (int i = 0; i < n; i++) {
            double fi = f[i];
            predictions[i] = fi;
            double r = logTarget ? y[i] - Math.log(fi) : y[i] - fi;
            double drdf = logTarget ? -1 / fi : -1;
            residuals[i] = r;
            if (scores != null) {
                double w = weights == null ? 1 : weights[i];
                double c = w * objective.psi(r) * drdf;
                for (int j = 0; j < p.length; j++) {
                    gp[j] = c * jacobian[j][i];
                }
                map.chain(u, p, gp, gu);
                System.arraycopy(gu, 0, scores[i], 0, gu.length);
            }
        }
    }

    /** The Jacobian of residuals in optimiser coordinates, [row][free slot]. */
    double[][] residualJacobian(double[] u) {
        return residualJacobian(u, null);
    }

    /** As {@link #residualJacobian(double[])}, also leaving the residuals in {@code residuals} when given. */
    double[][] residualJacobian(double[] u, double[] residuals) {
        map.toParameters(u, p);
        evaluateAtP(true);
        return residualJacobianAtP(u, residuals);
    }

    private double[][] residualJacobianAtP(double[] u, double[] residuals) {
        int n = y.length;
        if (residuals != null) {
            for (int i = 0; i < n; i++) {
                residuals[i] = logTarget ? y[i] - Math.log(f[i]) : y[i] - f[i];
            }
        }
        double[][] out = new double[n][map.freeCount()];
        double[] slot = map.slotDerivatives(u);
        if (slot != null) {
            // the chain rule per slot, with its transform's derivative taken once, not per row
            int[] parameter = new int[slot.length];
            for (int s = 0; s < slot.length; s++) {
                parameter[s] = map.freeParameter(s);
            }
            for (int i = 0; i < n; i++) {
                double drdf = logTarget ? -1 / f[i] : -1;
                double[] row = out[i];
                for (int s = 0; s < slot.length; s++) {
                    row[s] = drdf * jacobian[parameter[s]][i] * slot[s];
                }
            }
            return out;
        }
        double[] gp = new double[p.length];
        double[] gu = new double[map.freeCount()];
        for (int i = 0; i < n; i++) {
            double drdf = logTarget ? -1 / f[i] : -1;
            for (int j = 0; j < p.length; j++) {
                gp[j] = drdf * jacobian[j][i];
            }
            map.chain(u, p, gp, gu);
            System.arraycopy(gu, 0, out[i], 0, gu.length);
        }
        return out;
    }
}
