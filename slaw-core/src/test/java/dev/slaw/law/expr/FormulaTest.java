package dev.slaw.law.expr;

import dev.slaw.data.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FormulaTest {

    private static double eval(String text, double x) {
        return Formula.parse(text).evaluate(Map.of("x", new double[]{x}))[0];
    }

    private static double eval(String text) {
        return Formula.parse(text).evaluate(Map.of("unused", new double[1]))[0];
    }

    @Test
    void followsTheUsualPrecedence() {
        assertThat(eval("1 + 2 * 3")).isEqualTo(7);
        assertThat(eval("-2^2")).isEqualTo(-4);
        assertThat(eval("2^3^2")).isEqualTo(512);
        assertThat(eval("2^-1")).isEqualTo(0.5);
        assertThat(eval("2**3")).isEqualTo(8);
        assertThat(eval("(1 + 2) * 3")).isEqualTo(9);
        assertThat(eval("10 - 4 - 3")).isEqualTo(3);
        assertThat(eval("12 / 3 / 2")).isEqualTo(2);
        assertThat(eval("1e-3 * 1E3")).isEqualTo(1);
        assertThat(eval("1 < 2 && 3 >= 3")).isEqualTo(1);
        assertThat(eval("1 > 2 || 2 == 3")).isEqualTo(0);
    }

    @Test
    void knowsItsFunctions() {
        assertThat(eval("exp(log(3))")).isCloseTo(3, within(1e-12));
        assertThat(eval("log10(1000)")).isCloseTo(3, within(1e-12));
        assertThat(eval("sqrt(16) + abs(-2) + pow(2, 3)")).isEqualTo(14);
        assertThat(eval("min(3, 1, 2) + max(3, 1, 2)")).isEqualTo(4);
        assertThat(eval("sigmoid(0)")).isEqualTo(0.5);
        assertThat(eval("softplus(1000)")).isEqualTo(1000);
        assertThat(eval("softplus(0)")).isCloseTo(Math.log(2), within(1e-15));
    }

    @Test
    void readsTheTargetNameAndTheNames() {
        Formula f = Formula.parse("L = E + A / N^alpha + B / D^beta");
        assertThat(f.target()).contains("L");
        assertThat(f.names()).containsExactly("E", "A", "N", "alpha", "B", "D", "beta");
        assertThat(Formula.parse("x == 1").target()).isEmpty();
    }

    @Test
    void readsColumnNamesWithSpacesWhenTheyAreKnown() {
        Formula f = Formula.parse("Training FLOP / (6*N)", List.of("Training FLOP", "Model Size", "N"));
        assertThat(f.names()).containsExactly("Training FLOP", "N");
        double[] d = f.evaluate(Map.of("Training FLOP", new double[]{12e18}, "N", new double[]{1e9}));
        assertThat(d[0]).isEqualTo(2e9);
        assertThat(Formula.parse("`FLOPs (1E21)` * 1e21").names()).containsExactly("FLOPs (1E21)");
    }

    @Test
    void evaluatesWholeColumns() {
        double[] y = Formula.parse("2 * x + 1").evaluate(Map.of("x", new double[]{0, 1, 2}));
        assertThat(y).containsExactly(1, 3, 5);
        assertThat(eval("x^0.5", 9)).isEqualTo(3);
        assertThat(eval("(-x)^3", 2)).isEqualTo(-8);
    }

    @Test
    void syntaxErrorsNameThePositionAndWhatWasExpected() {
        assertThatThrownBy(() -> Formula.parse("E + A*N^"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("position 9")
                .hasMessageContaining("expected a number, a name or '('")
                .hasMessageContaining("the end of the formula");
        assertThatThrownBy(() -> Formula.parse("(1 + 2"))
                .hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Formula.parse("foo(2)"))
                .hasMessageContaining("unknown function 'foo'");
        assertThatThrownBy(() -> Formula.parse("exp(1, 2)"))
                .hasMessageContaining("exp takes 1 argument, got 2");
        assertThatThrownBy(() -> Formula.parse("1 + * 2"))
                .hasMessageContaining("position 5");
        assertThatThrownBy(() -> Formula.parse("2 3"))
                .hasMessageContaining("expected an operator or the end of the formula");
        assertThatThrownBy(() -> Formula.parse("N > 1 and D > 2"))
                .hasMessageContaining("but found 'a'; conditions join with && and ||");
        assertThatThrownBy(() -> Formula.parse("N > 1 android"))
                .hasMessageNotContaining("conditions join");
        assertThatThrownBy(() -> Formula.parse("  "))
                .hasMessageContaining("empty");
    }

    @Test
    void unknownNamesInEvaluationAreNamed() {
        assertThatThrownBy(() -> Formula.parse("x + y").evaluate(Map.of("x", new double[]{1})))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown name 'y'");
    }

    @Test
    void aFormulaNestedDeeperThanTheLimitIsRefusedNotAStackOverflow() {
        String brackets = "(".repeat(1500) + "x" + ")".repeat(1500);
        assertThatThrownBy(() -> Formula.parse(brackets)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at position 201, formula nested more than 200 deep");
        assertThatThrownBy(() -> Formula.parse("-".repeat(5000) + "x")).hasMessageContaining("nested more than 200 deep");
        assertThatThrownBy(() -> Formula.parse("x" + "^x".repeat(3000))).hasMessageContaining("nested more than 200 deep");
        assertThatThrownBy(() -> Formula.parse(String.join("+", java.util.Collections.nCopies(3000, "x"))))
                .hasMessageContaining("nested more than 200 deep");
        // the message shows the formula around the position, not 3,000 characters of it
        assertThatThrownBy(() -> Formula.parse(brackets)).satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }

    @Test
    void aFormulaWithinTheLimitParsesAndEvaluates() {
        assertThat(eval("(".repeat(150) + "x" + ")".repeat(150), 2)).isEqualTo(2);
        assertThat(eval(String.join("+", java.util.Collections.nCopies(150, "x")), 2)).isEqualTo(300);
    }
}
