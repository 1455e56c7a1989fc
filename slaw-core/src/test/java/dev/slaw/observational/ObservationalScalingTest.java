package dev.slaw.observational;

import dev.slaw.data.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ObservationalScalingTest {

    /**
     * Four families of models whose scores on four benchmarks are sigmoids of one capability,
     * capability = efficiency + 0.5 log10(C); the target is a steeper sigmoid of it.
     */
    private static ModelTable synthetic(boolean gaps) {
        Random random = new Random(7);
        List<String> models = new ArrayList<>();
        List<String> families = new ArrayList<>();
        List<Double> compute = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        double[] efficiency = {-1.0, -0.5, 0.0, 0.4};
        double[] slope = {1.0, 1.5, 0.8, 1.2};
        for (int f = 0; f < efficiency.length; f++) {
            for (int m = 0; m < 8; m++) {
                double c = Math.pow(10, -1 + 0.45 * m + 0.1 * f);
                double s = efficiency[f] + 0.5 * Math.log10(c);
                double[] row = new double[5];
                for (int b = 0; b < 4; b++) {
                    row[b] = 0.25 + 0.7 / (1 + Math.exp(-slope[b] * (s - 0.3 * b))) + 0.005 * random.nextGaussian();
                }
                row[4] = 0.1 + 0.9 / (1 + Math.exp(-3 * (s - 1)));
                if (gaps && m % 3 == 1) {
                    row[(m + f) % 4] = Double.NaN;
                }
                models.add("f" + f + "-" + m);
                families.add("F" + f);
                compute.add(c);
                scores.add(row);
            }
        }
        return new ModelTable("synthetic", models, families, compute.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of("A", "B", "C", "D", "T"), scores.toArray(new double[0][]), List.of());
    }

    @Test
    void predictsTheHeldOutModelsOfASyntheticCapability() {
        ObservationalResult r = ObservationalScaling.run(synthetic(false),
                new ObservationalSettings("T", 10, 1, 1, 1));
        assertThat(r.predictors()).containsExactly("A", "B", "C", "D");
        assertThat(r.heldOut()).isNotEmpty();
        assertThat(r.fittedModels() + r.heldOut().size()).isEqualTo(32);
        assertThat(r.heldOutMeanSquaredError()).isLessThan(2e-3);
        // one capability: the first component carries nearly all the variance, loadings all positive
        assertThat(r.components().explained()[0]).isGreaterThan(0.9);
        for (double l : r.components().loadings()[0]) {
            assertThat(l).isPositive();
        }
        // the most efficient family reaches the highest capability at a given compute
        FamilyEfficiency best = r.efficiencies().stream().max((a, b) -> Double.compare(a.at(0, 10), b.at(0, 10)))
                .orElseThrow();
        assertThat(best.family()).isEqualTo("F3");
        assertThat(r.link().parameter("floor")).isPresent();
    }

    @Test
    void fillsGapsFromTheRankOneStructure() {
        ModelTable full = synthetic(false);
        ModelTable gappy = synthetic(true);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < gappy.size(); i++) {
            rows.add(i);
        }
        double[][] x = new double[rows.size()][4];
        for (int i : rows) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = gappy.score(i, j);
            }
        }
        LowRankImputer.Filled filled = LowRankImputer.fill(x, new double[0][], 1, List.of("A", "B", "C", "D"));
        assertThat(filled.missingFitted()).isPositive();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (Double.isNaN(x[i][j])) {
                    assertThat(filled.fitted()[i][j]).as("row %d col %d", i, j).isCloseTo(full.score(i, j), within(0.08));
                } else {
                    assertThat(filled.fitted()[i][j]).isEqualTo(x[i][j]);
                }
            }
        }
    }

    @Test
    void componentsAreOrthonormal() {
        double[][] x = {{0.1, 0.2, 0.3}, {0.4, 0.1, 0.9}, {0.5, 0.7, 0.2}, {0.9, 0.3, 0.4}, {0.2, 0.8, 0.6}};
        Components c = Components.fit(x, 2);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double dot = 0;
                for (int j = 0; j < 3; j++) {
                    dot += c.loadings()[a][j] * c.loadings()[b][j];
                }
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-12));
            }
        }
        assertThat(c.explained()[0]).isGreaterThanOrEqualTo(c.explained()[1]);
    }

    @Test
    void badInputIsOneClearMessage() {
        ModelTable t = synthetic(false);
        assertThatThrownBy(() -> ObservationalScaling.run(t, new ObservationalSettings("X", 10, 1, 1, 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no benchmark column \"X\"")
                .hasMessageContaining("A, B, C, D, T");
        assertThatThrownBy(() -> ObservationalScaling.run(t, new ObservationalSettings("T", 10, 5, 1, 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--components 5 is more than the 4");
        assertThatThrownBy(() -> ObservationalScaling.run(t, new ObservationalSettings("T", 1e9, 1, 1, 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds out no model");
        assertThatThrownBy(() -> ObservationalScaling.run(t, new ObservationalSettings("T", 0.05, 1, 1, 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("models to fit on");
        assertThatThrownBy(() -> new ObservationalSettings("T", 10, 0, 1, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--components");
    }

    @Test
    void aTableWithoutTwoModelsInAnyFamilyHasNoEfficiencies() {
        ModelTable t = synthetic(false);
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            unique.add("family" + i);
        }
        ModelTable singles = new ModelTable("singles", t.models(), unique, t.compute(), t.benchmarks(), t.scores(),
                List.of());
        assertThatThrownBy(() -> ObservationalScaling.run(singles, new ObservationalSettings("T", 10, 1, 1, 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no family has two models");
    }
}
