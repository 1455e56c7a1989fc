package dev.slaw.io.fit;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveProtocol;
import dev.slaw.curve.LrAnnealingLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.schedule.PerStepSchedule;
import dev.slaw.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A curve fit saved as a normal fit file: the law comes back with its runs, schedules and settings. */
class CurveFitJsonTest {
    private static final double[] TRUTH = {2.0, 0.6, 0.5, 2.0};

    /** Two runs, one of them per step from a file; losses from the LR-annealing law at {@link #TRUTH}. */
    private static Fit fitOfTwoRuns() {
        double[] rates = new double[3000];
        for (int s = 0; s < rates.length; s++) {
            rates[s] = s < 1500 ? 1e-3 : 3e-4;
        }
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        schedules.put("cosine", Schedule.parse("warmup(100)+cosine(peak=1e-3, end=1e-4, total=3000)"));
        schedules.put("steps", new PerStepSchedule("lrs.csv", rates));
        LrAnnealingLaw law = LrAnnealingLaw.of(schedules).withDecayFactor(0.99);
        int perRun = 29;
        double[] step = new double[2 * perRun];
        String[] run = new String[2 * perRun];
        for (int i = 0; i < step.length; i++) {
            step[i] = 100 * (1 + i % perRun);
            run[i] = i < perRun ? "cosine" : "steps";
        }
        Dataset rows = Dataset.of("two runs", Map.of(CurveLaw.STEP, step)).withLabel(CurveLaw.RUN, run);
        double[] loss = new double[step.length];
        law.evaluator(rows).evaluate(TRUTH, loss, null);
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(CurveLaw.STEP, step);
        columns.put(CurveLaw.LOSS, loss);
        Dataset data = Dataset.of("two runs", columns).withLabel(CurveLaw.RUN, run);
        return CurveProtocol.CONVERGED.fit(law, data, CurveLaw.LOSS, 0, FitOptions.defaults().withThreads(1));
    }

    @Test
    void aCurveFitComesBackWithItsRunsSchedulesAndSettings() {
        Fit fit = fitOfTwoRuns();
        String json = FitJson.write(fit);
        assertThat(json).contains("\"run_column\" : \"run\"", "\"decay_factor\" : 0.99", "\"steps\" : \"values(")
                .doesNotContain("lrs.csv");
        Fit back = FitJson.read(json, "saved.json");
        CurveLaw law = (CurveLaw) back.law();
        CurveLaw original = (CurveLaw) fit.law();
        assertThat(law).isInstanceOf(LrAnnealingLaw.class);
        assertThat(((LrAnnealingLaw) law).decayFactor()).isEqualTo(0.99);
        assertThat(law.schedules().keySet()).containsExactly("cosine", "steps");
        assertThat(back.values()).containsExactly(fit.values());
        int[] steps = {150, 1499, 1500, 2999};
        for (String run : law.schedules().keySet()) {
            assertThat(law.predict(back.values(), law.schedules().get(run), steps))
                    .containsExactly(original.predict(fit.values(), original.schedules().get(run), steps));
        }
    }

    @Test
    void anEditedScheduleIsRefusedNamingTheRun() {
        String json = FitJson.write(fitOfTwoRuns()).replace("+cosine(", "+cosin(");
        assertThatThrownBy(() -> FitJson.read(json, "edited.json")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("edited.json: malformed slaw fit: law \"curve\" schedule of run \"cosine\": ");
    }
}
