package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The compute-optimal vocabulary (Tao et al. 2024, approach 3) with the authors' fitted constants
 * (sail-sg/scaling-with-vocab, optimal_Nv_predict.py): reference s.6.
 */
class OptimalVocabularyTest {
    /** E, A1, A2, B, alpha2, beta as printed in optimal_Nv_predict.py (alpha1 = beta). */
    static final Map<String, Double> PUBLISHED = Map.of("E", 5.5327846803337435, "A1", 1.8313851559554126,
            "A2", 0.19584238398665638, "B", 2.1241123120064955, "alpha2", 0.6707374679896795,
            "beta", 0.44660634152009615);

    private static OptimalVocabulary planner() {
        Law law = Catalogue.builtIn().find("vocabulary").orElseThrow();
        return OptimalVocabulary.of(law, PUBLISHED);
    }

    /** The authors' compute-optimal budget for N_nv non-vocabulary parameters (their approach 1 fit). */
    private static double optimalFlops(double nnv) {
        return Math.pow(nnv / Math.exp(-2.4846510161625193), 2);
    }

    /**
     * The abstract: "the optimal vocabulary size of Llama2-70B should have been at least 216K".
     * Llama2-70B: N_nv = 70e9, d = 8192, at the authors' compute-optimal budget for that N_nv.
     * Their approach 3 code (fsolve of dL/dV = 0) gives 217,961 with these constants.
     */
    @Test
    void llama2SeventyBillionDeservesAbout216kTokens() {
        VocabularyPlan p = planner().at(optimalFlops(70e9), 70e9, 8192);
        assertThat(p.vocabularySize()).isCloseTo(216_000, withPercentage(1.5));
        assertThat(p.vocabularySize()).isCloseTo(217_961, withPercentage(0.01));
        assertThat(p.warnings()).isEmpty();
    }

    /** Approach 3 in the authors' code for 7B (d = 4096): 59,548; larger models deserve larger vocabularies. */
    @Test
    void sevenBillionAndTheTrendWithSize() {
        OptimalVocabulary v = planner();
        VocabularyPlan seven = v.at(optimalFlops(7e9), 7e9, 4096);
        assertThat(seven.vocabularySize()).isCloseTo(59_548, withPercentage(0.01));
        assertThat(seven.tokenCount()).isCloseTo(optimalFlops(7e9) / (6 * (7e9 + seven.vocabularyParameters())),
                withPercentage(1e-9));
        assertThat(v.at(optimalFlops(13e9), 13e9, 5120).vocabularySize()).isGreaterThan(seven.vocabularySize());
    }

    /** The plan is the least loss on the budget line: a vocabulary 10 % either side is worse. */
    @Test
    void neighboursOnTheBudgetLineHaveHigherLoss() {
        OptimalVocabulary v = planner();
        double c = 1e22;
        double nnv = 3e9;
        double d = 3200;
        VocabularyPlan p = v.at(c, nnv, d);
        for (double f : new double[]{0.9, 1.1}) {
            double nv = p.vocabularyParameters() * f;
            assertThat(v.loss(nnv, nv, c / (6 * (nnv + nv)))).isGreaterThan(p.loss());
        }
    }

    @Test
    void aLawInNAndDIsRefusedWithTheVariablesItNeeds() {
        Law chinchilla = Catalogue.builtIn().find("chinchilla").orElseThrow();
        assertThatThrownBy(() -> OptimalVocabulary.of(chinchilla, Map.of("E", 1.8, "A", 400.0, "B", 400.0,
                "alpha", 0.3, "beta", 0.3))).isInstanceOf(BadInputException.class).hasMessageContaining("Nnv");
        assertThatThrownBy(() -> planner().at(-1, 1e9, 1024)).isInstanceOf(BadInputException.class);
    }
}
