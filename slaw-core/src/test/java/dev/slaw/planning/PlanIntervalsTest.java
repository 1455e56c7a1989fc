package dev.slaw.planning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanIntervalsTest {

    @Test
    void percentileIntervalInterpolatesLikeNumpy() {
        double[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        Interval i = Interval.percentile(s, 0.9);
        // numpy.percentile([1..10], [5, 95]) = [1.45, 9.55]
        assertThat(i.lower()).isCloseTo(1.45, within(1e-12));
        assertThat(i.upper()).isCloseTo(9.55, within(1e-12));
    }

    @Test
    void replicatesGiveIntervalsAroundThePointPlanAndCountFailures() {
        Random random = new Random(20240417L);
        List<Map<String, Double>> sets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sets.add(Map.of("E", 1.8169 + 0.02 * random.nextGaussian(), "A", 482.01, "B", 2085.43,
                    "alpha", 0.34781 + 0.01 * random.nextGaussian(), "beta", 0.36585 + 0.01 * random.nextGaussian()));
        }
        // a replicate whose floor is above the target cannot reach it: counted as failed
        sets.add(Map.of("E", 2.5, "A", 482.01, "B", 2085.43, "alpha", 0.34781, "beta", 0.36585));
        LossSurface surface = ComputeOptimalTest.epoch();
        ComputeOptimal planner = ComputeOptimal.of(surface);
        Allocation point = planner.forTargetLoss(2.0);
        Intervals iv = PlanIntervals.of(surface, Replicates.of(sets), s -> planner.withSurface(s).forTargetLoss(2.0),
                0.95);
        assertThat(iv.replicates()).isEqualTo(200);
        assertThat(iv.failed()).isEqualTo(1);
        assertThat(iv.of("parameterCount").orElseThrow().contains(point.parameterCount())).isTrue();
        assertThat(iv.of("computeFlops").orElseThrow().contains(point.computeFlops())).isTrue();
        Allocation at = planner.at(5.88e23);
        Intervals budget = PlanIntervals.of(surface, Replicates.of(sets), s -> planner.withSurface(s).at(5.88e23), 0.95);
        assertThat(budget.failed()).isZero();
        assertThat(budget.of("tokensPerParameter").orElseThrow().contains(at.tokensPerParameter())).isTrue();
        assertThat(PlanIntervals.of(surface, Replicates.of(List.of()), s -> planner.withSurface(s).at(1e22), 0.95))
                .isEqualTo(Intervals.NONE);
    }
}
