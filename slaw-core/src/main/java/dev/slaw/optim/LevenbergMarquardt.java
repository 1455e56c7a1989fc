package dev.slaw.optim;

import java.util.Arrays;
import java.util.Locale;

import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Levenberg-Marquardt least squares (Moré 1978, "The Levenberg-Marquardt algorithm:
 * implementation and theory", the MINPACK {@code lmder} design), delegated to Hipparchus'
 * {@link LevenbergMarquardtOptimizer}.
 *
 * <p>The result's {@link OptimizationResult#value() value} is {@code 0.5 * sum_k r_k^2} and its
 * gradient {@code J'r}: the objective of {@link ResidualFunction#halfSumOfSquares()}, so that this
 * optimiser and {@link Lbfgsb} report comparable numbers on the same problem.
 *
 * <p>Bounds are enforced by projecting every trial point into the box (a Hipparchus
 * {@code ParameterValidator}). That keeps the residuals from being evaluated outside the box but
 * is not a bound-constrained method: when a bound is active at the solution the steps are
 * clipped and convergence is declared once they stop changing the point. Prefer {@link Lbfgsb}
 * when bounds matter.
 *
 * <p>Hipparchus converges on any of three tests without saying which, so a converged result has
 * status {@link OptimizationResult.Status#CONVERGED_STEP}. Residuals that are not finite at a
 * trial point are replaced by a huge constant so that the step is rejected and shrunk. Configured
 * instances are immutable.
 */
public final class LevenbergMarquardt {
    /** Hipparchus' default: the first step is bounded by 100 times the scaled start norm. */
    public static final double DEFAULT_INITIAL_STEP_BOUND_FACTOR = 100.0;
    /** Hipparchus' default relative tolerance on the reduction of the sum of squares. */
    public static final double DEFAULT_COST_RELATIVE_TOLERANCE = 1e-10;
    /** Hipparchus' default relative tolerance on the change of the parameters. */
    public static final double DEFAULT_PARAMETER_RELATIVE_TOLERANCE = 1e-10;
    /** Hipparchus' default tolerance on the cosine between residuals and Jacobian columns. */
    public static final double DEFAULT_ORTHOGONALITY_TOLERANCE = 1e-10;
    public static final int DEFAULT_MAX_ITERATIONS = 15000;
    public static final int DEFAULT_MAX_EVALUATIONS = 15000;

    /** Residual substituted where the function is undefined: its square still fits a double. */
    private static final double UNDEFINED_RESIDUAL = 1e100;

    private static final LevenbergMarquardt DEFAULTS = new LevenbergMarquardt(
            DEFAULT_INITIAL_STEP_BOUND_FACTOR, DEFAULT_COST_RELATIVE_TOLERANCE,
            DEFAULT_PARAMETER_RELATIVE_TOLERANCE, DEFAULT_ORTHOGONALITY_TOLERANCE,
            DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_EVALUATIONS);

    private final double initialStepBoundFactor;
    private final double costRelativeTolerance;
    private final double parameterRelativeTolerance;
    private final double orthogonalityTolerance;
    private final int maxIterations;
    private final int maxEvaluations;

    private LevenbergMarquardt(double initialStepBoundFactor, double costRelativeTolerance,
                               double parameterRelativeTolerance, double orthogonalityTolerance,
                               int maxIterations, int maxEvaluations) {
        requirePositive("initial step bound factor", initialStepBoundFactor);
        requireNonNegative("cost relative tolerance", costRelativeTolerance);
        requireNonNegative("parameter relative tolerance", parameterRelativeTolerance);
        requireNonNegative("orthogonality tolerance", orthogonalityTolerance);
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1, got " + maxIterations);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("max evaluations must be at least 1, got " + maxEvaluations);
        }
        this.initialStepBoundFactor = initialStepBoundFactor;
        this.costRelativeTolerance = costRelativeTolerance;
        this.parameterRelativeTolerance = parameterRelativeTolerance;
        this.orthogonalityTolerance = orthogonalityTolerance;
        this.maxIterations = maxIterations;
        this.maxEvaluations = maxEvaluations;
    }

    /** Hipparchus' defaults (tolerances 1e-10, step bound factor 100), 15000 iterations and evaluations. */
    public static LevenbergMarquardt withDefaults() {
        return DEFAULTS;
    }

    public LevenbergMarquardt withInitialStepBoundFactor(double factor) {
        return new LevenbergMarquardt(factor, costRelativeTolerance, parameterRelativeTolerance,
                orthogonalityTolerance, maxIterations, maxEvaluations);
    }

    public LevenbergMarquardt withCostRelativeTolerance(double tolerance) {
        return new LevenbergMarquardt(initialStepBoundFactor, tolerance, parameterRelativeTolerance,
                orthogonalityTolerance, maxIterations, maxEvaluations);
    }

    public LevenbergMarquardt withParameterRelativeTolerance(double tolerance) {
        return new LevenbergMarquardt(initialStepBoundFactor, costRelativeTolerance, tolerance,
                orthogonalityTolerance, maxIterations, maxEvaluations);
    }

    public LevenbergMarquardt withOrthogonalityTolerance(double tolerance) {
        return new LevenbergMarquardt(initialStepBoundFactor, costRelativeTolerance,
                parameterRelativeTolerance, tolerance, maxIterations, maxEvaluations);
    }

    public LevenbergMarquardt withMaxIterations(int n) {
        return new LevenbergMarquardt(initialStepBoundFactor, costRelativeTolerance,
                parameterRelativeTolerance, orthogonalityTolerance, n, maxEvaluations);
    }

    public LevenbergMarquardt withMaxEvaluations(int n) {
        return new LevenbergMarquardt(initialStepBoundFactor, costRelativeTolerance,
                parameterRelativeTolerance, orthogonalityTolerance, maxIterations, n);
    }

    public double initialStepBoundFactor() {
        return initialStepBoundFactor;
    }

    public double costRelativeTolerance() {
        return costRelativeTolerance;
    }

    public double parameterRelativeTolerance() {
        return parameterRelativeTolerance;
    }

    public double orthogonalityTolerance() {
        return orthogonalityTolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public int maxEvaluations() {
        return maxEvaluations;
    }

    /**
     * Minimises {@code 0.5 * sum_k r_k(x)^2} over {@code bounds} from {@code start}, which is
     * first projected into the box.
     *
     * @throws IllegalArgumentException if the start does not match the bounds' dimension or holds NaN
     */
    public OptimizationResult minimize(ResidualFunction residuals, double[] start, Bounds bounds) {
        int n = bounds.dimension();
        if (start.length != n) {
            throw new IllegalArgumentException("start has " + start.length + " entries, bounds " + n);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(start[i])) {
                throw new IllegalArgumentException("start[" + i + "] is NaN");
            }
        }
        double[] x0 = bounds.project(start);
        Model model = new Model(residuals, n);
        model.evaluate(x0);
        if (!model.lastFinite) {
            return new OptimizationResult(x0, Double.POSITIVE_INFINITY, new double[n], 0, model.calls,
                    OptimizationResult.Status.NOT_FINITE, "a residual or its Jacobian is not finite at the start point");
        }
        int[] lastIteration = new int[1];
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(x0)
                .model(model)
                .target(new double[residuals.residualCount()])
                .parameterValidator(p -> new ArrayRealVector(bounds.project(p.toArray()), false))
                .checker((iteration, previous, current) -> {
                    lastIteration[0] = iteration; // only to report iterations if Hipparchus throws
                    return false;
                })
                .maxIterations(maxIterations)
                .maxEvaluations(maxEvaluations)
                .lazyEvaluation(false)
                .build();
        LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer()
                .withInitialStepBoundFactor(initialStepBoundFactor)
                .withCostRelativeTolerance(costRelativeTolerance)
                .withParameterRelativeTolerance(parameterRelativeTolerance)
                .withOrthoTolerance(orthogonalityTolerance);
        try {
            LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(problem);
            // Hipparchus residuals are target - model = -r; the Jacobian is dr/dx.
            double[] hipparchusResiduals = optimum.getResiduals().toArray();
            RealMatrix jacobian = optimum.getJacobian();
            double[] gradient = jacobian.preMultiply(hipparchusResiduals);
            double sum = 0.0;
            for (int k = 0; k < hipparchusResiduals.length; k++) {
                sum += hipparchusResiduals[k] * hipparchusResiduals[k];
            }
            for (int j = 0; j < n; j++) {
                gradient[j] = -gradient[j];
            }
            return new OptimizationResult(optimum.getPoint().toArray(), 0.5 * sum, gradient,
                    optimum.getIterations(), model.calls, OptimizationResult.Status.CONVERGED_STEP,
                    "converged: Hipparchus' cost, parameter or orthogonality tolerance was met");
        } catch (MathIllegalStateException e) {
            OptimizationResult.Status status;
            String message;
            if (e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE
                    || e.getSpecifier() == LocalizedOptimFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE) {
                // No further reduction is possible at machine precision: that is convergence.
                status = OptimizationResult.Status.CONVERGED_STEP;
                message = "converged to machine precision (" + e.getMessage(Locale.ROOT) + ")";
            } else if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                boolean evaluationsOut = model.calls > maxEvaluations;
                status = evaluationsOut ? OptimizationResult.Status.MAX_EVALUATIONS
                        : OptimizationResult.Status.MAX_ITERATIONS;
                message = evaluationsOut ? "stopped after the maximum of " + maxEvaluations + " evaluations"
                        : "stopped after the maximum of " + maxIterations + " iterations";
            } else {
                status = OptimizationResult.Status.NOT_FINITE;
                message = "Levenberg-Marquardt failed: " + e.getMessage(Locale.ROOT);
            }
            return new OptimizationResult(model.bestPoint, model.bestValue, model.bestGradient,
                    lastIteration[0], model.calls, status, message);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LevenbergMarquardt(initialStepBoundFactor=%s, costRelativeTolerance=%s,"
                        + " parameterRelativeTolerance=%s, orthogonalityTolerance=%s, maxIterations=%d,"
                        + " maxEvaluations=%d)", initialStepBoundFactor, costRelativeTolerance,
                parameterRelativeTolerance, orthogonalityTolerance, maxIterations, maxEvaluations);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }

    /** The residual function in Hipparchus' terms, remembering the best point it has seen. */
    private static final class Model implements MultivariateJacobianFunction {
        private final ResidualFunction function;
        private final int n;
        private final int count;
        int calls;
        boolean lastFinite;
        double[] bestPoint;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] bestGradient;

        Model(ResidualFunction function, int n) {
            this.function = function;
            this.n = n;
            this.count = function.residualCount();
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] x = point.toArray();
            double[][] jacobian = new double[count][n];
            double[] r = evaluate(x, jacobian);
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jacobian, false));
        }

        void evaluate(double[] x) {
            evaluate(x, new double[count][n]);
        }

        private double[] evaluate(double[] x, double[][] jacobian) {
            double[] r = new double[count];
            function.residualsAndJacobian(x, r, jacobian);
            calls++;
            lastFinite = true;
            double sum = 0.0;
            for (int k = 0; k < count && lastFinite; k++) {
                lastFinite = Double.isFinite(r[k]);
                sum += r[k] * r[k];
                for (int j = 0; j < n && lastFinite; j++) {
                    lastFinite = Double.isFinite(jacobian[k][j]);
                }
            }
            if (!lastFinite) {
                // Undefined here: a huge, flat sum of squares makes Levenberg-Marquardt reject the
                // step and shrink its trust region.
                Arrays.fill(r, UNDEFINED_RESIDUAL);
                for (double[] row : jacobian) {
                    Arrays.fill(row, 0.0);
                }
                return r;
            }
            if (0.5 * sum < bestValue) {
                bestValue = 0.5 * sum;
                bestPoint = x.clone();
                bestGradient = new double[n];
                for (int k = 0; k < count; k++) {
                    for (int j = 0; j < n; j++) {
                        bestGradient[j] += jacobian[k][j] * r[k];
                    }
                }
            }
            return r;
        }
    }
}
