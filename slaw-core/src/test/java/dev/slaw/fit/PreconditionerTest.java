package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;
import dev.slaw.optim.StoppingRule;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A refit in the coordinates where the optimum's curvature is the identity ends where a plain one does, in fewer evaluations. */
class PreconditionerTest {
    private static final Lbfgsb TIGHT = Lbfgsb.withDefaults().withStoppingRule(StoppingRule.RELATIVE)
            .withFunctionTolerance(2.2e-13).withGradientTolerance(1e-4);

    @Test
    void aRefitFromAShiftedStartEndsAtThePlainRefitsOptimumInFewerEvaluations() {
        AtOptimum at = atChinchillaOptimum();
        FitProblem problem = at.problem();
        Parametrization map = problem.parametrization();
        double[] optimum = at.optimum();
        Preconditioner preconditioner = at.preconditioner();

        // a start away from the optimum, as a resample's optimum is away from the full data's
        double[] start = optimum.clone();
        start[1] += 0.3;
        start[2] -= 0.02;
        OptimizationResult plain = TIGHT.minimize(problem, start, map.bounds());
        OptimizationResult conditioned = preconditioner.minimize(TIGHT, problem, start, map.bounds()).orElseThrow();
        assertThat(conditioned.value()).isCloseTo(plain.value(), within(1e-9 * plain.value()));
        assertThat(conditioned.value()).isCloseTo(at.objective(), within(1e-8 * plain.value()));
        assertThat(conditioned.evaluations()).isLessThan(plain.evaluations());
        // the end point and the gradient come back in optimiser coordinates
        double[] g = new double[optimum.length];
        assertThat(problem.valueAndGradient(conditioned.point(), g)).isEqualTo(conditioned.value());
        assertThat(conditioned.gradient()).containsExactly(g, within(1e-12 + 1e-6 * norm(g)));
    }

    @Test
    void aRefitThatWouldLeaveTheBoundsIsLeftToThePlainOptimiser() {
        AtOptimum at = atChinchillaOptimum();
        FitProblem problem = at.problem();
        double[] optimum = at.optimum();
        Preconditioner preconditioner = at.preconditioner();
        // bounds that hold the start but not the optimum (alpha, the third slot, capped below it)
        double[] lower = problem.parametrization().bounds().lower().clone();
        double[] upper = problem.parametrization().bounds().upper().clone();
        double[] start = optimum.clone();
        start[2] = optimum[2] - 0.05;
        upper[2] = optimum[2] - 0.04;
        Optional<OptimizationResult> r = preconditioner.minimize(TIGHT, problem, start, new Bounds(lower, upper));
        assertThat(r).isEmpty();
    }

    /** The Epoch data's Chinchilla objective, its optimum (optimiser coordinates) and the preconditioner there. */
    private record AtOptimum(FitProblem problem, double[] optimum, double objective, Preconditioner preconditioner) {
    }

    private static AtOptimum atChinchillaOptimum() {
        Dataset data = ChinchillaData.load();
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Fit point = Fitter.fit(law, data, "loss", FitOptions.defaults().withThreads(1));
        FitProblem problem = Fitter.prepare(law, data, "loss", FitOptions.defaults().objective()).problem();
        double[] optimum = problem.parametrization().toOptimizer(point.values());
        return new AtOptimum(problem, optimum, point.objectiveValue(), Preconditioner.at(problem, optimum).orElseThrow());
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
