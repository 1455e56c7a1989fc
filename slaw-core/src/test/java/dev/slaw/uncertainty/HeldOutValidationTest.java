package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Starts;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Held-out extrapolation on synthetic data whose law and noise are known. */
class HeldOutValidationTest {
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
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            y[i] = mean * Math.exp(0.01 * gaussian);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("N", n);
        cols.put("loss", y);
        return Dataset.of("synthetic " + seed, cols);
    }

    private static FitOptions options() {
        return FitOptions.defaults().withThreads(1).withStarts(Starts.at(List.of(TRUTH)))
                .withObjective(Objective.of(Loss.SQUARED));
    }

    @Test
    void ninetyPercentPredictionIntervalsCoverHeldOutObservationsAboutNinetyPercentOfTheTime() {
        int covered = 0;
        int total = 0;
        double meanError = 0;
        BootstrapOptions boot = BootstrapOptions.defaults().withReplicates(100).withThreads(2).withLevel(0.90);
        for (long seed = 0; seed < 40; seed++) {
            HeldOutValidation v = HeldOutValidation.run(law(), synthetic(seed, 50), "loss", Holdout.where("N >= 3e9"),
                    options(), boot.withSeed(seed), ProgressListener.NONE);
            assertThat(v.trainingRows() + v.rows().size()).isEqualTo(50);
            for (HeldOutValidation.HeldOutRow r : v.rows()) {
                covered += r.predictionCovers() ? 1 : 0;
                total++;
            }
            meanError += v.meanRelativeError() / 40;
        }
        double coverage = covered / (double) total;
        // rows are correlated within an experiment (one fit predicts them all), so allow a wide band
        assertThat(coverage).as("coverage of %d held-out rows", total).isBetween(0.80, 0.98);
        // 1 % noise: the extrapolation should be off by about 1 %, not more than twice that
        assertThat(meanError).isLessThan(0.02);
    }

    @Test
    void leavingTheLargestOutHoldsBackTheRowsAtTheLargestValue() {
        Dataset data = synthetic(1, 20);
        HeldOutValidation v = HeldOutValidation.run(law(), data, "loss", Holdout.largest("N"), options(),
                BootstrapOptions.defaults().withReplicates(20).withThreads(1), ProgressListener.NONE);
        assertThat(v.rows()).hasSize(1);
        assertThat(v.rows().get(0).point().get("N")).isEqualTo(1e10, org.assertj.core.data.Offset.offset(1.0));
        assertThat(v.rows().get(0).rowNumber()).isEqualTo(20);
        assertThat(v.rows().get(0).prediction().prediction().width())
                .isGreaterThan(v.rows().get(0).prediction().confidence().width());
    }

    @Test
    void aHoldoutOfNoRowsOrEveryRowIsBadInput() {
        Dataset data = synthetic(2, 10);
        assertThatThrownBy(() -> Holdout.where("N > 1e20").select(data)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds out none of the 10 rows");
        assertThatThrownBy(() -> Holdout.where("N > 0").select(data)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds out all 10 rows");
        assertThatThrownBy(() -> Holdout.where("N >= ")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Holdout.where("M > 3").select(data)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown name 'M'");
        assertThatThrownBy(() -> Holdout.largest("M").select(data)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no column 'M'");
    }
}
