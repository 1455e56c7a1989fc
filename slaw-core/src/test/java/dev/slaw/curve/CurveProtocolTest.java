package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CurveProtocolTest {
    private static final double[] PUBLISHED_25M = {3.0405, 0.5247, 0.5079, 363.79, 2.0656, 0.5828, 0.6414};

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
}
