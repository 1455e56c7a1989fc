package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.law.LawEvaluator;
import dev.slaw.schedule.PerStepSchedule;
import dev.slaw.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The far-field quadrature of the multi-power loss-drop sum against the exact sum. */
class LossDropSumsTest {
    private static final double[] PUBLISHED_25M = {3.0405, 0.5247, 0.5079, 363.79, 2.0656, 0.5828, 0.6414};

    @Test
    void quadratureMatchesExactSumsOnThePublishedRuns() {
        List<String> all = new ArrayList<>(MultipowerData.FIT);
        all.addAll(MultipowerData.HELD_OUT);
        Dataset rows = MultipowerData.curves("25", all);
        MultiPowerLaw law = MultiPowerLaw.of(MultipowerData.schedules(all));
        assertAgree(law, rows, 1e-10, 7);
    }

    @Test
    void clustersOfRowsLoggedAtEveryStepMatchExactSums() {
        // every step logged: neighbouring rows share their far changes through clusters of rows
        Map<String, Schedule> schedules = new java.util.LinkedHashMap<>();
        schedules.put("cosine", Schedule.parse("warmup(200)+cosine(peak=3e-4, end=3e-5, total=6000)"));
        schedules.put("wsd", Schedule.parse("warmup(200)+wsd(peak=3e-4, end=3e-5, decay=4800, total=6000)"));
        Dataset rows = CurveFixtures.rows(schedules, 1, 5999);
        MultiPowerLaw law = MultiPowerLaw.of(schedules);
        assertAgree(law, rows, 1e-10, 3);
        long pairs = ((MultiPowerLaw.Evaluator) law.evaluator(rows)).pairs();
        long exact = ((MultiPowerLaw.Evaluator) law.withLossDropSum(MultiPowerLaw.LossDropSum.EXACT).evaluator(rows)).pairs();
        assertThat(pairs).as("pairs with clusters against %d exact", exact).isLessThan(exact / 20);
    }

    @Test
    void noisyPerStepScheduleFallsBackToExactSums() {
        Random random = new Random(11);
        double[] rates = new double[3000];
        for (int s = 0; s < rates.length; s++) {
            rates[s] = 1e-3 * (1 - s / 4000.0) * (1 + 0.01 * random.nextGaussian());
        }
        Map<String, Schedule> schedules = Map.of("noisy", PerStepSchedule.of(rates));
        assertAgree(MultiPowerLaw.of(schedules), CurveFixtures.rows(schedules, 97, 2999), 1e-12, 3);
    }

    private static void assertAgree(MultiPowerLaw law, Dataset rows, double tolerance, int trials) {
        LawEvaluator quadrature = law.evaluator(rows);
        LawEvaluator exact = law.withLossDropSum(MultiPowerLaw.LossDropSum.EXACT).evaluator(rows);
        int n = rows.rowCount();
        Random random = new Random(5);
        for (int trial = 0; trial < trials; trial++) {
            double[] p = PUBLISHED_25M.clone();
            for (int k = 0; k < p.length; k++) {
                p[k] *= Math.exp(0.5 * random.nextGaussian());
            }
            double[] a = new double[n];
            double[] b = new double[n];
            double[][] ja = new double[7][n];
            double[][] jb = new double[7][n];
            quadrature.evaluate(p, a, ja);
            exact.evaluate(p, b, jb);
            for (int i = 0; i < n; i++) {
                assertThat(a[i]).as("row %d", i).isCloseTo(b[i], within(tolerance));
                for (int j = 0; j < 7; j++) {
                    assertThat(ja[j][i]).as("d row %d / d parameter %d", i, j)
                            .isCloseTo(jb[j][i], within(tolerance * Math.max(1, Math.abs(jb[j][i]))));
                }
            }
        }
    }
}
