package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/** Gauss-Newton's stopping rules, on small problems with and without a flat valley. */
class GaussNewtonTest {
    private static final String STALL = "relative decrease below " + GaussNewton.STALL_DECREASE + " over "
            + GaussNewton.STALL_ITERATIONS + " iterations";

    @Test
    void aNoisyPowerWithAnOffsetStopsAtTheStallNotTheBudget() {
        // three decades of x with 1 % noise: E, A and alpha trade off along a flat valley; without
        // the stall rule this start takes 55 iterations to the 1e-13 rule, with it 40
        Fit fit = fitFrom("power-offset", new double[] {1.5, 400, 0.35}, 0.01, Map.of("E", 1.0, "A", 100.0, "alpha", 0.2));
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.convergence().reason()).isEqualTo(STALL);
        assertThat(fit.convergence().iterations()).isLessThan(50);
    }

    @Test
    void aPowerThroughItsPointsConvergesByItsOwnRules() {
        Fit fit = fitFrom("power", new double[] {50, 0.3}, 0, Map.of("A", 10.0, "alpha", 0.1));
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.convergence().reason()).isNotEqualTo(STALL);
        assertThat(fit.convergence().iterations()).isLessThan(GaussNewton.STALL_ITERATIONS * 3);
        assertThat(fit.value("alpha")).isCloseTo(0.3, withPercentage(2));
    }

    private static Fit fitFrom(String name, double[] truth, double noise, Map<String, Double> start) {
        Law law = Catalogue.builtIn().find(name).orElseThrow();
        int n = 60;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e6 * Math.pow(10, 3.0 * i / (n - 1));
        }
        Dataset data = Dataset.of("synthetic " + name, Map.of("x", x));
        double[] y = new double[n];
        law.evaluator(data).evaluate(truth, y, null);
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            y[i] *= 1 + noise * random.nextGaussian();
        }
        return Fitter.fit(law, data.withColumn("y", y), "y", FitOptions.defaults()
                .withOptimizer(new GaussNewton(500)).withStarts(Starts.at(List.of(start))));
    }
}
