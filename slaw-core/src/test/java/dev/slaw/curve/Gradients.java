package dev.slaw.curve;

import dev.slaw.law.LawEvaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks an analytic Jacobian against central finite differences. */
final class Gradients {
    private Gradients() {
    }

    static void assertJacobianMatchesCentralDifferences(LawEvaluator e, double[] p) {
        int n = e.rows();
        double[] values = new double[n];
        double[][] jacobian = new double[p.length][n];
        e.evaluate(p, values, jacobian);
        double[] up = new double[n];
        double[] down = new double[n];
        for (int j = 0; j < p.length; j++) {
            // Step of about cbrt(machine epsilon) relative to the parameter: balances truncation and rounding.
            double h = 1e-5 * Math.max(Math.abs(p[j]), 1e-2);
            double[] q = p.clone();
            q[j] = p[j] + h;
            e.evaluate(q, up, null);
            q[j] = p[j] - h;
            e.evaluate(q, down, null);
            for (int i = 0; i < n; i++) {
                double numeric = (up[i] - down[i]) / (2 * h);
                double scale = Math.abs(numeric) + Math.abs(values[i]) / Math.max(Math.abs(p[j]), 1e-2);
                assertThat(jacobian[j][i]).as("d value[%d] / d parameter %d at %s", i, j, java.util.Arrays.toString(p))
                        .isCloseTo(numeric, within(1e-6 * scale + 1e-10));
            }
        }
    }
}
