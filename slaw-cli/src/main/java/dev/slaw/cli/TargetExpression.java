package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --target} of {@code slaw mixture fit} and {@code predict} that is a column, or an
 * expression over columns such as {@code avg = 0.5*web_loss + 0.5*code_loss}: a weighted target
 * made into one column, so that one law is fitted to it as one {@code Fit}. The same expression
 * is evaluated on the held-out table, which a {@code --derive} would not reach.
 *
 * @param name       the column the fit predicts; null when no target was given
 * @param expression the expression behind it, or null when the target is a column of the table
 */
record TargetExpression(String name, String expression) {

    /** The column an unnamed expression gets. */
    static final String DEFAULT_NAME = "target";

    /** Reads {@code COLUMN}, {@code NAME = EXPRESSION} or {@code EXPRESSION} (named {@value #DEFAULT_NAME}). */
    static TargetExpression parse(String text, Dataset d) {
        if (text == null) {
            return new TargetExpression(null, null);
        }
        String s = text.strip();
        if (d.hasColumn(s) || d.labels().containsKey(s)) {
            return new TargetExpression(s, null);
        }
        int eq = s.indexOf('=');
        boolean named = eq > 0 && (eq + 1 == s.length() || s.charAt(eq + 1) != '=')
                && "<>!=".indexOf(s.charAt(eq - 1)) < 0;
        String name = named ? s.substring(0, eq).strip() : DEFAULT_NAME;
        String expression = named ? s.substring(eq + 1).strip() : s;
        if (expression.isEmpty()) {
            throw new BadInputException("--target " + s + ": the expression after = is empty");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BadInputException("--target " + s + ": " + name + " is not a name for the target column (letters, digits, _)");
        }
        Formula f = Formula.parse(expression, d.columnNames());
        if (f.names().size() == 1 && f.names().contains(expression)) {
            // a lone name that is not a column: say so as a missing column, not as a formula
            throw new BadInputException(d.source() + ": no column \"" + expression + "\" to fit (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        if (d.hasColumn(name)) {
            throw new BadInputException("--target " + s + ": " + d.source() + " already has a column " + name
                    + "; name the target: --target 'NAME = " + expression + "'");
        }
        return new TargetExpression(name, expression);
    }

    /** The table with the target column added (when it is an expression), and a note saying how it was made. */
    LoadedDataset apply(LoadedDataset loaded) {
        if (expression == null) {
            return loaded;
        }
        Dataset d = loaded.dataset();
        Formula f = Formula.parse(expression, d.columnNames());
        List<String> missing = new ArrayList<>();
        for (String n : f.names()) {
            if (!d.hasColumn(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(d.source() + ": --target " + name + " = " + expression + " uses "
                    + (missing.size() == 1 ? "a column that is not there: " : "columns that are not there: ")
                    + String.join(", ", missing) + " (columns: " + String.join(", ", d.columnNames()) + ")");
        }
        double[] values = f.evaluate(d.columns());
        List<String> notes = new ArrayList<>(loaded.notes());
        notes.add("target " + this);
        return new LoadedDataset(d.withColumn(name, values), notes, loaded.group(), loaded.recipe(),
                loaded.sourceRows());
    }

    /** A target that is a column of the table: the {@code --target} given, or null. */
    boolean isExpression() {
        return expression != null;
    }

    @Override
    public String toString() {
        return expression == null ? name : name + " = " + expression;
    }
}
