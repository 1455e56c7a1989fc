package dev.slaw.optim;

import java.util.Arrays;

/**
 * A vector of residuals {@code r(x)} with its Jacobian: the thing a least-squares optimiser
 * minimises in the sense of {@code 0.5 * sum_k r_k(x)^2}.
 *
 * <p>Implementations may keep scratch buffers, so one instance is used by one thread at a time.
 */
public interface ResidualFunction {
    /** Number of residuals, fixed for the life of the function. */
    int residualCount();

    /**
     * Writes the residuals at {@code x} into {@code residuals} (length {@link #residualCount()})
     * and, unless {@code jacobianOrNull} is null, the Jacobian as
     * {@code jacobian[k][j] = d r_k / d x_j} (residuals by variables). Non-finite residuals mean
     * "undefined here".
     */
    void residualsAndJacobian(double[] x, double[] residuals, double[][] jacobianOrNull);

    /**
     * This function as the scalar objective {@code 0.5 * sum_k r_k^2} with gradient {@code J'r},
     * the same objective {@link LevenbergMarquardt} minimises, so that a gradient method such as
     * {@link Lbfgsb} can be run on the same problem. The result holds scratch buffers: use it
     * from one thread. It returns {@code +Infinity} where any residual is not finite.
     */
    default DifferentiableFunction halfSumOfSquares() {
        ResidualFunction self = this;
        int count = residualCount();
        return new DifferentiableFunction() {
            private final double[] residuals = new double[count];
            private double[][] jacobian;

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                if (jacobian == null || count > 0 && jacobian[0].length != x.length) {
                    jacobian = new double[count][x.length]; // sized on first use, then reused
                }
                self.residualsAndJacobian(x, residuals, jacobian);
                Arrays.fill(gradient, 0.0);
                double sum = 0.0;
                for (int k = 0; k < count; k++) {
                    double rk = residuals[k];
                    if (!Double.isFinite(rk)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    sum += rk * rk;
                    double[] row = jacobian[k];
                    for (int j = 0; j < gradient.length; j++) {
                        gradient[j] += row[j] * rk;
                    }
                }
                return 0.5 * sum;
            }
        };
    }
}
