package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;
import dev.slaw.data.Dataset;
import dev.slaw.fit.ChinchillaData;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Uncertainty of Chinchilla Approach 3 on the Epoch re-extraction, against Besiroglu et al. 2024
 * (arXiv:2404.10102), section 3 and Table 1, as collected in REFERENCE.md section 1.
 */
class ChinchillaUncertaintyGoldenTest {
    private static Dataset data;
    private static Law law;
    private static Fit fit;
    private static BootstrapResult bootstrap;
    /** The Epoch replication's own protocol, rerun: see {@link EpochReplication}. */
    private static BootstrapResult epoch;
    private static HuberLikelihood.Result ml;

    @BeforeAll
    static void bootstrapOnce() {
        data = ChinchillaData.load();
        law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        fit = Fitter.fit(law, data, "loss", FitOptions.defaults().withStarts(Starts.chinchilla()));
        bootstrap = Bootstrap.run(fit, data, FitOptions.defaults(), BootstrapOptions.defaults().withReplicates(4000)
                .withDerived(DerivedQuantity.chinchillaExponents(law)), ProgressListener.NONE);
        // the paper's own protocol (see EpochReplication): numpy's resamples, BFGS from Hoffmann et al.
        epoch = Bootstrap.run(fit, data, EpochReplication.refitOptions(FitOptions.defaults()),
                EpochReplication.bootstrapOptions(BootstrapOptions.defaults()), ProgressListener.NONE);
        ml = HuberLikelihood.fit(law, data, "loss", Map.of("E", 1.69, "A", 406.4, "B", 410.7, "alpha", 0.34,
                "beta", 0.28), HuberLikelihood.DEFAULT_DELTA, List.of());
    }

    private static Interval interval(String name) {
        return bootstrap.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().interval();
    }

    @Test
    void fourThousandReplicatesGiveThePublishedNinetyFivePercentIntervals() {
        assertThat(bootstrap.successful()).isEqualTo(4000);
        assertThat(bootstrap.failures()).isEmpty();
        // tolerance: 10 % of each bound (the criterion); the figures are Epoch's
        assertThat(interval("A").lower()).isCloseTo(285.2, withinPercentage(10));
        assertThat(interval("A").upper()).isCloseTo(743.6, withinPercentage(10));
        assertThat(interval("B").lower()).isCloseTo(1042, withinPercentage(10));
        assertThat(interval("B").upper()).isCloseTo(5810, withinPercentage(10));
        assertThat(interval("E").lower()).isCloseTo(1.769, withinPercentage(10));
        assertThat(interval("E").upper()).isCloseTo(1.871, withinPercentage(10));
        assertThat(interval("alpha").lower()).isCloseTo(0.317, withinPercentage(10));
        assertThat(interval("alpha").upper()).isCloseTo(0.373, withinPercentage(10));
        assertThat(interval("beta").lower()).isCloseTo(0.331, withinPercentage(10));
        assertThat(interval("beta").upper()).isCloseTo(0.415, withinPercentage(10));
    }

    @Test
    void derivedExponentsSumToOneInEveryReplicate() {
        List<ParameterSummary> d = bootstrap.derived();
        assertThat(d).extracting(ParameterSummary::name).containsExactly("a_opt", "b_opt");
        assertThat(d.get(0).estimate() + d.get(1).estimate()).isCloseTo(1, withinPercentage(1e-9));
        assertThat(d.get(0).interval().contains(d.get(0).estimate())).isTrue();
    }

    @Test
    void thePublishedChinchillaParametersAreRejected() {
        Map<String, Double> published = new LinkedHashMap<>();
        published.put("E", 1.69);
        published.put("A", 406.4);
        published.put("B", 410.7);
        published.put("alpha", 0.34);
        published.put("beta", 0.28);
        ParameterComparison c = ParameterComparison.of(bootstrap, published, true);
        // Besiroglu et al. report chi-squared(5) = 238.4: "in the hundreds"
        assertThat(c.degreesOfFreedom()).isEqualTo(5);
        assertThat(c.chiSquared()).isBetween(100.0, 1000.0);
        assertThat(c.rejects(1e-12)).isTrue();
    }

    @Test
    void thePointEstimateIsNotRejectedByItsOwnBootstrap() {
        ParameterComparison c = ParameterComparison.of(bootstrap, fit.valueMap(), true);
        assertThat(c.chiSquared()).isLessThan(1e-9);
    }

    @Test
    void maximumLikelihoodFromThePublishedParametersReproducesTheReplication() {
        assertThat(ml.fit().convergence().converged()).isTrue();
        // values within 2 % (REFERENCE.md s.1: A 482.01, B 2085.43, E 1.8169, alpha 0.34781, beta 0.36585)
        assertThat(ml.fit().value("A")).isCloseTo(482.01, withinPercentage(2));
        assertThat(ml.fit().value("B")).isCloseTo(2085.43, withinPercentage(2));
        assertThat(ml.fit().value("E")).isCloseTo(1.8169, withinPercentage(2));
        assertThat(ml.fit().value("alpha")).isCloseTo(0.34781, withinPercentage(2));
        assertThat(ml.fit().value("beta")).isCloseTo(0.36585, withinPercentage(2));
    }

    /**
     * The published standard errors (A 124.5, B 1293, E 0.0257, alpha 0.0154, beta 0.0206) are
     * the spread of the Epoch bootstrap: rerun on the same resamples with the same optimiser and
     * start, they come out within 2 % (in fact within 0.1 %), and so do the 95 % intervals.
     */
    @Test
    void theEpochProtocolReproducesThePublishedStandardErrorsAndIntervals() {
        assertThat(epoch.successful()).isEqualTo(4000);
        assertThat(epoch.failures()).isEmpty();
        Map<String, Double> publishedSe = Map.of("A", 124.5, "B", 1293.23, "E", 0.0257, "alpha", 0.0154,
                "beta", 0.0206);
        Map<String, double[]> publishedInterval = Map.of("A", new double[]{285.2, 743.6},
                "B", new double[]{1042, 5810}, "E", new double[]{1.769, 1.871}, "alpha", new double[]{0.317, 0.373},
                "beta", new double[]{0.331, 0.415});
        for (ParameterSummary p : epoch.parameters()) {
            assertThat(p.standardError()).as(p.name()).isCloseTo(publishedSe.get(p.name()), withinPercentage(2));
            assertThat(p.interval().lower()).as(p.name()).isCloseTo(publishedInterval.get(p.name())[0],
                    withinPercentage(1));
            assertThat(p.interval().upper()).as(p.name()).isCloseTo(publishedInterval.get(p.name())[1],
                    withinPercentage(1));
        }
    }

    /** Their chi-squared(5) = 238.4: Hoffmann et al.'s log-space parameters against the ML fit. */
    @Test
    void theEpochProtocolReproducesThePublishedChiSquared() {
        Map<String, Double> hoffmann = EpochReplication.hoffmannStart();
        ParameterComparison c = ParameterComparison.of(epoch, ml.fit().valueMap(), hoffmann, true);
        assertThat(c.degreesOfFreedom()).isEqualTo(5);
        assertThat(c.chiSquared()).isCloseTo(238.4, withinPercentage(2));
    }

    /**
     * Our own uncertainty (L-BFGS-B from the point estimate, split streams) is a different
     * protocol; its standard errors still agree with the published ones within 10 %.
     */
    @Test
    void slawsDefaultBootstrapAgreesWithThePublishedStandardErrors() {
        assertThat(ml.fit().parameter("E").orElseThrow().standardError()).isBetween(0.005, 0.03);
        Map<String, Double> publishedSe = Map.of("A", 124.5, "B", 1293.0, "E", 0.0257, "alpha", 0.0154, "beta", 0.0206);
        for (ParameterSummary p : bootstrap.parameters()) {
            assertThat(p.standardError()).as(p.name()).isCloseTo(publishedSe.get(p.name()), withinPercentage(10));
        }
    }

    @Test
    void predictionIntervalsContainConfidenceIntervals() {
        IntervalPrediction p = bootstrap.intervals(Map.of("N", 70e9, "D", 1.4e12));
        assertThat(p.confidence().contains(p.median())).isTrue();
        assertThat(p.prediction().lower()).isLessThan(p.confidence().lower());
        assertThat(p.prediction().upper()).isGreaterThan(p.confidence().upper());
        assertThat(bootstrap.predict(Map.of("N", 70e9, "D", 1.4e12))).isCloseTo(p.median(), withinPercentage(1e-9));
    }
}
