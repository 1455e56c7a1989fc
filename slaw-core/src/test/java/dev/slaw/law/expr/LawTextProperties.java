package dev.slaw.law.expr;

import dev.slaw.law.Numbers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A law printed with its fitted numbers: signs read as a person writes them, and the text,
 * parsed back, is the same function.
 */
class LawTextProperties {

    private static final double[] X = {0.5, 1.3, 2.0, 7.5, 3.1};

    @Test
    void aNegativeCoefficientBecomesASubtraction() {
        Formula f = Formula.parse("y = E + B * (x - x0)");
        assertThat(LawText.withValues(f, Map.of("E", 3.1, "B", -13.02, "x0", 0.771), Numbers::compact))
                .isEqualTo("y = 3.1 - 13.02 * (x - 0.771)");
        assertThat(LawText.withValues(f, Map.of("E", 3.1, "B", 2.0, "x0", -0.771), Numbers::compact))
                .isEqualTo("y = 3.1 + 2 * (x + 0.771)");
    }

    @Test
    void aNegativeExponentIsWrittenWithOneMinusSign() {
        assertThat(LawText.withValues(Formula.parse("a * x^c"), Map.of("a", 2.0, "c", -0.0377), Numbers::compact))
                .isEqualTo("2 * x^-0.0377");
        assertThat(LawText.withValues(Formula.parse("a * x^-c"), Map.of("a", 2.0, "c", -0.0377), Numbers::compact))
                .isEqualTo("2 * x^0.0377");
        assertThat(LawText.withValues(Formula.parse("a * x^-c"), Map.of("a", 2.0, "c", 0.0377), Numbers::compact))
                .isEqualTo("2 * x^-0.0377");
    }

    @Test
    void aNegatedPowerKeepsItsMeaning() {
        // -B^2 with B = -3 is -9: folding the sign into the base would print +9
        assertThat(LawText.withValues(Formula.parse("E - B^2"), Map.of("E", 1.0, "B", -3.0), Numbers::compact))
                .isEqualTo("1 - (-3)^2");
        assertThat(LawText.withValues(Formula.parse("E - B / x"), Map.of("E", 1.0, "B", -3.0), Numbers::compact))
                .isEqualTo("1 + 3 / x");
    }

    @Provide
    Arbitrary<String> formulas() {
        return expression(4);
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.of("x", "p0", "p1", "p2", "-p0", "-p1"),
                Arbitraries.doubles().between(0.1, 3).map(d -> String.valueOf(Math.round(d * 100) / 100.0)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(3, Combinators.combine(sub, sub, Arbitraries.of("+", "-", "*", "/"))
                        .as((a, b, op) -> a + " " + op + " " + b)),
                Tuple.of(2, Combinators.combine(sub, sub, Arbitraries.of("+", "-", "*", "/"))
                        .as((a, b, op) -> "(" + a + " " + op + " " + b + ")")),
                Tuple.of(1, sub.map(a -> "-(" + a + ")")),
                Tuple.of(1, sub.map(a -> "exp(" + a + " / 9)")),
                Tuple.of(1, Combinators.combine(Arbitraries.of("x", "p0", "(x + p1)"), Arbitraries.of("p0", "-p1", "p2", "-(p2 * p0)"))
                        .as((b, e) -> b + "^" + e)));
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.doubles().between(-20, 20).map(d -> Math.round(d * 1000) / 1000.0);
    }

    @Property(tries = 500)
    void printedLawParsedBackGivesTheSameValues(@ForAll("formulas") String text, @ForAll("values") double p0,
                                                @ForAll("values") double p1, @ForAll("values") double p2) {
        Formula f = Formula.parse(text);
        Map<String, Double> values = new LinkedHashMap<>(Map.of("p0", p0, "p1", p1, "p2", p2));
        String printed = LawText.withValues(f, values, Numbers::compact);
        assertThat(printed).doesNotContain("--", "+ -", "- -", "^--", "* -", "/ -");
        Formula again = Formula.parse(printed);
        Map<String, double[]> cols = Map.of("x", X, "p0", filled(p0), "p1", filled(p1), "p2", filled(p2));
        double[] a = f.evaluate(cols);
        double[] b = again.evaluate(Map.of("x", X));
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                assertThat(b[i]).as(printed).isNaN();
            } else if (Double.isInfinite(a[i])) {
                assertThat(b[i]).as(printed).isEqualTo(a[i]);
            } else {
                assertThat(b[i]).as(printed).isCloseTo(a[i], org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(a[i]))));
            }
        }
    }

    private static double[] filled(double v) {
        double[] c = new double[X.length];
        Arrays.fill(c, v);
        return c;
    }
}
