package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Chinchilla Approach 3 on the Epoch re-extraction, reproducing Besiroglu et al. 2024
 * (arXiv:2404.10102), Table 1 and the reference numbers in examples' REFERENCE: Huber(1e-3)
 * summed over log residuals, 4,500 L-BFGS-B starts, 240 rows, and scipy's stopping rules (the
 * replication ran scipy's L-BFGS-B at its defaults; where it stopped is part of its result).
 */
class ChinchillaGoldenTest {
    private static Dataset data;
    private static Fit fit;

    @BeforeAll
    static void fitOnce() {
        data = ChinchillaData.load();
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        fit = Fitter.fit(law, data, "loss", scipy().withStarts(Starts.chinchilla()));
    }

    /** The replication's optimiser settings: scipy's L-BFGS-B rules exactly. */
    private static FitOptions scipy() {
        return FitOptions.defaults().withStoppingRule(dev.slaw.optim.StoppingRule.SCIPY);
    }

    @Test
    void usesTheTwoHundredFortyRowsOfTheReplication() {
        assertThat(data.rowCount()).isEqualTo(240);
        assertThat(fit.starts().total()).isEqualTo(4500);
    }

    @Test
    void reachesThePublishedObjective() {
        assertThat(fit.objectiveValue()).isCloseTo(0.0010182740, offset(1e-9));
    }

    @Test
    void reproducesThePublishedParameters() {
        assertThat(fit.value("alpha")).isCloseTo(0.34731, offset(1e-3));
        assertThat(fit.value("beta")).isCloseTo(0.36718, offset(1e-3));
        assertThat(fit.value("E")).isCloseTo(1.8172, offset(1e-3));
        assertThat(fit.value("A")).isCloseTo(477.8, withinPercentage(1));
        assertThat(fit.value("B")).isCloseTo(2143, withinPercentage(2));
    }

    @Test
    void manyStartsAgreeOnTheOptimum() {
        assertThat(fit.starts().reachedBest()).isGreaterThan(10);
        assertThat(fit.convergence().converged()).isTrue();
    }

    @Test
    void averagingTheHuberLossStopsEarlyAtAWorseOptimum() {
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Fit averaged = Fitter.fit(law, data, "loss", scipy().withStarts(Starts.chinchilla())
                .withObjective(Objective.huber().withMean(true)));
        // compare on the same scale: the summed objective at the averaged fit's parameters
        double summedAtAveraged = averaged.objectiveValue() * data.rowCount();
        assertThat(summedAtAveraged).isGreaterThan(fit.objectiveValue() * 1.001);
        assertThat(Math.abs(averaged.value("alpha") - fit.value("alpha"))
                + Math.abs(averaged.value("beta") - fit.value("beta"))).isGreaterThan(1e-3);
    }

    @Test
    void theAnswerDoesNotDependOnTheThreadCount() {
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        Fit one = Fitter.fit(law, data, "loss", scipy().withStarts(Starts.chinchilla()).withThreads(1));
        Fit three = Fitter.fit(law, data, "loss", scipy().withStarts(Starts.chinchilla()).withThreads(3));
        assertThat(one.values()).containsExactly(fit.values());
        assertThat(three.values()).containsExactly(fit.values());
        assertThat(one.starts().bestStart()).isEqualTo(fit.starts().bestStart());
    }
}
