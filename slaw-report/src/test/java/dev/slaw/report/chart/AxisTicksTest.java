package dev.slaw.report.chart;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AxisTicksTest {

    @Test
    void twoDecadesOfTokensAreLabelledAtOneTwoThreeAndFive() {
        AxisTicks t = AxisTicks.log(1.2e9, 9e10, 700, true, 13);
        assertThat(t.labels()).contains("2e9", "3e9", "5e9", "1e10", "2e10", "5e10");
        assertThat(t.lower()).isEqualTo(1e9);
        assertThat(t.upper()).isEqualTo(9e10);
    }

    @Test
    void aRangeWithinOneDecadeStillHasSeveralLabels() {
        AxisTicks t = AxisTicks.log(2.1, 3.4, 500, false, 13);
        assertThat(t.lower()).isEqualTo(2);
        assertThat(t.upper()).isEqualTo(4);
        assertThat(t.labels()).containsExactly("2", "3", "4");
    }

    @Test
    void manyDecadesFallBackToPowersOfTenThenEveryOtherOne() {
        assertThat(AxisTicks.log(1e6, 1e12, 700, true, 13).labels()).contains("1e6", "1e9", "1e12");
        AxisTicks wide = AxisTicks.log(1e-3, 1e30, 300, true, 13);
        assertThat(wide.labels().size()).isBetween(2, 8);
    }

    @Test
    void aSingleValueGetsTheTicksOnEitherSide() {
        AxisTicks t = AxisTicks.log(5e9, 5e9, 600, true, 13);
        assertThat(t.labels()).containsExactly("4e9", "5e9", "6e9");
    }

    @Test
    void labelsAreShortAndExact() {
        assertThat(AxisTicks.label(2e9)).isEqualTo("2e9");
        assertThat(AxisTicks.label(1.5e21)).isEqualTo("1.5e21");
        assertThat(AxisTicks.label(300)).isEqualTo("300");
        assertThat(AxisTicks.label(0.05)).isEqualTo("0.05");
        assertThat(AxisTicks.label(9.996e9)).isEqualTo("1e10");
    }

    @Test
    void linearLabelsHaveALeadingZeroAndNoRoundingNoise() {
        assertThat(AxisTicks.linearLabel(0.045, 0, 0.1)).isEqualTo("0.045");
        assertThat(AxisTicks.linearLabel(-0.045, -0.1, 0.1)).isEqualTo("-0.045");
        assertThat(AxisTicks.linearLabel(2.0150000000000001, 2.0, 2.02)).isEqualTo("2.015");
        assertThat(AxisTicks.linearLabel(1.3877787807814457e-17, -0.1, 0.1)).isEqualTo("0");
        assertThat(AxisTicks.linearLabel(12000, 0, 24000)).isEqualTo("12000");
        assertThat(AxisTicks.linearLabel(2.5e6, 0, 5e6)).isEqualTo("2.5e6");
        assertThat(AxisTicks.linearLabel(1.5e-4, 0, 3e-4)).isEqualTo("0.00015");
    }

    @Test
    void unlabelledTicksAreBlankNotEmpty() {
        AxisTicks t = AxisTicks.log(1e9, 1e11, 700, true, 13);
        assertThat(t.labelAt(7e9)).isEqualTo(" ");
        assertThat(t.labelAt(2.0000000001e9)).isEqualTo("2e9");
    }

    @Property(tries = 300)
    void everyLogAxisHasAtLeastTwoLabelsThatDoNotOverlap(@ForAll @DoubleRange(min = -12, max = 25) double start,
                                                          @ForAll @DoubleRange(min = 0, max = 20) double decades,
                                                          @ForAll @IntRange(min = 150, max = 2000) int length) {
        double lo = Math.pow(10, start);
        double hi = Math.pow(10, start + decades);
        AxisTicks t = AxisTicks.log(lo, hi, length, true, 13);
        assertThat(t.labels()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(t.lower()).isLessThanOrEqualTo(lo * (1 + 1e-9));
        assertThat(t.upper()).isGreaterThanOrEqualTo(hi * (1 - 1e-9));
        for (int i = 1; i < t.values().size(); i++) {
            assertThat(t.values().get(i)).isGreaterThan(t.values().get(i - 1));
        }
    }
}
