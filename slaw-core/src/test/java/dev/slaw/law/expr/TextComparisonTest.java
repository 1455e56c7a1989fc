package dev.slaw.law.expr;

import dev.slaw.data.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextComparisonTest {
    private static final Map<String, double[]> NUMBERS = Map.of("N", new double[]{1e8, 1e9, 1e10});
    private static final Map<String, String[]> TEXTS = Map.of("split", new String[]{"train", "test", "train"},
            "Model Family", new String[]{"llama", "qwen", null});

    @Test
    void aTextColumnEqualsTextInDoubleOrSingleQuotes() {
        assertThat(Formula.parse("split == \"test\"").evaluate(NUMBERS, TEXTS)).containsExactly(0, 1, 0);
        assertThat(Formula.parse("'test' == split").evaluate(NUMBERS, TEXTS)).containsExactly(0, 1, 0);
        assertThat(Formula.parse("split != 'test'").evaluate(NUMBERS, TEXTS)).containsExactly(1, 0, 1);
    }

    @Test
    void textComparisonsCombineWithNumericOnesAndKnownNamesWithSpaces() {
        Formula f = Formula.parse("Model Family != \"llama\" && N >= 1e9", List.of("Model Family"));
        assertThat(f.textNames()).containsExactly("Model Family");
        // a missing cell equals no text, so != holds there
        assertThat(f.evaluate(NUMBERS, TEXTS)).containsExactly(0, 1, 1);
    }

    @Test
    void textOutsideAnEqualityWithAColumnIsASyntaxError() {
        assertThatThrownBy(() -> Formula.parse("split > \"test\"")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("text \"test\" can only be compared to a column with == or !=");
        assertThatThrownBy(() -> Formula.parse("\"a\" + 1 == split")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("can only be compared to a column");
        assertThatThrownBy(() -> Formula.parse("split == \"test")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unclosed \"");
    }

    @Test
    void aNumericColumnComparedToTextAndATextColumnUsedAsANumberAreNamed() {
        assertThatThrownBy(() -> Formula.parse("N == \"big\"").evaluate(NUMBERS, TEXTS))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("column 'N' holds numbers; compare it to a number, not to text \"big\"");
        assertThatThrownBy(() -> Formula.parse("split > 1").evaluate(NUMBERS, TEXTS))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("column 'split' holds text; compare it to text with == or !=");
    }

    @Test
    void aLawCannotHoldText() {
        assertThatThrownBy(() -> Formula.parse("L = E + (split == \"test\")").compile(Map.of("N", new double[]{1}),
                List.of("E"), 1)).isInstanceOf(BadInputException.class);
    }
}
