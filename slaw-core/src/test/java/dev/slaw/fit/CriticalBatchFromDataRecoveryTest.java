package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue's zhang-cbs (Zhang et al. 2024's critical batch size in the training tokens)
 * recovered with the defaults from noisy synthetic data, as the no-flags suite does for the
 * other laws: 0.2 % noise, every parameter within 5 %, every prediction within 1 %, no warning.
 */
class CriticalBatchFromDataRecoveryTest {
    @Test
    void defaultsRecoverTheConstantsFromNoisyCriticalBatchSizes() {
        Map<String, Double> truth = Map.of("k", 18.05, "b", 0.4682);
        double[] d = new double[12];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1e9 * Math.pow(1e3, i / (d.length - 1.0));
        }
        Map<String, double[]> grid = Map.of("D", d);
        Law law = NoFlagsRecoveryTest.law("zhang-cbs", grid);
        Dataset data = NoFlagsRecoveryTest.noisy(law, truth, grid);
        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults());
        assertThat(fit.warnings()).isEmpty();
        assertThat(fit.value("k")).isCloseTo(18.05, Percentage.withPercentage(5));
        assertThat(fit.value("b")).isCloseTo(0.4682, Percentage.withPercentage(5));
        double[] predicted = fit.predict(Dataset.of("grid", grid));
        for (int i = 0; i < d.length; i++) {
            double clean = 18.05 * Math.pow(d[i], 0.4682);
            assertThat(predicted[i] / clean - 1).as("row %d", i).isBetween(-0.01, 0.01);
        }
    }
}
