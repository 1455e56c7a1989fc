package dev.slaw.planning;

import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DataConstrainedTest {
    /**
     * Chinchilla's published constants with Muennighoff et al. 2023's fitted R_D* = 15.4 and
     * R_N* = 5.3 (arXiv:2305.16264, section 3.1).
     */
    static final Map<String, Double> MUENNIGHOFF = Map.of("E", 1.69, "A", 406.4, "B", 410.7, "alpha", 0.34,
            "beta", 0.28, "RD", 15.4, "RN", 5.3);

    static final Law LAW = Catalogue.builtIn().find("data-constrained").orElseThrow();

    @Test
    void ampleUniqueDataGivesTheUnconstrainedPlan() {
        DataConstrained planner = DataConstrained.of(LossSurface.of(LAW, MUENNIGHOFF), 1e15);
        for (double c : new double[]{1e20, 1e22, 5.88e23}) {
            DataConstrainedPlan p = planner.at(c);
            Allocation free = p.unconstrained();
            assertThat(p.epochs()).isEqualTo(1.0);
            assertThat(p.parameterCount()).isCloseTo(free.parameterCount(), within(1e-6 * free.parameterCount()));
            assertThat(p.tokenCount()).isCloseTo(free.tokenCount(), within(1e-6 * free.tokenCount()));
            assertThat(p.loss()).isCloseTo(free.loss(), within(1e-12));
        }
    }

    @Test
    void scarceUniqueDataIsRepeatedForSeveralEpochs() {
        double c = 5.88e23;
        DataConstrained ample = DataConstrained.of(LossSurface.of(LAW, MUENNIGHOFF), 1e15);
        double chinchillaTokens = ample.at(c).tokenCount();
        for (DataConstrained.UniqueParameters rule : DataConstrained.UniqueParameters.values()) {
            DataConstrainedPlan p = ample.withUniqueTokens(chinchillaTokens / 10).withUniqueParameters(rule).at(c);
            assertThat(p.epochs()).as(rule.name()).isGreaterThan(1.5);
            assertThat(p.uniqueTokensUsed()).isEqualTo(chinchillaTokens / 10);
            assertThat(p.loss()).isGreaterThan(p.unconstrained().loss());
            assertThat(p.effectiveTokens()).isLessThan(p.tokenCount());
            // repeating is better than training one epoch on the unique data with a bigger model
            double oneEpochN = c / (6 * p.uniqueTokensUsed());
            assertThat(p.loss()).isLessThan(ample.withUniqueTokens(chinchillaTokens / 10).withUniqueParameters(rule)
                    .loss(oneEpochN, p.uniqueTokensUsed()));
        }
    }
}
