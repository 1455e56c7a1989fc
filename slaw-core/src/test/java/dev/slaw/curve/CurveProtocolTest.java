package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.schedule.Schedule;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CurveProtocolTest {
    private static final double[] PUBLISHED_25M = {3.0405, 0.5247, 0.5079, 363.79, 2.0656, 0.5828, 0.6414};

    @Test
    void curveProtocolsThinLongRunsThemselvesNotByFittersScreening() {
        // a second, random thinning of a 600k-row fit hid its refinement's not-converged warning
        for (CurveProtocol protocol : CurveProtocol.values()) {
            assertThat(protocol.options(dev.slaw.fit.FitOptions.defaults()).screening())
                    .isEqualTo(dev.slaw.fit.Screening.NEVER);
        }
    }

    @Test
    void runsLoggedAtEveryStepAreFittedWithTheWarmStartOnEvenlySpacedRows() {
        // every step of six short runs: more rows than the warm start is fitted on
        Map<String, Schedule> schedules = CurveFixtures.schedules();
        Dataset steps = CurveFixtures.rows(schedules, 1, 700);
        MultiPowerLaw law = MultiPowerLaw.of(schedules);
        double[] loss = new double[steps.rowCount()];
        law.evaluator(steps).evaluate(PUBLISHED_25M, loss, null);
        Dataset rows = steps.withColumn(CurveLaw.LOSS, loss);
        assertThat(rows.rowCount()).isGreaterThan(CurveProtocol.WARM_START_ROWS);

        Fit fit = CurveProtocol.CONVERGED.fit(law, rows, CurveLaw.LOSS, 0, FitOptions.defaults());

        assertThat(fit.provenance().notes()).contains("warm start fitted on 2100 of 4200 rows (one in 2)");
        // the law's own values: the fit follows them to well below the Huber delta of 1e-3
        assertThat(fit.objectiveValue()).isLessThan(1e-9);
    }

    @Test
    void tablesBeyondTheStartRowsRunTheirStartsOnASampleAndSayWhatHappened() {
        // every step of six runs to step 1,400: 8,400 rows, just beyond the threshold
        Map<String, Schedule> schedules = CurveFixtures.schedules();
        Dataset steps = CurveFixtures.rows(schedules, 1, 1400);
        MultiPowerLaw law = MultiPowerLaw.of(schedules);
        double[] loss = new double[steps.rowCount()];
        law.evaluator(steps).evaluate(PUBLISHED_25M, loss, null);
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < loss.length; i++) {
            loss[i] *= 1 + 1e-3 * noise.nextGaussian();
        }
        Dataset rows = steps.withColumn(CurveLaw.LOSS, loss);
        assertThat(rows.rowCount()).isGreaterThan(CurveProtocol.START_ROWS);

        Fit fit = CurveProtocol.CONVERGED.fit(law, rows, CurveLaw.LOSS, 0, FitOptions.defaults());

        assertThat(fit.provenance().notes()).anyMatch(n -> n.matches("\\d+ starts run on \\d+ of 8400 rows .*"));
        assertThat(fit.starts().total()).isGreaterThan(1);
        assertThat(fit.starts().description()).contains("sampled rows");
        assertThat(fit.convergence().reason()).startsWith("the sample's best refined on all rows");
        assertThat(fit.warnings()).noneMatch(w -> w.startsWith("fitted from a single start")
                || w.startsWith("the best start stopped without converging"));
        // the short refinement may end before converging; then, and only then, the fit says so
        assertThat(fit.warnings().stream().anyMatch(w -> w.startsWith("the refinement on all rows did not converge")))
                .isEqualTo(!fit.convergence().converged());
        String[] names = {"L0", "A", "alpha", "B"};
        for (int i = 0; i < names.length; i++) {
            assertThat(fit.value(names[i])).as(names[i]).isCloseTo(PUBLISHED_25M[i], Percentage.withPercentage(2));
        }
    }
}
