package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Step Law's learning rate and batch size (Li et al. 2025; REFERENCE.md s.7). */
class OptimalHyperparametersTest {
    /** The authors' 1B dense model (their tool lists N = 1073741824 with D = 1e11 among its grids). */
    static final double ONE_BILLION = 1_073_741_824;

    /**
     * Golden: the authors' calculator (step-law.github.io static/js/tool.js) computes
     * exp(log(1.79) - 0.713 ln N + 0.307 ln D) and exp(log(0.58) + 0.571 ln D); at their 1B model on
     * 100B tokens that is 1.5517e-3 and 1.1077e6 tokens (540.9 sequences of 2048), worked here in
     * their log form rather than through the law.
     */
    @Test
    void publishedConstantsGiveTheAuthorsCalculatorsNumbersForTheirOneBillionModel() {
        HyperparameterPlan p = OptimalHyperparameters.stepLaw().at(ONE_BILLION, 1e11, 2048);
        double lr = Math.exp(Math.log(1.79) - 0.713 * Math.log(ONE_BILLION) + 0.307 * Math.log(1e11));
        double bs = Math.exp(Math.log(0.58) + 0.571 * Math.log(1e11));
        assertThat(p.learningRate()).isCloseTo(lr, within(lr * 1e-12)).isCloseTo(1.5517e-3, within(1e-7));
        assertThat(p.batchTokens()).isCloseTo(bs, within(bs * 1e-12)).isCloseTo(1.1077e6, within(100.0));
        assertThat(p.batchSequences()).isCloseTo(540.88, within(0.01));
        assertThat(p.steps()).isCloseTo(1e11 / bs, within(1e-6));
        assertThat(p.warnings()).isEmpty();
        // the calculator's earlier constants (0.5863 - 0.7129 ln N + 0.3075 ln D) agree within 2 %
        double earlier = Math.exp(0.5863 - 0.7129 * Math.log(ONE_BILLION) + 0.3075 * Math.log(1e11));
        assertThat(p.learningRate()).isCloseTo(earlier, within(earlier * 0.02));
    }

    @Test
    void learningRateFallsWithModelSizeAndRisesWithDataWhileTheBatchFollowsDataAlone() {
        OptimalHyperparameters s = OptimalHyperparameters.stepLaw();
        HyperparameterPlan small = s.at(2e8, 1e10, Double.NaN);
        HyperparameterPlan bigger = s.at(8e8, 1e10, Double.NaN);
        HyperparameterPlan longer = s.at(2e8, 4e10, Double.NaN);
        assertThat(bigger.learningRate()).isLessThan(small.learningRate());
        assertThat(longer.learningRate()).isGreaterThan(small.learningRate());
        assertThat(bigger.batchTokens()).isEqualTo(small.batchTokens());
        assertThat(longer.batchTokens()).isCloseTo(small.batchTokens() * Math.pow(4, 0.571), within(1e-6));
        assertThat(small.batchSequences()).isNaN();
    }

    @Test
    void extrapolationBeyondThePublishedGridIsSaid() {
        HyperparameterPlan p = OptimalHyperparameters.stepLaw().at(7e9, 2e12, 4096);
        assertThat(p.warnings()).singleElement().asString().contains("extrapolated");
        assertThat(p.learningRate()).isCloseTo(1.0226e-3, within(1e-7));
        assertThat(p.batchSequences()).isCloseTo(1496.1, within(0.1));
    }

    @Test
    void userValuesOfTheSameLawsPlanWithoutTheGridWarningAndInsaneValuesAreFlagged() {
        var lr = new OptimalHyperparameters.Source("fit", Catalogue.builtIn().find("step-law-lr").orElseThrow(),
                Map.of("k", 50.0, "a", -0.5, "b", 0.1));
        OptimalHyperparameters p = OptimalHyperparameters.of(lr, OptimalHyperparameters.stepLawBatchSize());
        HyperparameterPlan plan = p.at(1e6, 1e9, Double.NaN);
        assertThat(plan.learningRate()).isGreaterThan(0.1);
        assertThat(plan.warnings()).singleElement().asString().contains("outside 1e-06 to 0.1");
    }

    @Test
    void badInputIsRefused() {
        OptimalHyperparameters s = OptimalHyperparameters.stepLaw();
        assertThatThrownBy(() -> s.at(0, 1e10, Double.NaN)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("parameter count");
        assertThatThrownBy(() -> s.at(1e9, Double.POSITIVE_INFINITY, Double.NaN))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> s.at(1e9, 1e10, -1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sequence length");
        var chinchilla = new OptimalHyperparameters.Source("x", Catalogue.builtIn().find("vocabulary").orElseThrow(),
                Map.of());
        assertThatThrownBy(() -> OptimalHyperparameters.of(chinchilla, OptimalHyperparameters.stepLawBatchSize()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("N (non-embedding parameters)");
    }

    /** tau = B / (eta lambda D) solved for lambda, with a timescale law at made-up values (Power Lines' form). */
    @Test
    void aTimescaleLawGivesTheWeightDecay() {
        var tau = new OptimalHyperparameters.Source("fit", Catalogue.builtIn().find("power-lines-tau").orElseThrow(),
                Map.of("k", 0.7, "b", -0.5));
        OptimalHyperparameters s = OptimalHyperparameters.stepLaw().withTimescale(tau);
        HyperparameterPlan p = s.at(ONE_BILLION, 1e11, Double.NaN);
        double expectedTau = 0.7 * Math.pow(1e11 / ONE_BILLION, -0.5);
        assertThat(p.timescale()).isCloseTo(expectedTau, within(1e-12));
        assertThat(p.weightDecay()).isCloseTo(p.batchTokens() / (p.learningRate() * expectedTau * 1e11), within(1e-12))
                .isBetween(0.05, 0.2);
        assertThat(OptimalHyperparameters.stepLaw().at(ONE_BILLION, 1e11, Double.NaN).weightDecay()).isNaN();
    }

    /**
     * Golden (REFERENCE.md s.9): DeepSeek LLM's eq. 1 at the compute of its own models, C = M D with
     * M of eq. 2 (72 n_layer d^2 + 12 n_layer d l_seq) and D = 2.0T tokens (Table 2): the 7B model
     * (30 layers, d = 4096, l_seq = 4096) gets eta = 4.246e-4 and B = 9.223e6 tokens = 2,252
     * sequences, against Table 2's 4.2e-4 and 2,304; the 67B model (95 layers, d = 8192) gets
     * 3.120e-4 and 5,042 sequences against 3.2e-4 and 4,608 ("we choose the hyper-parameters based on
     * our findings in Section 3").
     */
    @Test
    void deepSeeksEquationOneGivesTheHyperparametersOfItsTableTwo() {
        OptimalHyperparameters s = OptimalHyperparameters.deepSeek();
        double m7 = 72.0 * 30 * 4096 * 4096 + 12.0 * 30 * 4096 * 4096;
        HyperparameterPlan p7 = s.at(Double.NaN, 2e12, m7 * 2e12, 4096);
        assertThat(p7.learningRate()).isCloseTo(4.246e-4, within(1e-7)).isCloseTo(4.2e-4, within(4.2e-4 * 0.02));
        assertThat(p7.batchTokens()).isCloseTo(9.223e6, within(1e3));
        assertThat(p7.batchSequences()).isCloseTo(2304, within(2304 * 0.03));
        double m67 = 72.0 * 95 * 8192 * 8192 + 12.0 * 95 * 8192 * 4096;
        HyperparameterPlan p67 = s.at(Double.NaN, 2e12, m67 * 2e12, 4096);
        assertThat(p67.learningRate()).isCloseTo(3.120e-4, within(1e-7)).isCloseTo(3.2e-4, within(3.2e-4 * 0.03));
        assertThat(p67.batchSequences()).isCloseTo(5042.5, within(0.5)).isCloseTo(4608, within(4608 * 0.1));
        // beyond the budgets of the fit (1e17 to 2e19), said so
        assertThat(p7.warnings()).singleElement().asString().contains("extrapolated");
        assertThat(s.at(Double.NaN, Double.NaN, 1e19, Double.NaN).warnings()).isEmpty();
    }

    @Test
    void aLawOfTheBudgetNeedsTheBudget() {
        assertThatThrownBy(() -> OptimalHyperparameters.deepSeek().at(1e9, 1e11, Double.NaN))
                .isInstanceOf(BadInputException.class).hasMessageContaining("reads C");
    }
}
