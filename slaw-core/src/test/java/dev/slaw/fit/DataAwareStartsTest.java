package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Starts made from the bounds and the data, with linear parameters solved by least squares. */
class DataAwareStartsTest {

    private static Dataset xy(String x, double[] xs, double[] ys) {
        return Dataset.of("test", Map.of(x, xs, "y", ys));
    }

    private static boolean[] linear(Law law, Dataset d) {
        Parametrization map = new Parametrization(law.parameters());
        List<double[]> axes = new ArrayList<>();
        for (int s = 0; s < map.freeCount(); s++) {
            axes.add(DataAwareStarts.candidates(law.parameters().get(map.freeParameter(s)), law, d));
        }
        return DataAwareStarts.linearParameters(law, map, law.evaluator(d),
                DataAwareStarts.probes(map, law.evaluator(d), axes, 0), false);
    }

    @Test
    void theParametersALawIsLinearInAreFoundJointly() {
        Dataset d = xy("N", new double[]{1e6, 1e7, 1e8, 1e9}, new double[]{3, 2.8, 2.6, 2.5});
        Law offset = FormulaLaw.fromFormula("E + A * N^-alpha", List.of("N", "y"));
        Parametrization map = new Parametrization(offset.parameters());
        assertThat(linear(offset, d)).containsExactly(true, true, false);
        // A and B are each linear in A * B * N, but not jointly: only one of them is solved
        Law product = FormulaLaw.fromFormula("A * B * N", List.of("N", "y"));
        assertThat(linear(product, d)).containsExactly(true, false);
        // probed where the law is finite: c = -0.8 overflows exp(-c * tokens) on 1e11 tokens
        Dataset tokens = xy("tokens", new double[]{1e9, 1e10, 1e11, 3e11}, new double[]{0.3, 0.45, 0.55, 0.6});
        assertThat(linear(FormulaLaw.fromFormula("a - b*exp(-c*tokens)", List.of("tokens", "y")), tokens))
                .containsExactly(true, true, false);
    }

    @Test
    void aFormulaIsNeverFittedFromOneStartAndItsScaleStartsWhereTheDataPutIt() {
        double[] n = {1e18, 1e19, 1e20, 1e21, 1e22};
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            y[i] = 3e-4 * Math.pow(n[i], -0.1);
        }
        Dataset d = xy("N", n, y);
        Law law = FormulaLaw.fromFormula("A * N^-alpha", List.of("N", "y"));
        Parametrization map = new Parametrization(law.parameters());
        List<double[]> starts = Starts.lawGrid().generate(law, map, d, y, 1);
        assertThat(starts.size()).isGreaterThan(4);
        // projected on two threads, the same points in the same order
        List<double[]> two = Starts.lawGrid().generate(law, map, d, y, 2);
        assertThat(two).hasSameSizeAs(starts);
        for (int i = 0; i < starts.size(); i++) {
            assertThat(two.get(i)).containsExactly(starts.get(i));
        }
        // at the start whose alpha is nearest 0.1, A is the least-squares scale: near 3e-4
        double[] nearest = starts.stream().min((a, b) -> Double.compare(Math.abs(a[1] - 0.1), Math.abs(b[1] - 0.1)))
                .orElseThrow();
        assertThat(nearest[1]).isCloseTo(0.1, withinPercentage(1));
        assertThat(nearest[0]).isCloseTo(3e-4, withinPercentage(1));
    }

    @Test
    void theSigmoidLinksStartsFollowTheDataOnLogFlops() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = 21 + 4.0 * i / (x.length - 1);
            y[i] = 0.6 / (1 + Math.exp(-2 * (x[i] - 23))) + 0.25;
        }
        Dataset d = xy("x", x, y);
        Law law = Catalogue.builtIn().find("sigmoid-link").orElseThrow();
        Parametrization map = new Parametrization(law.parameters());
        List<double[]> starts = Starts.lawGrid().generate(law, map, d, y, 1);
        int x0 = law.parameterIndex("x0");
        List<Double> locations = new ArrayList<>();
        for (double[] u : starts) {
            locations.add(map.toParameters(u)[x0]);
        }
        assertThat(locations).contains(22.0, 23.0, 24.0); // the quartiles of x
        Fit fit = Fitter.fit(law, d, "y", FitOptions.defaults());
        assertThat(fit.value("x0")).isCloseTo(23, withinPercentage(0.1));
        assertThat(fit.value("k")).isCloseTo(2, withinPercentage(0.5));
        assertThat(fit.starts().reachedBest()).isGreaterThan(1);
        assertThat(fit.warnings()).isEmpty();
    }

    @Test
    void catalogueGridsThatCoverEveryParameterAreUsedAsTheyAre() {
        Law chinchilla = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Parametrization map = new Parametrization(chinchilla.parameters());
        Dataset d = Dataset.of("t", Map.of("N", new double[]{1e8, 1e9}, "D", new double[]{1e9, 1e10},
                "loss", new double[]{3, 2.5}));
        assertThat(Starts.lawGrid().generate(chinchilla, map, d, d.column("loss"), 1)).hasSize(4500);
    }
}
