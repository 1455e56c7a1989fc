package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.expr.Formula;

import java.util.Objects;

/**
 * A condition on a row in the law language, e.g. {@code N >= 1e9} or
 * {@code portion_steps_elapsed == 1 && peak_lr < 0.004} or {@code family != "llama"} (text
 * columns compare to text with == and !=): the formula is evaluated over the data
 * columns and a row satisfies it where the value is neither 0 nor NaN (comparisons give 1 or 0),
 * the same rule as the loader's {@code --where}.
 *
 * @param text the condition as written
 */
public record RowCondition(String text) {

    public RowCondition {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new BadInputException("empty condition: expected e.g. \"N >= 1e9\"");
        }
    }

    /**
     * A condition, checked for syntax now so that a typo fails before any fitting.
     *
     * @throws BadInputException naming the position of a syntax error
     */
    public static RowCondition parse(String text) {
        RowCondition c = new RowCondition(text == null ? "" : text.strip());
        Formula.parse(c.text);
        return c;
    }

    /**
     * Which rows satisfy the condition.
     *
     * @throws BadInputException naming an unknown column and the columns there are
     */
    public boolean[] holds(Dataset data) {
        java.util.List<String> known = new java.util.ArrayList<>(data.columnNames());
        known.addAll(data.labels().keySet());
        double[] v = Formula.parse(text, known).evaluate(data.columns(), data.labels());
        boolean[] out = new boolean[data.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i] != 0 && !Double.isNaN(v[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
