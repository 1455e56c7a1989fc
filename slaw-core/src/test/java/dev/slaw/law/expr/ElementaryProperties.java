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

    @Property(tries = 20000)
    void logOrNaNAgreesWithLogOnNormalNumbers(@ForAll @DoubleRange(min = -700, max = 700) double logX) {
        double x = Math.exp(logX);
        double want = Math.log(x);
        assertThat(Math.abs(Elementary.logOrNaN(x) - want)).as("log(%s)", x)
                .isLessThanOrEqualTo(8 * Math.ulp(want) + 2e-16);
    }

    @Test
    void logOrNaNIsNaNOutsideThePositiveNormals() {
        for (double x : new double[]{0, -0.0, -1, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MIN_NORMAL / 2}) {
            assertThat(Elementary.logOrNaN(x)).as("logOrNaN(%s)", x).isNaN();
        }
        assertThat(Elementary.logOrNaN(Double.MIN_NORMAL)).isCloseTo(Math.log(Double.MIN_NORMAL),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Elementary.logOrNaN(Double.MAX_VALUE)).isCloseTo(Math.log(Double.MAX_VALUE),
                org.assertj.core.data.Offset.offset(1e-12));
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
