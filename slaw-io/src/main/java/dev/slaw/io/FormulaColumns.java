package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derived columns and row filters are expressions in the law language ({@link Formula}), so a
 * user learns one syntax for laws, derivations ({@code D = C / (6*N)}) and filters
 * ({@code N >= 1e8 && loss < 4}).
 */
final class FormulaColumns {

    private FormulaColumns() {
    }

    /**
     * The column names an expression uses.
     *
     * @param known column names that may appear without quotes although they hold spaces
     */
    static Set<String> names(String expression, Collection<String> known, String source, String context) {
        return parse(expression, known, source, context).names();
    }

    /**
     * Evaluates an expression over whole columns.
     *
     * @param columns the columns it may use, all of {@code rows} values
     * @param context what the expression is for, such as {@code derived column D}, for messages
     */
    static double[] evaluate(String expression, Map<String, double[]> columns, int rows, String source,
                             String context) {
        Formula formula = parse(expression, columns.keySet(), source, context);
        requireColumns(expression, formula.names(), columns.keySet(), source, context);
        if (formula.names().isEmpty()) {
            // a constant expression: Formula takes the row count from the columns it is given
            return formula.evaluate(Map.of("", new double[rows]));
        }
        return formula.evaluate(columns);
    }

    /**
     * Evaluates a condition over numeric and text columns ({@code split == "test"}).
     *
     * @param texts the text columns it may compare to text, all of {@code rows} values
     */
    static double[] evaluate(String expression, Map<String, double[]> columns, Map<String, String[]> texts,
                             int rows, String source, String context) {
        List<String> known = new ArrayList<>(columns.keySet());
        known.addAll(texts.keySet());
        Formula formula = parse(expression, known, source, context);
        if (formula.names().isEmpty()) {
            return formula.evaluate(Map.of("", new double[rows]));
        }
        try {
            return formula.evaluate(columns, texts);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + context + ": " + e.getMessage(), e);
        }
    }

    /** Fails, listing the numeric columns, when an expression uses a name that is not one of them. */
    static void requireColumns(String expression, Set<String> used, Set<String> available, String source,
                               String context) {
        List<String> missing = new ArrayList<>();
        for (String name : used) {
            if (!available.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(source + ": " + context + " (" + expression + ") uses "
                    + (missing.size() == 1 ? "a column that is not there: " : "columns that are not there: ")
                    + Text.list(missing) + " (numeric columns: " + Text.list(available) + ")");
        }
    }

    private static Formula parse(String expression, Collection<String> known, String source, String context) {
        try {
            return Formula.parse(expression, known);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + context + ": " + e.getMessage(), e);
        }
    }
}
