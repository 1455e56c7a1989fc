package dev.slaw.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class LevenbergMarquardtTest {
    private static final double[] TRUTH = {2.5, 0.7, 0.3};
    private static final double[] START = {1.0, 1.0, 0.0};

    /** Residuals a exp(-b t) + c - y for exact data from {@link #TRUTH} at t = 0, 0.5, ..., 9.5. */
    static final class ExponentialDecay implements ResidualFunction {
        final double[] t = new double[20];
        final double[] y = new double[20];

        ExponentialDecay() {
            for (int k = 0; k < t.length; k++) {
                t[k] = 0.5 * k;
                y[k] = TRUTH[0] * Math.exp(-TRUTH[1] * t[k]) + TRUTH[2];
            }
        }

        @Override
        public int residualCount() {
            return t.length;
        }

        @Override
        public void residualsAndJacobian(double[] x, double[] residuals, double[][] jacobian) {
            for (int k = 0; k < t.length; k++) {
                double e = Math.exp(-x[1] * t[k]);
                residuals[k] = x[0] * e + x[2] - y[k];
                if (jacobian != null) {
                    jacobian[k][0] = e;
                    jacobian[k][1] = -x[0] * t[k] * e;
                    jacobian[k][2] = 1.0;
                }
            }
        }
    }

    @Test
    void recoversExponentialDecayFromExactData() {
        OptimizationResult r = LevenbergMarquardt.withDefaults().minimize(new ExponentialDecay(), START,
                Bounds.unbounded(3));
        assertThat(r.converged()).isTrue();
        assertThat(r.point()).containsExactly(TRUTH, within(1e-8));
        assertThat(r.value()).isLessThan(1e-16);
        assertThat(r.evaluations()).isPositive();
    }

    @Test
    void agreesWithLbfgsbOnTheSameLeastSquaresProblem() {
        ExponentialDecay problem = new ExponentialDecay();
        OptimizationResult lm = LevenbergMarquardt.withDefaults().minimize(problem, START, Bounds.unbounded(3));
        // The objective tends to 0, where scipy's ftol test is absolute (2.2e-9): tighten both
        // tolerances so L-BFGS-B runs to the precision this comparison asks for.
        OptimizationResult lbfgsb = Lbfgsb.withDefaults().withFunctionTolerance(0).withGradientTolerance(1e-12)
                .minimize(problem.halfSumOfSquares(), START, Bounds.unbounded(3));
        assertThat(lbfgsb.point()).containsExactly(lm.point(), within(1e-6));
        assertThat(lbfgsb.point()).containsExactly(TRUTH, within(1e-6));
    }

    @Test
    void reportsHalfTheSumOfSquaresAndItsGradient() {
        // Noisy data so the optimum has non-zero residuals: value and gradient must equal the
        // halfSumOfSquares objective at the returned point.
        ExponentialDecay problem = new ExponentialDecay();
        for (int k = 0; k < problem.y.length; k++) {
            problem.y[k] += 0.01 * Math.sin(3.0 * k);
        }
        OptimizationResult lm = LevenbergMarquardt.withDefaults().minimize(problem, START, Bounds.unbounded(3));
        double[] gradient = new double[3];
        double value = problem.halfSumOfSquares().valueAndGradient(lm.point(), gradient);
        assertThat(lm.value()).isCloseTo(value, within(1e-15));
        assertThat(lm.gradient()).containsExactly(gradient, within(1e-12));
        assertThat(value).isPositive();
    }

    @Test
    void halfSumOfSquaresGradientMatchesFiniteDifferences() {
        DifferentiableFunction f = new ExponentialDecay().halfSumOfSquares();
        double[] x = {1.7, 0.4, -0.2};
        double[] g = new double[3];
        f.valueAndGradient(x, g);
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double central = (f.valueAndGradient(plus, new double[3]) - f.valueAndGradient(minus, new double[3])) / (2 * h);
            assertThat(g[i]).isCloseTo(central, within(1e-6 * (1 + Math.abs(central))));
        }
    }

    @Test
    void keepsEveryEvaluationInsideTheBox() {
        // The true offset c = 0.3 lies outside c <= 0.2: projection keeps LM in the box.
        ExponentialDecay decay = new ExponentialDecay();
        Bounds box = new Bounds(new double[]{0, 0, -1}, new double[]{10, 5, 0.2});
        AtomicBoolean outside = new AtomicBoolean();
        ResidualFunction watched = new ResidualFunction() {
            @Override
            public int residualCount() {
                return decay.residualCount();
            }

            @Override
            public void residualsAndJacobian(double[] x, double[] residuals, double[][] jacobian) {
                for (int i = 0; i < x.length; i++) {
                    if (x[i] < box.lower(i) || x[i] > box.upper(i)) {
                        outside.set(true);
                    }
                }
                decay.residualsAndJacobian(x, residuals, jacobian);
            }
        };
        OptimizationResult r = LevenbergMarquardt.withDefaults().minimize(watched, new double[]{5, 3, 1}, box);
        assertThat(outside).isFalse();
        assertThat(r.point()[2]).isLessThanOrEqualTo(0.2);
        assertThat(r.status()).isNotEqualTo(OptimizationResult.Status.NOT_FINITE);
    }

    @Test
    void reportsNotFiniteWhenTheStartIsUndefined() {
        ResidualFunction undefined = new ResidualFunction() {
            @Override
            public int residualCount() {
                return 2;
            }

            @Override
            public void residualsAndJacobian(double[] x, double[] residuals, double[][] jacobian) {
                residuals[0] = Math.log(x[0]);
                residuals[1] = 1.0;
                if (jacobian != null) {
                    jacobian[0][0] = 1 / x[0];
                    jacobian[1][0] = 0;
                }
            }
        };
        OptimizationResult r = LevenbergMarquardt.withDefaults().minimize(undefined, new double[]{-1}, Bounds.unbounded(1));
        assertThat(r.status()).isEqualTo(OptimizationResult.Status.NOT_FINITE);
    }

    @Test
    void stopsAtTheEvaluationLimit() {
        OptimizationResult r = LevenbergMarquardt.withDefaults().withMaxEvaluations(3)
                .minimize(new ExponentialDecay(), START, Bounds.unbounded(3));
        assertThat(r.status()).isIn(OptimizationResult.Status.MAX_EVALUATIONS, OptimizationResult.Status.MAX_ITERATIONS);
        assertThat(r.converged()).isFalse();
        assertThat(r.value()).isFinite();
    }
}
