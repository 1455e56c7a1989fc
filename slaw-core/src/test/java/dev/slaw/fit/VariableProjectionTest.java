package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Variable projection's descent reaches the fit's own optimum over the non-linear parameters, with
 * the linear ones solved inside every evaluation, and refuses what it cannot do.
 */
class VariableProjectionTest {
    /** The Chinchilla objective's optimum on the Epoch data (every one of the 4,500 starts' best). */
    private static final double OPTIMUM = 0.0010182740178;

    private static final Law FORMULA = Catalogue.builtIn().resolve("E + A*N^-alpha + B*D^-beta",
            List.of("N", "D", "loss"));

    @Test
    void theDescentFromAPoorStartEndsAtTheFullObjectivesOptimumInAFewDozenEvaluations() {
        Dataset data = ChinchillaData.load();
        Fitter.Prepared prep = Fitter.prepare(FORMULA, data, "loss", Objective.huber());
        FitProblem problem = prep.problem();
        Parametrization map = problem.parametrization();
        VariableProjection vp = VariableProjection.of(problem, FORMULA.evaluator(data), FORMULA.parameters(),
                linear(map, "E", "A", "B")).orElseThrow();
        // exponents 0.1 (the grid's smallest), amplitudes 1: far from E 1.82, A 478, B 2143
        double[] start = map.toOptimizer(values(map, Map.of("E", 1.0, "A", 1.0, "alpha", 0.1, "B", 1.0, "beta", 0.1)));

        VariableProjection.Descent d = vp.descend(dev.slaw.optim.Lbfgsb.withDefaults()
                .withStoppingRule(dev.slaw.optim.StoppingRule.RELATIVE)
                .withFunctionTolerance(VariableProjection.DESCENT_FUNCTION_TOLERANCE)
                .withGradientTolerance(VariableProjection.DESCENT_GRADIENT_TOLERANCE), start).orElseThrow();

        assertThat(d.value()).isCloseTo(OPTIMUM, org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(problem.value(d.point())).isCloseTo(d.value(), org.assertj.core.data.Percentage.withPercentage(1e-10));
        double[] p = map.toParameters(d.point());
        assertThat(p[index(map, "A")]).isBetween(470.0, 485.0);
        assertThat(p[index(map, "beta")]).isBetween(0.36, 0.375);
        assertThat(d.evaluations()).isBetween(1, 200);
    }

    @Test
    void aLawWhoseAmplitudesAreFittedOnTheirLogarithmIsLeftToTheFullOptimiser() {
        Law chinchilla = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Dataset data = ChinchillaData.load();
        FitProblem problem = Fitter.prepare(chinchilla, data, "loss", Objective.huber()).problem();
        assertThat(VariableProjection.of(problem, chinchilla.evaluator(data), chinchilla.parameters(),
                linear(problem.parametrization(), "E", "A", "B"))).isEmpty();
    }

    @Test
    void parametersLinearOneAtATimeButNotTogetherAreRefused() {
        // A and B each enter linearly, their product does not: solving them jointly would be wrong
        Law law = Catalogue.builtIn().resolve("E + A*B*N^-alpha", List.of("N", "loss"));
        Dataset data = ChinchillaData.load();
        FitProblem problem = Fitter.prepare(law, data, "loss", Objective.huber()).problem();
        Parametrization map = problem.parametrization();
        VariableProjection vp = VariableProjection.of(problem, law.evaluator(data), law.parameters(),
                linear(map, "E", "A", "B")).orElseThrow();
        double[] start = map.toOptimizer(values(map, Map.of("E", 1.0, "A", 2.0, "B", 3.0, "alpha", 0.2)));
        assertThat(vp.descend(dev.slaw.optim.Lbfgsb.withDefaults(), start)).isEmpty();
    }

    @Test
    void theDefaultFitOfTheFormulaRacesProjectedDescentsToTheLiteralOptimum() {
        Fit fit = Fitter.fit(FORMULA, ChinchillaData.load(), "loss", FitOptions.defaults());
        assertThat(fit.objectiveValue()).isLessThanOrEqualTo(OPTIMUM * (1 + 1e-9));
        assertThat(fit.starts().description()).contains("variable projection");
        // 44,207 evaluations before the projection
        assertThat(fit.convergence().totalEvaluations()).isLessThan(2_000);
    }

    private static boolean[] linear(Parametrization map, String... names) {
        boolean[] out = new boolean[map.freeCount()];
        for (String n : names) {
            out[slot(map, n)] = true;
        }
        return out;
    }

    private static int slot(Parametrization map, String name) {
        for (int s = 0; s < map.freeCount(); s++) {
            if (map.parameters().get(map.freeParameter(s)).name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int index(Parametrization map, String name) {
        return map.freeParameter(slot(map, name));
    }

    private static double[] values(Parametrization map, Map<String, Double> byName) {
        double[] p = new double[byName.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = byName.get(map.parameters().get(i).name());
        }
        return p;
    }
}
