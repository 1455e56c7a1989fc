package dev.slaw.law.expr;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast elementary functions stay within their stated ulp of {@link Math}'s. */
class ElementaryProperties {

    private static double ulps(double got, double want) {
        if (got == want || (Double.isNaN(got) && Double.isNaN(want))) {
            return 0;
        }
        return want == 0 ? Math.abs(got) / Double.MIN_VALUE : Math.abs(got - want) / Math.ulp(want);
    }

    @Property(tries = 20000)
    void logIsWithinEightUlp(@ForAll @DoubleRange(min = -740, max = 700) double logX) {
        double x = Math.exp(logX);
        assertThat(ulps(Elementary.log(x), Math.log(x))).as("log(%s)", x).isLessThanOrEqualTo(8);
    }

    @Property(tries = 20000)
    void logNearOneIsAccurate(@ForAll @DoubleRange(min = 0.9, max = 1.1) double x) {
        assertThat(ulps(Elementary.log(x), Math.log(x))).as("log(%s)", x).isLessThanOrEqualTo(8);
    }

    @Property(tries = 20000)
    void expIsWithinTwoUlp(@ForAll @DoubleRange(min = -745, max = 710) double x) {
        assertThat(ulps(Elementary.exp(x), Math.exp(x))).as("exp(%s)", x).isLessThanOrEqualTo(2);
    }

    @Test
    void specialArgumentsBehaveAsMath() {
        for (double x : new double[]{0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1, 2,
                Double.MAX_VALUE}) {
            assertThat(Double.valueOf(Elementary.log(x))).as("log(%s)", x).isEqualTo(Double.valueOf(Math.log(x)));
        }
        for (double x : new double[]{Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -800, 800, 0}) {
            assertThat(Double.valueOf(Elementary.exp(x))).as("exp(%s)", x).isEqualTo(Double.valueOf(Math.exp(x)));
        }
    }
}
