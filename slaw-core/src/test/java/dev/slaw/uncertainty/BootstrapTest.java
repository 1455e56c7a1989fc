package dev.slaw.uncertainty;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Reproducibility and coverage of the bootstrap on synthetic data with known noise. */
class BootstrapTest {
    /** y = E + A N^-alpha with E = 2, A = 50, alpha = 0.3, log-normal noise of 1 %. */
    private static final Map<String, Double> TRUTH = Map.of("E", 2.0, "A", 50.0, "alpha", 0.3);

    private static Law law() {
        return Catalogue.builtIn().resolve("E + A * N^-alpha", List.of("N", "loss"));
    }

    private static Dataset synthetic(long seed, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] n = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            n[i] = Math.pow(10, 6 + 4.0 * i / (rows - 1));
            double mean = TRUTH.get("E") + TRUTH.get("A") * Math.pow(n[i], -TRUTH.get("alpha"));
            y[i] = mean * Math.exp(0.01 * gaussian(random));
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("N", n);
        cols.put("loss", y);
        return Dataset.of("synthetic " + seed, cols);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static FitOptions options() {
        return FitOptions.defaults().withThreads(1).withStarts(Starts.at(List.of(TRUTH)))
                .withObjective(dev.slaw.fit.Objective.of(dev.slaw.fit.Loss.SQUARED));
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        Dataset data = synthetic(1, 30);
        Fit fit = Fitter.fit(law(), data, "loss", options());
        BootstrapOptions o = BootstrapOptions.defaults().withReplicates(64).withSeed(7);
        BootstrapResult one = Bootstrap.run(fit, data, options(), o.withThreads(1), ProgressListener.NONE);
        BootstrapResult three = Bootstrap.run(fit, data, options(), o.withThreads(3), ProgressListener.NONE);
        assertThat(three.replicateValues()).isDeepEqualTo(one.replicateValues());
        BootstrapResult otherSeed = Bootstrap.run(fit, data, options(), o.withSeed(8), ProgressListener.NONE);
        assertThat(otherSeed.replicateValues()).isNotEqualTo(one.replicateValues());
    }

    @Test
    void replicateRangesPutBackTogetherAreTheWholeBootstrap() {
        Dataset data = synthetic(1, 30);
        Fit fit = Fitter.fit(law(), data, "loss", options());
        for (Sampler sampler : Sampler.values()) {
            BootstrapOptions o = BootstrapOptions.defaults().withReplicates(40).withSeed(7).withThreads(1)
                    .withSampler(sampler);
            BootstrapResult whole = Bootstrap.run(fit, data, options(), o, ProgressListener.NONE);
            // uneven ranges, given out of order, as a cluster's tasks may finish
            List<Bootstrap.Replicates> ranges = List.of(
                    Bootstrap.replicates(fit, data, options(), o, 29, 40, ProgressListener.NONE),
                    Bootstrap.replicates(fit, data, options(), o, 0, 3, ProgressListener.NONE),
                    Bootstrap.replicates(fit, data, options(), o, 3, 29, ProgressListener.NONE));
            BootstrapResult cut = Bootstrap.assemble(fit, data, options(), o, ranges, 0);
            assertThat(cut.replicateValues()).isDeepEqualTo(whole.replicateValues());
            assertThat(cut.replicateNumbers()).isEqualTo(whole.replicateNumbers());
            assertThat(cut.parameters()).isEqualTo(whole.parameters());
        }
    }

    @Test
    void progressIsReportedForEveryReplicate() {
        Dataset data = synthetic(2, 20);
        Fit fit = Fitter.fit(law(), data, "loss", options());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Bootstrap.run(fit, data, options(), BootstrapOptions.defaults().withReplicates(25),
                (done, total) -> calls.incrementAndGet());
        assertThat(calls.get()).isEqualTo(25);
    }

    @Test
    void resamplingRunsKeepsEachRunTogether() {
        Dataset data = synthetic(3, 24);
        String[] run = new String[24];
        for (int i = 0; i < 24; i++) {
            run[i] = "run" + (i / 4);
        }
        data = data.withLabel("run", run);
        int[][] units = Bootstrap.units(data, BootstrapOptions.defaults().withRuns("run"));
        assertThat(units).hasNumberOfRows(6);
        double[] counts = new double[24];
        Bootstrap.multiplicities(units, new SplittableRandom(1), counts);
        for (int r = 0; r < 6; r++) {
            for (int j = 1; j < 4; j++) {
                assertThat(counts[4 * r + j]).isEqualTo(counts[4 * r]);
            }
        }
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(24);
    }

    /**
     * Nominal 90 % percentile intervals cover the true parameters in 85-95 % of 300 repeated
     * experiments (60 rows, 1 % noise, 100 replicates each; fixed seeds).
     */
    @Test
    void ninetyPercentIntervalsCoverTheTruthAboutNinetyPercentOfTheTime() {
        int experiments = 300;
        Map<String, Integer> covered = new LinkedHashMap<>();
        for (int e = 0; e < experiments; e++) {
            Dataset data = synthetic(1000 + e, 60);
            Fit fit = Fitter.fit(law(), data, "loss", options());
            BootstrapResult b = Bootstrap.run(fit, data, options(), BootstrapOptions.defaults().withReplicates(100)
                    .withSeed(e).withLevel(0.90), ProgressListener.NONE);
            for (ParameterSummary p : b.parameters()) {
                if (p.interval().contains(TRUTH.get(p.name()))) {
                    covered.merge(p.name(), 1, Integer::sum);
                }
            }
        }
        for (String name : TRUTH.keySet()) {
            double rate = covered.getOrDefault(name, 0) / (double) experiments;
            assertThat(rate).as("coverage of " + name).isBetween(0.85, 0.95);
        }
    }
}
