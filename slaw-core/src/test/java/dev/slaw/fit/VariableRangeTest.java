package dev.slaw.fit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VariableRangeTest {
    private static final Map<String, VariableRange> N = Map.of("N", new VariableRange(1e8, 1e10));

    /** A point inside the fitted range is never reported; one outside always is, on its side. */
    @Property
    void aPointIsReportedExactlyWhenItLiesOutsideTheData(@ForAll @DoubleRange(min = 6, max = 12) double log10) {
        double n = Math.pow(10, log10);
        var lines = VariableRange.beyond(N, Map.of("N", new double[]{n}));
        if (n >= 1e8 && n <= 1e10) {
            assertThat(lines).isEmpty();
        } else {
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("extrapolated: N = ").contains(n > 1e10 ? "the largest N" : "below the smallest N");
        }
    }

    @Property
    void onlyTheFarthestPointOnEachSideIsNamed(@ForAll @DoubleRange(min = 1.5, max = 50) double factor) {
        var lines = VariableRange.beyond(N, Map.of("N", new double[]{2e10, factor * 1e10, 5e9, 1e7}));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("the largest N").contains(dev.slaw.law.Numbers.compact(Math.max(2e10, factor * 1e10)));
        assertThat(lines.get(1)).contains("10x below the smallest N");
    }

    /**
     * A target fitted between 0 and 1 (an accuracy) is named when a prediction leaves [0, 1],
     * exactly then, with the farthest one; a target fitted outside [0, 1] (a loss) never is.
     */
    @Property
    void aBoundedTargetIsNamedExactlyWhenAPredictionLeavesTheUnitInterval(
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double predicted) {
        VariableRange accuracy = new VariableRange(0.25, 0.8);
        var line = VariableRange.outsideTheUnitInterval("acc", accuracy, new double[]{0.5, predicted}, i -> "point " + i);
        if (predicted >= 0 && predicted <= 1) {
            assertThat(line).isEmpty();
        } else {
            assertThat(line).hasValueSatisfying(l -> assertThat(l).startsWith("outside [0, 1]: acc = ")
                    .contains("at point 1").contains("(0.25 to 0.8)"));
        }
        assertThat(VariableRange.outsideTheUnitInterval("loss", new VariableRange(1.9, 3.2), new double[]{predicted},
                i -> "")).isEmpty();
        assertThat(VariableRange.outsideTheUnitInterval("acc", null, new double[]{predicted}, i -> "")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aTargetsRangeIsItsFiniteValues() {
        var data = dev.slaw.data.Dataset.of("t", new java.util.LinkedHashMap<>(Map.of("acc",
                new double[]{0.3, Double.NaN, 0.7, 0.2})));
        assertThat(VariableRange.ofTarget(data, "acc")).isEqualTo(new VariableRange(0.2, 0.7));
        assertThat(VariableRange.ofTarget(data, "loss")).isNull();
    }
}
