package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.ChinchillaData;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitDifference;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.Predictor;
import dev.slaw.fit.Provenance;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The Huber likelihood on the Epoch data is an ordinary {@link Fit} of the law, with the noise
 * scale beside it: the numbers of Besiroglu et al.'s notebook (REFERENCE.md s.1), the fit's
 * prediction through the law alone, and its provenance naming the likelihood.
 */
class HuberLikelihoodTest {
    private static final Map<String, Double> PUBLISHED = Map.of("E", 1.69, "A", 406.4, "B", 410.7, "alpha", 0.34,
            "beta", 0.28);
    private static Dataset data;
    private static Law law;
    private static HuberLikelihood.Result ml;

    @BeforeAll
    static void fitOnce() {
        data = ChinchillaData.load();
        law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        ml = HuberLikelihood.fit(law, data, "loss", PUBLISHED, HuberLikelihood.DEFAULT_DELTA, List.of("5 rows dropped"));
    }

    @Test
    void theFitHoldsTheLawsParametersAndSigmaStandsBeside() {
        Fit fit = ml.fit();
        assertThat(fit.parameters()).extracting(FittedParameter::name).containsExactly("E", "A", "alpha", "B", "beta");
        assertThat(fit.value("A")).isCloseTo(482.01, withinPercentage(0.01));
        assertThat(fit.value("beta")).isCloseTo(0.36585, withinPercentage(0.01));
        assertThat(ml.sigma().name()).isEqualTo("sigma");
        assertThat(ml.sigma().value()).isCloseTo(4.7062e-6, withinPercentage(0.01));
        assertThat(ml.sigma().standardError()).isCloseTo(2.8178e-7, withinPercentage(0.01));
        assertThat(ml.delta()).isEqualTo(HuberLikelihood.DEFAULT_DELTA);
        assertThat(fit.objectiveValue()).isCloseTo(-879.773139, withinPercentage(1e-6));
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.statistics().rows()).isEqualTo(240);
    }

    @Test
    void standardErrorsAreTheSquareRootsOfTheCovariancesDiagonal() {
        Fit fit = ml.fit();
        double[][] c = fit.covariance();
        List<String> free = fit.freeParameterNames();
        assertThat(c).hasNumberOfRows(free.size());
        for (int s = 0; s < free.size(); s++) {
            assertThat(Math.sqrt(c[s][s])).as(free.get(s))
                    .isCloseTo(fit.parameter(free.get(s)).orElseThrow().standardError(), withinPercentage(1e-9));
        }
        // the notebook-free check of REFERENCE.md: E's score standard error 0.0113
        assertThat(fit.parameter("E").orElseThrow().standardError()).isCloseTo(0.011294, withinPercentage(0.1));
    }

    @Test
    void predictsThroughTheLawWithTheFittedParametersOnly() {
        Map<String, Double> point = Map.of("N", 70e9, "D", 1.4e12);
        double expected = Predictor.at(law, ml.fit().values(), point);
        assertThat(ml.fit().predict(point)).isEqualTo(expected);
        assertThat(expected).isBetween(1.9, 2.1);
    }

    @Test
    void provenanceNamesTheLikelihoodTheStartAndTheRows() {
        Provenance p = ml.fit().provenance();
        assertThat(p.objective()).contains("huber likelihood", "delta=0.001", "sigma=4.70623e-06");
        assertThat(p.fingerprint()).isEqualTo(data.fingerprint(p.columns()));
        assertThat(p.starts()).isEqualTo("1 given point");
        assertThat(p.optimizer()).contains("lbfgsb", "ftol 1e-14");
        assertThat(p.notes()).containsExactly("5 rows dropped");
        assertThat(p.choices()).containsEntry("estimator", "huber_likelihood").containsEntry("sigma_start", 1.0)
                .containsEntry("function_tolerance", 1e-14);
        assertThat(ml.fit().covarianceMethod()).contains("information matrix");
    }

    @Test
    void fitsDiffTellsALikelihoodFitFromAHuberFitFromTheSameStart() {
        Fit huber = Fitter.fit(law, data, "loss", FitOptions.defaults().withStarts(Starts.at(List.of(PUBLISHED))));
        assertThat(FitDifference.between(huber, ml.fit())).extracting(FitDifference::name)
                .contains("estimator", "sigma_start", "objective_value");
    }

    @Test
    void aMissingStartValueIsBadInput() {
        assertThatThrownBy(() -> HuberLikelihood.fit(law, data, "loss", Map.of("E", 1.69), 1e-3, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("needs a start value for A");
    }
}
