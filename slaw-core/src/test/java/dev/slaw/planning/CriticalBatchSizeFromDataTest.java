package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.VariableRange;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Zhang et al. 2024's critical batch size as a law of the training tokens (REFERENCE.md s.20). */
class CriticalBatchSizeFromDataTest {
    /** The notebook's model-size labels (millions of parameters) and the critical batch sizes it printed (sequences). */
    private static final double[] MODEL_SIZE = {85, 151, 302, 604, 1200};
    private static final double[] CBS = {745.3201466381583, 955.1582414387951, 1393.726947253441, 1888.5221009346358,
            2533.4108017868743};
    /** Its goal steps at batch 256, 512 tokens a sequence: the tokens of each run. */
    private static final double[] GOAL_STEPS = {13282, 23438, 46875, 93750, 187500};

    /**
     * Golden: the notebook fits log cbs on log model size with zero offset and prints "cbs =
     * 93.196814043949 * model_size^(0.4682782328130422)", then forecasts 2578.1882129770333 for
     * 1200. The catalogue's zhang-cbs (target log) fitted with squared residuals, the notebook's
     * objective, to the notebook's five printed points gives the same constants and forecast: the
     * form and its log-space fit are the authors'.
     */
    @Test
    void theNotebooksOwnFitIsReproducedFromItsPrintedCriticalBatchSizes() {
        Fit fit = leastSquares(MODEL_SIZE, CBS);
        assertThat(fit.value("k")).isCloseTo(93.196814043949, Percentage.withPercentage(0.01));
        assertThat(fit.value("b")).isCloseTo(0.4682782328130422, within(1e-5));
        double forecast = 93.196814043949 * Math.pow(1200, 0.4682782328130422);
        assertThat(forecast).isCloseTo(2578.1882129770333, within(1e-6));
        assertThat(fit.predict(Dataset.of("at", Map.of("D", new double[]{1200})))[0])
                .isCloseTo(2578.1882129770333, Percentage.withPercentage(0.01));
    }

    /**
     * The published default in tokens is the same five points refitted in D = goal steps x 256 x
     * 512 with B in tokens (cbs x 512): k = 18.05, b = 0.4682; it stays within 4 % of each point.
     */
    @Test
    void theConstantsInTokensAreTheNotebooksPointsRefittedInD() {
        double[] d = new double[5];
        double[] b = new double[5];
        for (int i = 0; i < 5; i++) {
            d[i] = GOAL_STEPS[i] * 256 * 512;
            b[i] = CBS[i] * 512;
        }
        Fit fit = leastSquares(d, b);
        assertThat(fit.value("k")).isCloseTo(CriticalBatchSizeFromData.ZHANG.get("k"), Percentage.withPercentage(0.1));
        assertThat(fit.value("b")).isCloseTo(CriticalBatchSizeFromData.ZHANG.get("b"), within(1e-4));
        CriticalBatchSizeFromData zhang = CriticalBatchSizeFromData.zhang();
        for (int i = 0; i < 5; i++) {
            CriticalBatchFromDataPlan p = zhang.at(d[i], Double.NaN, 512);
            assertThat(p.criticalBatch()).as("model %s", MODEL_SIZE[i]).isCloseTo(b[i], Percentage.withPercentage(4));
            assertThat(p.warnings()).as("model %s", MODEL_SIZE[i]).isEmpty();
        }
        // the 1.2B model's 2.46e10 tokens: 1.322e6 tokens, 2,582 sequences of 512 (the notebook: 2,533)
        CriticalBatchFromDataPlan largest = zhang.at(d[4], Double.NaN, 512);
        assertThat(largest.criticalBatch()).isCloseTo(1.3223e6, within(1e3));
        assertThat(largest.criticalSequences()).isCloseTo(2582.5, within(1.0));
    }

    @Test
    void aPlanBeyondTheRunsMeasuredSaysItExtrapolates() {
        CriticalBatchFromDataPlan p = CriticalBatchSizeFromData.zhang().at(2e12, 4e6, Double.NaN);
        assertThat(p.warnings()).singleElement().asString().startsWith("extrapolated: D = ")
                .contains("the largest D fitted", "Zhang et al.", "extrapolated here");
        assertThat(p.criticalBatch()).isCloseTo(18.05 * Math.pow(2e12, 0.4682), within(1.0));
        assertThat(p.steps()).isCloseTo(5e5, within(1e-6));
        assertThat(p.batchRatio()).isCloseTo(4e6 / p.criticalBatch(), within(1e-12));
        assertThat(CriticalBatchSizeFromData.zhang().at(1e9, Double.NaN, Double.NaN).warnings()).singleElement()
                .asString().contains("below the smallest D fitted");
    }

    @Test
    void aFitReadsItsOwnRangeAndBadInputIsRefused() {
        Law law = Catalogue.builtIn().find("zhang-cbs").orElseThrow();
        var source = new OptimalHyperparameters.Source("fit", law, Map.of("k", 10.0, "b", 0.5));
        CriticalBatchSizeFromData fitted = CriticalBatchSizeFromData.of(source,
                Map.of("D", new VariableRange(1e9, 1e10)));
        assertThat(fitted.at(4e10, Double.NaN, Double.NaN).warnings()).singleElement().asString()
                .startsWith("extrapolated: D = ").doesNotContain("Zhang");
        assertThat(CriticalBatchSizeFromData.of(source, Map.of()).at(4e10, Double.NaN, Double.NaN).warnings()).isEmpty();
        assertThatThrownBy(() -> fitted.at(0, Double.NaN, Double.NaN)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> fitted.at(1e10, -1, Double.NaN)).isInstanceOf(BadInputException.class);
        Law kaplan = Catalogue.builtIn().find("kaplan-bcrit").orElseThrow();
        assertThatThrownBy(() -> CriticalBatchSizeFromData.of(
                new OptimalHyperparameters.Source("fit", kaplan, Map.of("Bstar", 2e8, "alphaB", 0.21)), Map.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("D alone");
    }

    /** zhang-cbs fitted in log space with squared residuals (the notebook's curve_fit on log values). */
    private static Fit leastSquares(double[] d, double[] b) {
        Law law = Catalogue.builtIn().resolve("zhang-cbs", List.of("D", "y"));
        Dataset data = Dataset.of("notebook", Map.of("D", d)).withColumn("y", b);
        return Fitter.fit(law, data, "y", FitOptions.defaults().withObjective(Objective.of(Loss.SQUARED)));
    }
}
