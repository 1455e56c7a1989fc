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

    static final Law GIVEN_UN = Catalogue.builtIn().find("data-constrained-un").orElseThrow();

    @Test
    void theLawComputesUniqueParametersAsTheComputeOptimalSizeForTheUniqueTokens() {
        ChinchillaForm base = DataConstrained.of(LossSurface.of(LAW, MUENNIGHOFF), 1e12).base();
        LossSurface computed = LossSurface.of(LAW, MUENNIGHOFF);
        LossSurface given = LossSurface.of(GIVEN_UN, MUENNIGHOFF);
        assertThat(LAW.variables()).containsExactly("N", "D", "U");
        for (double n : new double[]{1e7, 1e8, 1e9, 1e10, 1e11}) {
            for (double u : new double[]{1e9, 1e10, 1e11}) {
                for (double epochs : new double[]{0.5, 1, 2, 4, 16, 40}) {
                    double d = u * epochs;
                    double ud = Math.min(d, u);
                    double un = Math.min(n, base.parametersForTokens(ud));
                    double expected = given.loss(Map.of("N", n, "D", d, "U", ud, "UN", un));
                    assertThat(computed.loss(Map.of("N", n, "D", d, "U", u)))
                            .as("N %s, U %s, %s epochs", n, u, epochs).isCloseTo(expected, within(1e-12 * expected));
                }
            }
        }
    }

    @Test
    void withoutRepetitionTheLawIsChinchillas() {
        // U >= D: one epoch or less, and N below the compute-optimal size for D (5.2e8 here), so R_D = R_N = 0
        LossSurface surface = LossSurface.of(LAW, MUENNIGHOFF);
        double n = 1e8;
        double d = 2e10;
        double chinchilla = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
        assertThat(surface.loss(Map.of("N", n, "D", d, "U", 1e12))).isCloseTo(chinchilla, within(1e-12));
        assertThat(surface.loss(Map.of("N", n, "D", d, "U", d))).isCloseTo(chinchilla, within(1e-12));
        // a model larger than the tokens call for has its excess parameters discounted, even in one epoch
        double big = 1e9;
        assertThat(surface.loss(Map.of("N", big, "D", d, "U", d)))
                .isGreaterThan(1.69 + 406.4 / Math.pow(big, 0.34) + 410.7 / Math.pow(d, 0.28));
    }

    /**
     * With R_D* = 15.4, eq. 5 gives repeated data a value that decays with the epochs: four
     * epochs are worth (1 + 15.4 (1 - e^(-3/15.4))) / 4 = 93.1% of as many unique tokens (the
     * paper's "up to 4 epochs ... negligible changes to loss"), and no amount of repetition is
     * worth more than (1 + R_D*) = 16.4 times the unique tokens. The law's own losses, turned back
     * into effective tokens D', show both.
     */
    @Test
    void repeatedTokensAreWorthWhatTheDecayConstantSays() {
        LossSurface surface = LossSurface.of(LAW, MUENNIGHOFF);
        double n = 1e8;
        double u = 1e10;
        assertThat(effectiveTokens(surface, n, 4 * u, u) / (4 * u)).isCloseTo(0.93147, within(1e-5));
        assertThat(effectiveTokens(surface, n, u, u) / u).isCloseTo(1.0, within(1e-9));
        assertThat(effectiveTokens(surface, n, 1e5 * u, u) / u).isCloseTo(16.4, within(1e-6));
    }

    /** D' = (B / (L - E - A / N^alpha))^(1/beta), for an N small enough that R_N = 0. */
    private static double effectiveTokens(LossSurface surface, double n, double d, double u) {
        double rest = surface.loss(Map.of("N", n, "D", d, "U", u)) - 1.69 - 406.4 / Math.pow(n, 0.34);
        return Math.pow(410.7 / rest, 1 / 0.28);
    }

    @Test
    void allUniqueParametersPlansWithTheGivenUnLawUnderTheSameValues() {
        DataConstrained computed = DataConstrained.of(LossSurface.of(LAW, MUENNIGHOFF), 1e10);
        DataConstrained given = DataConstrained.of(LossSurface.of(GIVEN_UN, MUENNIGHOFF), 1e10);
        for (DataConstrained.UniqueParameters rule : DataConstrained.UniqueParameters.values()) {
            DataConstrainedPlan a = computed.withUniqueParameters(rule).at(1e22);
            DataConstrainedPlan b = given.withUniqueParameters(rule).at(1e22);
            assertThat(a.loss()).as(rule.name()).isCloseTo(b.loss(), within(1e-12));
            assertThat(a.parameterCount()).as(rule.name()).isCloseTo(b.parameterCount(), within(1e-6 * b.parameterCount()));
        }
        assertThat(computed.withUniqueParameters(DataConstrained.UniqueParameters.ALL).at(1e22).loss())
                .isLessThan(computed.at(1e22).loss());
    }
}
