package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.planning.FinetuneChoice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * Zhang et al.'s multiplicative joint fine-tuning law (finetune-joint, arXiv:2402.17193 eq. 1) recovered
 * with the defaults from noisy synthetic data at the paper's own constants and on grids like its own
 * (Table 1b), and the paper's eq. (3) reproduced from its Table 4 constants (golden).
 */
class FinetuneLawsTest {

    /** WMT14 En-De, FMT, X = base model parameters: Table 4 on 1B..16B models, 100K..4.5M examples. */
    @Test
    void recoversTheFmtModelSizeConstantsOfTable4() {
        Map<String, Double> truth = Map.of("A", 1.2e5, "alpha", 0.52, "beta", 0.15, "E", 0.75);
        Map<String, double[]> grid = grid(new double[]{1e9, 2e9, 4e9, 8e9, 16e9},
                new double[]{1e5, 5e5, 1e6, 2e6, 3e6, 4.5e6});
        Fit fit = recover(truth, grid, List.of());
        assertThat(fit.warnings()).isEmpty();
    }

    /** WMT14 En-De, LoRA, X = pretraining tokens: Table 4 on 84B..283B tokens, 8K..100K examples (weak A, beta, E). */
    @Test
    void recoversTheLoraPretrainingDataConstantsOfTable4() {
        Map<String, Double> truth = Map.of("A", 1.4e2, "alpha", 0.18, "beta", 0.081, "E", 0.62);
        Map<String, double[]> grid = grid(new double[]{84e9, 126e9, 167e9, 209e9, 283e9},
                new double[]{8e3, 1e4, 2e4, 4e4, 6e4, 8e4, 1e5});
        Fit fit = recover(truth, grid, List.of("A", "beta", "E"));
        // one factor over a 3.4x range with a small beta: A, beta and E trade off (why the paper fits beta and
        // E jointly over two factors, eq. 2); alpha and the predictions are recovered, and the fit says so
        assertThat(fit.warnings()).anySatisfy(w -> assertThat(w).contains("do not determine A"));
    }

    /**
     * Eq. (3): where two methods' losses differ by E1 - E2, the fine-tuning data size is a power law in
     * X, D_f = H X^gamma with H = (A1/A2)^(1/(beta1 - beta2)) and gamma = (alpha2 - alpha1)/(beta1 - beta2).
     * Table 5 prints gamma = -1.2 for FMT vs Prompt on WMT14 En-De over model size; Table 4's two-digit
     * constants give -1.21. (H is not compared: 1/(beta1 - beta2) = 10.1 amplifies the rounding of A
     * and beta, and the printed 3.7e14 is a third of the 1.07e15 the rounded constants give.)
     */
    @Test
    void eq3ExponentForFmtVersusPromptMatchesTable5() {
        double alphaF = 0.52, betaF = 0.15, alphaP = 0.4, betaP = 0.051;
        double gamma = (alphaP - alphaF) / (betaF - betaP);
        assertThat(gamma).isCloseTo(-1.2, withPercentage(2));
        // and the law itself: at that D_f the two fitted losses differ by exactly E_F - E_P
        double aF = 1.2e5, aP = 3.9e3, eF = 0.75, eP = 0.62;
        double h = Math.pow(aF / aP, 1 / (betaF - betaP));
        double x = 4e9;
        double df = h * Math.pow(x, gamma);
        double lossF = aF / Math.pow(x, alphaF) / Math.pow(df, betaF) + eF;
        double lossP = aP / Math.pow(x, alphaP) / Math.pow(df, betaP) + eP;
        assertThat(lossF - lossP).isCloseTo(eF - eP, withPercentage(1e-6));
    }

    /**
     * The fine-tuning choice between FMT and Prompt fitted from Table 4's WMT14 En-De constants on a 1B base
     * model: Prompt wins with few examples, FMT with many (the paper's section 5), and the critical data size
     * lies where the true constants' losses cross (found here by bisection on the constants themselves).
     */
    @Test
    void theChoiceFindsTheCriticalDataSizeBetweenFmtAndPrompt() {
        Map<String, double[]> grid = grid(new double[]{1e9, 2e9, 4e9, 8e9}, new double[]{1e4, 3e4, 1e5, 3e5, 1e6, 3e6});
        Fit fmt = recover(Map.of("A", 1.2e5, "alpha", 0.52, "beta", 0.15, "E", 0.75), grid, List.of("A"));
        // Prompt's small beta leaves its parameters trading off: only its predictions are checked here
        Fit prompt = recover(Map.of("A", 3.9e3, "alpha", 0.4, "beta", 0.051, "E", 0.62), grid,
                List.of("A", "alpha", "beta", "E"));
        FinetuneChoice.Choice choice = FinetuneChoice.of(List.of(new FinetuneChoice.Candidate("fmt", fmt),
                new FinetuneChoice.Candidate("prompt", prompt)), Map.of("X", 1e9)).at(List.of(1e4, 1e5, 1e6));
        assertThat(choice.rows()).extracting(FinetuneChoice.Row::best).containsExactly(1, 1, 0);
        assertThat(choice.crossings()).hasSize(1);
        FinetuneChoice.Crossing c = choice.crossings().get(0);
        assertThat(c.below()).isEqualTo("prompt");
        assertThat(c.above()).isEqualTo("fmt");
        double lo = Math.log(1e4);
        double hi = Math.log(1e6);
        for (int i = 0; i < 200; i++) {
            double m = 0.5 * (lo + hi);
            double d = Math.exp(m);
            double gap = 1.2e5 / Math.pow(1e9, 0.52) / Math.pow(d, 0.15) + 0.75
                    - (3.9e3 / Math.pow(1e9, 0.4) / Math.pow(d, 0.051) + 0.62);
            if (gap > 0) {
                lo = m;
            } else {
                hi = m;
            }
        }
        assertThat(c.dataSize()).isCloseTo(Math.exp(lo), withPercentage(15));
        assertThat(fmt.predict(Map.of("X", 1e9, "Df", c.dataSize())))
                .isCloseTo(prompt.predict(Map.of("X", 1e9, "Df", c.dataSize())), withPercentage(1e-6));
        assertThat(choice.warnings()).isEmpty();
    }

    private static Fit recover(Map<String, Double> truth, Map<String, double[]> grid, List<String> weak) {
        Law law = NoFlagsRecoveryTest.law("finetune-joint", grid);
        Dataset data = NoFlagsRecoveryTest.noisy(law, truth, grid);
        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults());
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (weak.contains(e.getKey())) {
                continue;
            }
            assertThat(fit.value(e.getKey())).as(e.getKey()).isCloseTo(e.getValue(), withPercentage(5));
        }
        double[] predicted = fit.predict(data);
        double[] y = data.column("y");
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(predicted[i] / y[i] - 1)).as("row %d", i).isLessThan(0.01);
        }
        return fit;
    }

    private static Map<String, double[]> grid(double[] xs, double[] dfs) {
        List<double[]> rows = new ArrayList<>();
        for (double x : xs) {
            for (double df : dfs) {
                rows.add(new double[]{x, df});
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("X", rows.stream().mapToDouble(r -> r[0]).toArray());
        m.put("Df", rows.stream().mapToDouble(r -> r[1]).toArray());
        return m;
    }
}
