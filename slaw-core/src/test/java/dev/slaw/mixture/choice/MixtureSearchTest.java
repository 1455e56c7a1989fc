package dev.slaw.mixture.choice;

import dev.slaw.data.BadInputException;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MixtureSearchTest {
    static final List<String> SOURCES = List.of("r1", "r2", "r3");
    static final Law MIXING_LAW = FormulaLaw.fromFormula("L = c + k*exp(t1*r1 + t2*r2 + t3*r3)",
            List.of("r1", "r2", "r3", "L"));

    /** One domain's data mixing law (Ye et al. 2024) with the given coefficients. */
    static MixtureFunction domainLoss(double c, double k, double t1, double t2, double t3) {
        Map<String, Double> byName = Map.of("c", c, "k", k, "t1", t1, "t2", t2, "t3", t3);
        double[] values = MIXING_LAW.parameters().stream().map(Parameter::name).mapToDouble(byName::get).toArray();
        return MixtureFunction.of(MIXING_LAW, values, SOURCES, Map.of());
    }

    /** The mean loss over three validation domains, each helped most by its own source: an interior optimum. */
    static MixtureFunction meanLoss() {
        return MixtureFunction.weightedSum(List.of(
                domainLoss(2.0, 1.5, -2.5, 0.3, 0.1),
                domainLoss(2.4, 1.0, 0.2, -1.8, 0.4),
                domainLoss(1.8, 0.8, 0.5, 0.1, -3.0)), new double[]{1 / 3.0, 1 / 3.0, 1 / 3.0});
    }

    /** Brute force: every mixture on a grid of step 1/steps, the lowest f with g <= cap. */
    static double[] grid(MixtureFunction f, MixtureFunction g, double cap, int steps) {
        List<double[]> rows = new ArrayList<>();
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                rows.add(new double[]{(double) a / steps, (double) b / steps, (double) (steps - a - b) / steps});
            }
        }
        double[][] mixtures = rows.toArray(double[][]::new);
        double[] fv = f.values(mixtures);
        double[] gv = g == null ? null : g.values(mixtures);
        int best = -1;
        for (int i = 0; i < fv.length; i++) {
            if ((gv == null || gv[i] <= cap) && (best < 0 || fv[i] < fv[best])) {
                best = i;
            }
        }
        return mixtures[best];
    }

    @Test
    void projectionLandsOnTheSpaceAndKeepsItsPoints() {
        MixtureSpace space = MixtureSpace.simplex(SOURCES).withBounds(0, 0.1, 0.5);
        double[] r = space.project(new double[]{2, -1, 0.3});
        assertThat(space.contains(r, 1e-15)).isTrue();
        assertThat(r[0]).isEqualTo(0.5);
        double[] inside = {0.2, 0.3, 0.5};
        assertThat(space.project(inside)).containsExactly(inside, within(1e-15));
    }

    @Test
    void optimumAgreesWithABruteForceGridOnThreeSources() {
        MixtureFunction f = meanLoss();
        MixtureOptimum optimum = MixtureSearch.withDefaults().minimize(f, MixtureSpace.simplex(SOURCES));
        double[] grid = grid(f, null, 0, 2000);
        for (int i = 0; i < 3; i++) {
            assertThat(optimum.proportions()[i]).as(SOURCES.get(i)).isCloseTo(grid[i], within(1e-3));
        }
        assertThat(optimum.value()).isLessThanOrEqualTo(f.value(grid));
        assertThat(optimum.reachedBest()).isEqualTo(optimum.starts());
        assertThat(optimum.proportions()[0] + optimum.proportions()[1] + optimum.proportions()[2]).isCloseTo(1, within(1e-14));
    }

    @Test
    void oneDomainsLossIsLowestAtACornerReachedExactly() {
        MixtureFunction f = domainLoss(2.0, 1.5, -2.5, 0.3, 0.1);
        MixtureOptimum optimum = MixtureSearch.withDefaults().minimize(f, MixtureSpace.simplex(SOURCES));
        assertThat(optimum.proportions()).containsExactly(new double[]{1, 0, 0}, within(1e-12));
        assertThat(optimum.atBounds()).containsExactly("r1", "r2", "r3");
    }

    @Test
    void boundsAndAvailabilityHoldAtTheOptimum() {
        MixtureFunction f = domainLoss(2.0, 1.5, -2.5, 0.3, 0.1);
        // r1 capped at 0.4 (e.g. 100B tokens, 2 epochs, in a 500B-token run), r3 at least 0.1
        MixtureSpace space = MixtureSpace.simplex(SOURCES).withBounds(0, 0, 0.4).withBounds(2, 0.1, 1);
        MixtureOptimum optimum = MixtureSearch.withDefaults().minimize(f, space);
        assertThat(optimum.proportions()).containsExactly(new double[]{0.4, 0, 0.6}, within(1e-12));
    }

    @Test
    void aCapOnASecondTargetAgreesWithTheGrid() {
        MixtureFunction domain = domainLoss(2.0, 1.5, -2.5, 0.3, 0.1);
        MixtureFunction general = MixtureFunction.weightedSum(List.of(
                domainLoss(2.4, 1.0, 0.2, -1.8, 0.4), domainLoss(1.8, 0.8, 0.5, 0.1, -3.0)), new double[]{0.5, 0.5});
        double cap = 2.75;
        MixtureOptimum optimum = MixtureSearch.withDefaults().minimize(domain, general, cap, MixtureSpace.simplex(SOURCES));
        assertThat(optimum.constraintValue()).isLessThanOrEqualTo(cap + 1e-6);
        // on the curve g = cap the grid's best point can lie a few steps along the curve from the
        // optimum, so the grid bounds the value and the proportions only roughly
        double[] grid = grid(domain, general, cap, 1000);
        assertThat(optimum.value()).isLessThanOrEqualTo(domain.value(grid));
        for (int i = 0; i < 3; i++) {
            assertThat(optimum.proportions()[i]).as(SOURCES.get(i)).isCloseTo(grid[i], within(5e-3));
        }
    }

    @Test
    void theTradeoffFrontFallsInOneTargetAsTheOtherRises() {
        MixtureFunction domain = domainLoss(2.0, 1.5, -2.5, 0.3, 0.1);
        MixtureFunction general = domainLoss(2.4, 1.0, 0.2, -1.8, 0.4);
        MixtureTradeoff t = MixtureSearch.withDefaults().tradeoff(domain, general, MixtureSpace.simplex(SOURCES), 6);
        assertThat(t.front()).hasSize(6);
        for (int k = 1; k < 6; k++) {
            assertThat(t.front().get(k).constraintValue()).isLessThan(t.front().get(k - 1).constraintValue());
            assertThat(t.front().get(k).value()).isGreaterThanOrEqualTo(t.front().get(k - 1).value() - 1e-9);
        }
    }

    @Test
    void impossibleBoundsAndCapsAreBadInput() {
        assertThatThrownBy(() -> MixtureSpace.simplex(SOURCES).withBounds(0, 0.6, 1).withBounds(1, 0.6, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("lower bounds sum to 1.2");
        assertThatThrownBy(() -> MixtureSpace.simplex(SOURCES).withBounds(0, 0, 0.2).withBounds(1, 0, 0.2).withBounds(2, 0, 0.2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sum to 0.6 < 1");
        MixtureFunction domain = domainLoss(2.0, 1.5, -2.5, 0.3, 0.1);
        assertThatThrownBy(() -> MixtureSearch.withDefaults().minimize(domain, domain, 1.0, MixtureSpace.simplex(SOURCES)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be met");
        assertThatThrownBy(() -> MixtureFunction.of(MIXING_LAW, new double[5], List.of("r1", "r2", "r4"), Map.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("proportion r4 is not a variable");
    }

    @Test
    void theSearchIsDeterministic() {
        MixtureFunction f = meanLoss();
        assertThat(MixtureSearch.withDefaults().minimize(f, MixtureSpace.simplex(SOURCES)))
                .isEqualTo(MixtureSearch.withDefaults().minimize(f, MixtureSpace.simplex(SOURCES)));
    }
}
