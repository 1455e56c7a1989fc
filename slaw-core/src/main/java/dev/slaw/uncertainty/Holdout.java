package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;

/**
 * Which rows a held-out validation keeps back from the fit: the rows where a condition holds
 * (e.g. {@code N >= 1e9}, extrapolation to larger models), or the rows at the largest value of a
 * column (leave the largest scale out).
 *
 * @param condition the rows to hold out, or null when holding out the largest scale
 * @param column    the column whose largest value is held out, or null for a condition
 */
public record Holdout(RowCondition condition, String column) {

    public Holdout {
        if ((condition == null) == (column == null)) {
            throw new IllegalArgumentException("a holdout is either a condition or a column, not both or neither");
        }
    }

    /** Hold out the rows where {@code condition} holds. */
    public static Holdout where(String condition) {
        return new Holdout(RowCondition.parse(condition), null);
    }

    /** Hold out the rows at the largest value of {@code column} (e.g. the largest model, N). */
    public static Holdout largest(String column) {
        if (column == null || column.isBlank()) {
            throw new BadInputException("leave-largest-out needs a column name");
        }
        return new Holdout(null, column.strip());
    }

    /**
     * The held-out rows of {@code data}.
     *
     * @throws BadInputException when the holdout keeps back no row or every row (nothing to test
     *                           or nothing to fit), or names an unknown column
     */
    public boolean[] select(Dataset data) {
        boolean[] out;
        if (condition != null) {
            out = condition.holds(data);
        } else {
            if (!data.hasColumn(column)) {
                throw new BadInputException(data.source() + ": no column '" + column + "' to leave the largest out of"
                        + " (columns: " + String.join(", ", data.columnNames()) + ")");
            }
            double[] v = data.column(column);
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                max = Math.max(max, x);
            }
            out = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] == max;
            }
        }
        int held = 0;
        for (boolean b : out) {
            if (b) {
                held++;
            }
        }
        if (held == 0) {
            throw new BadInputException(data.source() + ": holdout " + describe() + " holds out none of the "
                    + data.rowCount() + " rows: nothing to validate on");
        }
        if (held == out.length) {
            throw new BadInputException(data.source() + ": holdout " + describe() + " holds out all "
                    + data.rowCount() + " rows: nothing left to fit");
        }
        return out;
    }

    /** A short description, e.g. {@code "N >= 1e9"} or {@code the largest N}. */
    public String describe() {
        if (condition == null) {
            return "the largest " + column;
        }
        // a condition with text in double quotes is shown in single ones
        return condition.text().contains("\"") ? "'" + condition.text() + "'" : "\"" + condition.text() + "\"";
    }
}
