package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Kaplan et al. 2020's critical batch size (REFERENCE.md s.10). */
class CriticalBatchSizeTest {
    /**
     * Golden: with B* = 2e8 tokens and alpha_B = 0.21 (eq. 1.4), "the critical batch size
     * approximately doubles for every 13% decrease in loss" (Figure 10) and B_crit goes as
     * L^-4.8 (section 6.1): 0.87^(-1/0.21) = 1.94, 1/0.21 = 4.76.
     */
    @Test
    void publishedConstantsDoubleTheBatchForEveryThirteenPercentLessLoss() {
        CriticalBatchSize k = CriticalBatchSize.kaplan();
        double at3 = k.at(3.0, Double.NaN, Double.NaN, Double.NaN).criticalBatch();
        double lower = k.at(3.0 * 0.87, Double.NaN, Double.NaN, Double.NaN).criticalBatch();
        assertThat(lower / at3).isCloseTo(2.0, within(0.1)).isCloseTo(1.941, within(0.001));
        assertThat(at3).isCloseTo(2e8 / Math.pow(3.0, 1 / 0.21), within(1e-6)).isCloseTo(1.069e6, within(1e3));
        double slope = Math.log(lower / at3) / -Math.log(0.87);
        assertThat(slope).isCloseTo(4.8, within(0.05));
    }

    /** S_min and E_min of eq. 5.4 and its token analogue satisfy eq. 5.1, (S/S_min - 1)(E/E_min - 1) = 1. */
    @Test
    void fewestStepsAndTokensSatisfyTheTradeOffOfEquationFiveOne() {
        CriticalBatchPlan p = CriticalBatchSize.kaplan().at(3.0, 524_288, 1.31e11, 1024);
        assertThat(p.steps()).isCloseTo(1.31e11 / 524_288, within(1e-6));
        assertThat((p.steps() / p.fewestSteps() - 1) * (p.tokens() / p.fewestTokens() - 1)).isCloseTo(1.0, within(1e-12));
        assertThat(p.tokens() / p.steps()).isCloseTo(p.batchTokens(), within(1e-6));
        assertThat(p.fewestTokens() / p.fewestSteps()).isCloseTo(p.criticalBatch(), within(1e-3));
        assertThat(p.criticalSequences()).isCloseTo(p.criticalBatch() / 1024, within(1e-9));
    }

    @Test
    void badInputIsRefused() {
        CriticalBatchSize k = CriticalBatchSize.kaplan();
        assertThatThrownBy(() -> k.at(0, Double.NaN, Double.NaN, Double.NaN)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> k.at(3, 524_288, Double.NaN, Double.NaN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("both");
    }
}
