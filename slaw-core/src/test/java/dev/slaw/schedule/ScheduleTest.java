package dev.slaw.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScheduleTest {

    @Test
    void cosineRunsFromPeakToEndAfterWarmup() {
        Schedule s = Schedule.warmup(100, Schedule.cosine(1e-3, 1e-4, 1100));
        assertThat(s.lrAt(0)).isZero();
        assertThat(s.lrAt(99)).isEqualTo(1e-3);
        assertThat(s.lrAt(50)).isCloseTo(1e-3 * 50 / 99, within(1e-18));
        assertThat(s.lrAt(100)).isEqualTo(1e-3);
        assertThat(s.lrAt(600)).isCloseTo(0.5 * (1e-3 + 1e-4), within(1e-15));
        assertThat(s.lrAt(1100)).isEqualTo(1e-4);
        assertThat(s.lrAt(5000)).isEqualTo(1e-4);
        assertThat(s.totalSteps()).hasValue(1100);
    }

    @Test
    void constantWarmupHoldsThePeak() {
        Schedule s = WarmupSchedule.of(500, WarmupSchedule.Shape.CONSTANT, Schedule.cosine(2e-4, 0, 20000));
        assertThat(s.lrAt(0)).isEqualTo(2e-4);
        assertThat(s.lrAt(499)).isEqualTo(2e-4);
        assertThat(s.lrAt(20000)).isZero();
    }

    @Test
    void warmupStableDecayDecaysGeometricallyOrLinearly() {
        var exp = new WarmupStableDecaySchedule(3e-4, 3e-5, 20000, 24000, WarmupStableDecaySchedule.Decay.EXPONENTIAL);
        var lin = exp.withShape(WarmupStableDecaySchedule.Decay.LINEAR);
        assertThat(exp.lrAt(19999)).isEqualTo(3e-4);
        assertThat(exp.lrAt(22000)).isCloseTo(Math.sqrt(3e-4 * 3e-5), within(1e-15));
        assertThat(lin.lrAt(22000)).isCloseTo(0.5 * (3e-4 + 3e-5), within(1e-15));
        assertThat(exp.lrAt(24000)).isEqualTo(3e-5);
    }

    @Test
    void twoStageInverseSqrtLinearAndPerStep() {
        assertThat(new TwoStageSchedule(3e-4, 9e-5, 8000).lrAt(7999)).isEqualTo(3e-4);
        assertThat(new TwoStageSchedule(3e-4, 9e-5, 8000).lrAt(8000)).isEqualTo(9e-5);
        Schedule noam = Schedule.warmup(4000, new InverseSqrtSchedule(1e-3, 4000, 0));
        assertThat(noam.lrAt(16000)).isCloseTo(1e-3 * Math.sqrt(4000.0 / 16000), within(1e-15));
        assertThat(new LinearDecaySchedule(1.0, 0.0, 10, 0).lrAt(3)).isCloseTo(0.7, within(1e-15));
        PerStepSchedule p = PerStepSchedule.of(3, 2, 1);
        assertThat(p.lrAt(1)).isEqualTo(2);
        assertThat(p.lrAt(10)).isEqualTo(1);
    }

    @Test
    void profileHoldsRatesAndPrefixSums() {
        ScheduleProfile p = PerStepSchedule.of(1, 2, 3, 4).profile(6);
        assertThat(p.rates()).containsExactly(1, 2, 3, 4, 4, 4);
        assertThat(p.cumulative()).containsExactly(1, 3, 6, 10, 14, 18);
        assertThat(p.sum(2, 3)).isEqualTo(7);
        assertThat(p.sum(0, 1)).isEqualTo(3);
        assertThat(p.sum(3, 2)).isZero();
    }

    @Test
    void prefixSumsStayExactOverLongRuns() {
        Schedule s = Schedule.fromMultipowerName("cosine_72000");
        ScheduleProfile p = s.profile(72000);
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (double r : p.rates()) {
            exact = exact.add(new java.math.BigDecimal(r));
        }
        assertThat(p.cumulative(71999)).isCloseTo(exact.doubleValue(), within(Math.ulp(exact.doubleValue())));
    }

    @Test
    void valuesAreChecked() {
        assertThatThrownBy(() -> Schedule.cosine(3e-4, 3e-5, 0)).hasMessageContaining("total (0) must be after start (0)");
        assertThatThrownBy(() -> new ConstantSchedule(-1)).hasMessageContaining("lr must be");
        assertThatThrownBy(() -> new ConstantSchedule(1).lrAt(-1)).hasMessageContaining("counted from 0");
        assertThatThrownBy(() -> new WarmupStableDecaySchedule(3e-4, 0, 10, 20,
                WarmupStableDecaySchedule.Decay.EXPONENTIAL)).hasMessageContaining("exponential");
        assertThatThrownBy(() -> new WarmupSchedule(10, WarmupSchedule.Shape.LINEAR,
                Schedule.warmup(5, new ConstantSchedule(1)))).hasMessageContaining("another warmup");
    }
}
