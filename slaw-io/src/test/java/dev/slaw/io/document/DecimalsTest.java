package dev.slaw.io.document;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {

    @Provide
    Arbitrary<Double> numbers() {
        // any double, plus short decimals (where half-up ties happen) across magnitudes
        Arbitrary<Double> shortDecimals = Arbitraries.integers().between(-9_999_999, 9_999_999)
                .flatMap(m -> Arbitraries.integers().between(-12, 14).map(e -> m * Math.pow(10, -e)));
        return Arbitraries.oneOf(Arbitraries.doubles(), shortDecimals,
                Arbitraries.of(0.0, -0.0, 0.5, 9.9995e-5, 99995.0, 0.1234565, 1e-300, 1e300,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
    }

    @Property(tries = 3000)
    void fixedIsStringFormatsF(@ForAll("numbers") double v) {
        for (int precision : new int[]{0, 2, 6}) {
            StringBuilder sb = new StringBuilder();
            Decimals.fixed(sb, v, 14, precision);
            assertThat(sb.toString()).as("%%.%df of %s", precision, v)
                    .isEqualTo(String.format(Locale.ROOT, "%14." + precision + "f", v));
        }
    }

    @Property(tries = 3000)
    void generalIsStringFormatsG(@ForAll("numbers") double v) {
        for (int precision : new int[]{1, 4, 6}) {
            StringBuilder sb = new StringBuilder();
            Decimals.general(sb, v, 14, precision);
            assertThat(sb.toString()).as("%%.%dg of %s", precision, v)
                    .isEqualTo(String.format(Locale.ROOT, "%14." + precision + "g", v));
        }
    }

    @Test
    void roundsHalfUpTheShortestDigits() {
        StringBuilder sb = new StringBuilder();
        Decimals.fixed(sb, 0.1234565, 0, 6);
        sb.append(' ');
        Decimals.general(sb, 9.9995e9, 0, 4);
        assertThat(sb.toString()).isEqualTo("0.123457 1.000e+10");
    }
}
