package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screening the starts of a large table on a sample ({@link Screening}) finds the fit that every
 * start on every row finds, and says that it screened; a table at the threshold is fitted as
 * before, with the same record.
 */
class ScreeningTest {
    private static final Law CHINCHILLA = Catalogue.builtIn().find("chinchilla").orElseThrow();

    /** Hoffmann et al.'s law with 1 % log-normal noise, as bench/chinchilla-rows.py makes it. */
    private static Dataset rows(int n) {
        SplittableRandom random = new SplittableRandom(12);
        double[] params = new double[n];
        double[] tokens = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = Math.pow(10, 7 + 3 * random.nextDouble());
            tokens[i] = Math.pow(10, 9 + 3 * random.nextDouble());
            double noise = 0.01 * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                    * Math.cos(2 * Math.PI * random.nextDouble());
            loss[i] = (1.69 + 406.4 / Math.pow(params[i], 0.34) + 410.7 / Math.pow(tokens[i], 0.28)) * Math.exp(noise);
        }
        return Dataset.of("synthetic", Map.of("N", params, "D", tokens, "loss", loss));
    }

    private static FitOptions options(Screening screening) {
        return FitOptions.defaults().withStarts(Starts.latinHypercube(64, 3)).withThreads(2).withScreening(screening);
    }

    @Test
    void aScreenedFitIsTheFitFromEveryStartOnEveryRowAndSaysSo() {
        Dataset data = rows(3_000);
        Fit everyRow = Fitter.fit(CHINCHILLA, data, "loss", options(Screening.NEVER));
        Fit screened = Fitter.fit(CHINCHILLA, data, "loss", options(new Screening(256, 1_000, 4)));

        for (int i = 0; i < everyRow.parameters().size(); i++) {
            assertThat(screened.parameters().get(i).value())
                    .isCloseTo(everyRow.parameters().get(i).value(),
                            org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        assertThat(screened.objectiveValue()).isCloseTo(everyRow.objectiveValue(),
                org.assertj.core.data.Percentage.withPercentage(1e-8));
        assertThat(screened.starts().total()).isEqualTo(64);
        assertThat(screened.starts().description()).isEqualTo(Starts.latinHypercube(64, 3).describe()
                + "; starts screened on 256 of 3,000 rows (the extremes of N, D, loss and an even draw of the rest);"
                + " the best 4 then run on all rows");
        assertThat(screened.provenance().starts()).isEqualTo(screened.starts().description());
        assertThat(screened.provenance().choices()).containsEntry("starts_screened_on_rows", 256L)
                .containsEntry("starts_run_on_all_rows", 4L);
        // the record of an unscreened fit is what it was before screening existed
        assertThat(everyRow.provenance().choices()).isEqualTo(Provenance.choices(options(Screening.NEVER)));
        assertThat(everyRow.starts().description()).isEqualTo(Starts.latinHypercube(64, 3).describe());
    }

    @Test
    void aTableAtTheThresholdIsNotScreened() {
        Fit fit = Fitter.fit(CHINCHILLA, rows(1_000), "loss", options(new Screening(256, 1_000, 4)));
        assertThat(fit.starts().description()).isEqualTo(Starts.latinHypercube(64, 3).describe());
        assertThat(fit.provenance().choices()).doesNotContainKey("starts_screened_on_rows");
    }
}
