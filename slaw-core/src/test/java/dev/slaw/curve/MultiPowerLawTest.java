package dev.slaw.curve;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.LawEvaluator;
import dev.slaw.schedule.Schedule;
import dev.slaw.schedule.ScheduleProfile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MultiPowerLawTest {
    private static final Map<String, Schedule> SCHEDULES = CurveFixtures.schedules();
    private static final Dataset ROWS = CurveFixtures.rows(SCHEDULES, 37, 700);
    private static final double[] PUBLISHED_25M = {3.0405, 0.5247, 0.5079, 363.79, 2.0656, 0.5828, 0.6414};

    /** The law read literally: a sum over every step k <= t, S_k(t) summed afresh. */
    private static double direct(double[] p, Schedule schedule, int t) {
        ScheduleProfile profile = schedule.profile(t + 1);
        double[] eta = profile.rates();
        double total = 0;
        for (int k = 1; k <= t; k++) {
            double skt = 0;
            for (int tau = k; tau <= t; tau++) {
                skt += eta[tau];
            }
            double g = eta[k] == 0 ? 1 : 1 - Math.pow(p[4] * Math.pow(eta[k], -p[6]) * skt + 1, -p[5]);
            total += (eta[k - 1] - eta[k]) * g;
        }
        return p[0] + p[1] * Math.pow(profile.cumulative(t), -p[2]) - p[3] * total;
    }

    @Test
    void kernelAgreesWithTheFormulaReadLiterally() {
        assertAgreesWithFormula(MultiPowerLaw.of(SCHEDULES).withLossDropSum(MultiPowerLaw.LossDropSum.EXACT), 1e-11);
        // The quadrature's own error is far below the 1e-3 relative residuals a fit works with.
        assertAgreesWithFormula(MultiPowerLaw.of(SCHEDULES), 1e-9);
    }

    private static void assertAgreesWithFormula(MultiPowerLaw law, double tolerance) {
        double[] values = new double[ROWS.rowCount()];
        law.evaluator(ROWS).evaluate(PUBLISHED_25M, values, null);
        String[] runs = ROWS.label(CurveLaw.RUN).orElseThrow();
        double[] steps = ROWS.column(CurveLaw.STEP);
        for (int i = 0; i < values.length; i++) {
            double expected = direct(PUBLISHED_25M, SCHEDULES.get(runs[i]), (int) steps[i]);
            assertThat(values[i]).as("%s step %s", runs[i], steps[i]).isCloseTo(expected, within(tolerance));
        }
    }

    @Test
    void valueOnlyAndJacobianPassesAgree() {
        LawEvaluator e = MultiPowerLaw.of(SCHEDULES).evaluator(ROWS);
        double[] plain = new double[ROWS.rowCount()];
        double[] withJacobian = new double[ROWS.rowCount()];
        e.evaluate(PUBLISHED_25M, plain, null);
        e.evaluate(PUBLISHED_25M, withJacobian, new double[7][ROWS.rowCount()]);
        assertThat(withJacobian).containsExactly(plain);
    }

    @Property(tries = 60)
    void jacobianMatchesCentralDifferences(@ForAll @DoubleRange(min = 1, max = 4) double l0,
                                           @ForAll @DoubleRange(min = 0.05, max = 3) double a,
                                           @ForAll @DoubleRange(min = 0.05, max = 1.5) double alpha,
                                           @ForAll @DoubleRange(min = 1, max = 1000) double b,
                                           @ForAll @DoubleRange(min = 0.05, max = 10) double c,
                                           @ForAll @DoubleRange(min = 0.05, max = 2) double beta,
                                           @ForAll @DoubleRange(min = 0.05, max = 1.2) double gamma) {
        Gradients.assertJacobianMatchesCentralDifferences(MultiPowerLaw.of(SCHEDULES).evaluator(ROWS),
                new double[] {l0, a, alpha, b, c, beta, gamma});
    }

    @Test
    void predictsOneRunUnderANewSchedule() {
        MultiPowerLaw law = MultiPowerLaw.of(Map.of("x", Schedule.parse("constant(1)")));
        Schedule wsd = Schedule.fromMultipowerName("wsd_20000_24000");
        double[] predicted = law.predict(PUBLISHED_25M, wsd, new int[] {19000, 23999});
        assertThat(predicted[0]).isCloseTo(direct(PUBLISHED_25M, wsd, 19000), within(1e-9));
        // Annealing lowers the loss by about B * (peak - end) * G: a few hundredths.
        assertThat(predicted[0] - predicted[1]).isBetween(0.05, 0.3);
    }

    @Test
    void predictingEveryStepOfALongRunInBlocksMatchesTheFormula() {
        MultiPowerLaw law = MultiPowerLaw.of(Map.of("x", Schedule.parse("constant(1)")));
        Schedule cosine = Schedule.parse("warmup(500)+cosine(peak=3e-4, end=3e-5, total=12000)");
        int[] steps = new int[11_999];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
        }
        double[] predicted = law.predict(PUBLISHED_25M, cosine, steps);
        // rows on both sides of each block boundary, and the last
        for (int step : new int[] {1, 4095, 4096, 4097, 8192, 8193, 11999}) {
            assertThat(predicted[step - 1]).as("step %d", step)
                    .isCloseTo(direct(PUBLISHED_25M, cosine, step), within(1e-9));
        }
    }

    @Test
    void rowsMustNameAKnownRunAndAStep() {
        MultiPowerLaw law = MultiPowerLaw.of(SCHEDULES);
        Dataset unknown = ROWS.withLabel(CurveLaw.RUN, replaceFirst(ROWS.label(CurveLaw.RUN).orElseThrow(), "nope"));
        assertThatThrownBy(() -> law.evaluator(unknown)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 1: run 'nope' has no schedule");
        double[] steps = ROWS.column(CurveLaw.STEP);
        steps[2] = 3.5;
        assertThatThrownBy(() -> law.evaluator(ROWS.withColumn(CurveLaw.STEP, steps)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 3, column \"step\": 3.5 is not a step");
        Dataset noRuns = Dataset.of("x", Map.of(CurveLaw.STEP, new double[] {5}));
        assertThatThrownBy(() -> law.evaluator(noRuns)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("needs a run label column 'run'");
        Dataset atStart = Dataset.of("x", Map.of(CurveLaw.STEP, new double[] {0}));
        assertThatThrownBy(() -> MultiPowerLaw.of(Map.of("c", SCHEDULES.get("cosine"))).evaluator(atStart))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has not trained yet");
    }

    private static String[] replaceFirst(String[] labels, String first) {
        labels[0] = first;
        return labels;
    }
}
