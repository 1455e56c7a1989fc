package dev.slaw.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scipy's L-BFGS-B rules are absolute for objectives below 1; the relative rule is not. The
 * problem: Rosenbrock shifted to a minimum of 1 at (1, 1), then multiplied by a small constant,
 * as a summed Huber(1e-3) objective is small.
 */
class StoppingRuleTest {
    private static final double[] START = {-1.2, 1.0};

    private static DifferentiableFunction shiftedRosenbrock(double scale) {
        return (x, g) -> {
            double f = TestFunctions.rosenbrock(x, g);
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
            return scale * (1 + f);
        };
    }

    private static double distanceToMinimum(OptimizationResult r) {
        return Math.hypot(r.point()[0] - 1, r.point()[1] - 1);
    }

    @Test
    void scipysRulesStopASmallObjectiveFarFromItsMinimum() {
        OptimizationResult r = Lbfgsb.withDefaults().minimize(shiftedRosenbrock(1e-6), START, Bounds.unbounded(2));
        assertThat(r.converged()).isTrue();
        assertThat(distanceToMinimum(r)).isGreaterThan(0.1);
    }

    @Test
    void theRelativeRuleStopsAtTheMinimumWhateverTheObjectivesScale() {
        Lbfgsb relative = Lbfgsb.withDefaults().withStoppingRule(StoppingRule.RELATIVE);
        for (double scale : new double[]{1e-9, 1e-6, 1e-3, 1, 1e3, 1e6}) {
            OptimizationResult r = relative.minimize(shiftedRosenbrock(scale), START, Bounds.unbounded(2));
            assertThat(r.converged()).as("scale %s", scale).isTrue();
            assertThat(distanceToMinimum(r)).as("scale %s", scale).isLessThan(1e-3);
        }
    }

    @Test
    void bfgsGradientTestIsScaleFreeUnderTheRelativeRuleToo() {
        OptimizationResult scipy = Bfgs.withDefaults().minimize(shiftedRosenbrock(1e-6), START);
        OptimizationResult relative = Bfgs.withDefaults().withStoppingRule(StoppingRule.RELATIVE)
                .minimize(shiftedRosenbrock(1e-6), START);
        assertThat(distanceToMinimum(scipy)).isGreaterThan(0.01);
        assertThat(relative.converged()).isTrue();
        assertThat(distanceToMinimum(relative)).isLessThan(1e-3);
    }

    @Test
    void rulesParseFromTheirLabels() {
        assertThat(StoppingRule.parse("relative")).isEqualTo(StoppingRule.RELATIVE);
        assertThat(StoppingRule.parse(" SciPy ")).isEqualTo(StoppingRule.SCIPY);
        assertThat(StoppingRule.SCIPY.label()).isEqualTo("scipy");
    }
}
