package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.schedule.Schedule;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LrAnnealingLawTest {
    private static final Map<String, Schedule> SCHEDULES = CurveFixtures.schedules();
    private static final Dataset ROWS = CurveFixtures.rows(SCHEDULES, 23, 700);

    @Test
    void annealingAreaFollowsTheMomentumRecursion() {
        double[] rates = {1, 1, 0.5, 0.5, 0.25};
        double lambda = 0.5;
        // m = 0, 0.5, 0.25, 0.375 ; S2 = cumulative sum of m.
        assertThat(LrAnnealingLaw.annealingArea(rates, lambda)).containsExactly(0, 0, 0.5, 0.75, 1.125);
    }

    @Test
    void lossFallsWithAnnealingAtTheSameLearningRateSum() {
        LrAnnealingLaw law = LrAnnealingLaw.of(Map.of("x", Schedule.parse("constant(1)")));
        double[] p = {2.5, 0.5, 0.5, 200};
        double[] cosine = law.predict(p, Schedule.parse("warmup(500, constant)+cosine(peak=2e-4, end=0, total=20000)"),
                new int[] {19999});
        double[] constant = law.predict(p, Schedule.parse("constant(2e-4)"), new int[] {19999});
        assertThat(cosine[0]).isLessThan(constant[0] + 0.5 * Math.pow(2e-4 * 20000, -0.5));
        assertThat(law.withDecayFactor(0.9).decayFactor()).isEqualTo(0.9);
        assertThatThrownBy(() -> law.withDecayFactor(1)).hasMessageContaining("lambda must be in [0, 1)");
    }

    @Test
    void valuesFollowTheFormula() {
        Schedule s = Schedule.parse("values(1e-3, 1e-3, 5e-4, 5e-4)");
        LrAnnealingLaw law = LrAnnealingLaw.of(Map.of("r", s));
        double[] p = {2, 0.5, 0.5, 10};
        double[] v = law.predict(p, s, new int[] {3});
        double s1 = 1e-3 + 1e-3 + 5e-4 + 5e-4;
        double s2 = 5e-4 + 0.999 * 5e-4;
        assertThat(v[0]).isCloseTo(2 + 0.5 * Math.pow(s1, -0.5) - 10 * s2, within(1e-14));
    }

    @Property(tries = 100)
    void jacobianMatchesCentralDifferences(@ForAll @DoubleRange(min = 1, max = 4) double l0,
                                           @ForAll @DoubleRange(min = 0.05, max = 3) double a,
                                           @ForAll @DoubleRange(min = 0.05, max = 1.5) double alpha,
                                           @ForAll @DoubleRange(min = 0, max = 1000) double c) {
        Gradients.assertJacobianMatchesCentralDifferences(LrAnnealingLaw.of(SCHEDULES).evaluator(ROWS),
                new double[] {l0, a, alpha, c});
    }
}
