package dev.slaw.planning;

import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ComputeOptimalTest {
    /** Besiroglu et al. 2024, maximum-likelihood fit on the Epoch re-extraction (REFERENCE.md s.1). */
    static final Map<String, Double> EPOCH_ML = Map.of("E", 1.8169, "A", 482.01, "B", 2085.43, "alpha", 0.34781,
            "beta", 0.36585);

    static final Law CHINCHILLA = Catalogue.builtIn().find("chinchilla").orElseThrow();

    static LossSurface epoch() {
        return LossSurface.of(CHINCHILLA, EPOCH_ML);
    }

    @Test
    void epochMaximumLikelihoodParametersGivePublishedAllocationAt588e23() {
        // REFERENCE.md s.1: N_opt = 7.31e10, D_opt = 1.34e12, D/N = 18.3 at C = 5.88e23; 1 % tolerance
        Allocation a = ComputeOptimal.of(epoch()).at(5.88e23);
        assertThat(a.method()).isEqualTo(Allocation.Method.CLOSED_FORM);
        assertThat(a.parameterCount()).isCloseTo(7.31e10, within(7.31e10 * 0.01));
        assertThat(a.tokenCount()).isCloseTo(1.34e12, within(1.34e12 * 0.01));
        assertThat(a.tokensPerParameter()).isCloseTo(18.3, within(18.3 * 0.01));
        assertThat(6 * a.parameterCount() * a.tokenCount()).isCloseTo(5.88e23, within(5.88e23 * 1e-12));
    }

    @Test
    void numericOptimumAgreesWithClosedFormFrom1e18To1e26() {
        for (Map<String, Double> params : List.of(EPOCH_ML,
                Map.of("E", 1.69, "A", 406.4, "B", 410.7, "alpha", 0.34, "beta", 0.28))) {
            ComputeOptimal planner = ComputeOptimal.of(LossSurface.of(CHINCHILLA, params));
            for (int k = 18; k <= 26; k++) {
                double c = Math.pow(10, k);
                Allocation closed = planner.at(c);
                Allocation numeric = planner.numeric(c);
                assertThat(numeric.method()).isEqualTo(Allocation.Method.NUMERIC);
                assertThat(numeric.parameterCount()).as("N at 1e%d", k)
                        .isCloseTo(closed.parameterCount(), within(1e-6 * closed.parameterCount()));
                assertThat(numeric.tokenCount()).as("D at 1e%d", k)
                        .isCloseTo(closed.tokenCount(), within(1e-6 * closed.tokenCount()));
                assertThat(numeric.loss()).isCloseTo(closed.loss(), within(1e-12));
                assertThat(numeric.warnings()).isEmpty();
            }
        }
    }

    @Test
    void chinchillaShapedUserFormulaIsRecognisedForTheClosedForm() {
        Law user = FormulaLaw.fromFormula("E + A*N^-alpha + B*D^-beta", List.of("N", "D"));
        LossSurface s = LossSurface.of(user, EPOCH_ML);
        assertThat(s.closedForm()).isPresent();
        Law other = FormulaLaw.fromFormula("E + A*N^-alpha + B*D^-beta + 0*N", List.of("N", "D"));
        assertThat(LossSurface.of(other, EPOCH_ML).closedForm()).isEmpty();
    }

    @Test
    void optimalExponentsSumToOne() {
        ChinchillaForm f = epoch().closedForm().orElseThrow();
        assertThat(f.parameterExponent() + f.tokenExponent()).isCloseTo(1, within(1e-15));
        assertThat(f.parametersForTokens(f.optimalTokens(1e22))).isCloseTo(f.optimalParameters(1e22),
                within(1e-9 * f.optimalParameters(1e22)));
    }

    @Test
    void nonStandardFlopModelSpendsPartOfTheBudgetOnAttention() {
        FlopModel attention = FlopModel.of("6*N*D + 6*n_layers*ctx*d_model*D",
                Map.of("n_layers", 80.0, "ctx", 4096.0, "d_model", 8192.0));
        ComputeOptimal planner = ComputeOptimal.of(epoch()).withFlops(attention);
        Allocation a = planner.at(5.88e23);
        assertThat(a.method()).isEqualTo(Allocation.Method.NUMERIC);
        assertThat(attention.flops(a.parameterCount(), a.tokenCount())).isCloseTo(5.88e23, within(5.88e23 * 1e-9));
        Allocation standard = ComputeOptimal.of(epoch()).at(5.88e23);
        // attention costs per token, so fewer tokens are affordable and the loss is higher
        assertThat(a.loss()).isGreaterThan(standard.loss());
        // the same model with 6*N*D written differently is the standard closed form numerically
        Allocation same = ComputeOptimal.of(epoch()).withFlops(FlopModel.of("N*D*6 + 0*D", Map.of())).at(5.88e23);
        assertThat(same.parameterCount()).isCloseTo(standard.parameterCount(), within(1e-6 * standard.parameterCount()));
    }

    @Test
    void frontierGrowsWithBudgetAndKeepsTokensPerParameterNearlyConstant() {
        Frontier f = ComputeOptimal.of(epoch()).frontier(Frontier.logSpacedBudgets(1e20, 1e26, 7));
        assertThat(f.rows()).hasSize(7);
        assertThat(f.rows().get(0).computeFlops()).isEqualTo(1e20);
        for (int i = 1; i < 7; i++) {
            assertThat(f.rows().get(i).parameterCount()).isGreaterThan(f.rows().get(i - 1).parameterCount());
            assertThat(f.rows().get(i).loss()).isLessThan(f.rows().get(i - 1).loss());
        }
    }

    @Test
    void targetLossIsReachedWithTheLeastCompute() {
        ComputeOptimal planner = ComputeOptimal.of(epoch());
        Allocation a = planner.forTargetLoss(2.0);
        assertThat(a.loss()).isCloseTo(2.0, within(1e-9));
        // a slightly smaller budget falls short of the target
        assertThat(planner.at(a.computeFlops() * 0.99).loss()).isGreaterThan(2.0);
        assertThatThrownBy(() -> planner.forTargetLoss(1.8)).hasMessageContaining("irreducible");
    }

    @Test
    void inferenceAwarePlansMoveToSmallerModelsAsDemandGrows() {
        ComputeOptimal planner = ComputeOptimal.of(epoch());
        InferenceAwarePlan none = planner.inferenceAware(2.1, 0);
        Allocation trainingOptimal = planner.forTargetLoss(2.1);
        assertThat(none.parameterCount()).isCloseTo(trainingOptimal.parameterCount(),
                within(1e-6 * trainingOptimal.parameterCount()));
        double previousN = none.parameterCount();
        double previousD = none.tokenCount();
        for (double demand : new double[]{1e10, 1e11, 1e12, 1e13, 1e14}) {
            InferenceAwarePlan p = planner.inferenceAware(2.1, demand);
            assertThat(p.loss()).isCloseTo(2.1, within(1e-9));
            assertThat(p.parameterCount()).as("N at demand %g", demand).isLessThan(previousN);
            assertThat(p.tokenCount()).as("D at demand %g", demand).isGreaterThan(previousD);
            assertThat(p.totalFlops()).isLessThanOrEqualTo(p.trainingOptimalTotalFlops() * (1 + 1e-12));
            previousN = p.parameterCount();
            previousD = p.tokenCount();
        }
    }

    @Test
    void numericInferencePlanMatchesClosedFormTokens() {
        // the generic path (root find for D) against the closed form used for Chinchilla laws
        Law user = FormulaLaw.fromFormula("E + A*N^-alpha + B*D^-beta + 0*N", List.of("N", "D"));
        ComputeOptimal generic = ComputeOptimal.of(LossSurface.of(user, EPOCH_ML));
        ComputeOptimal closed = ComputeOptimal.of(epoch());
        InferenceAwarePlan g = generic.inferenceAware(2.1, 1e13);
        InferenceAwarePlan c = closed.inferenceAware(2.1, 1e13);
        assertThat(g.parameterCount()).isCloseTo(c.parameterCount(), within(1e-5 * c.parameterCount()));
        assertThat(g.tokenCount()).isCloseTo(c.tokenCount(), within(1e-5 * c.tokenCount()));
    }
}
