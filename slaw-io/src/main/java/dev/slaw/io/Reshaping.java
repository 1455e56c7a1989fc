package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.ColumnBuilder;
import dev.slaw.io.table.NumberParser;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;
import dev.slaw.io.table.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Table reshaping before a recipe maps columns: row selection and wide-to-long (melt). */
final class Reshaping {

    private Reshaping() {
    }

    /**
     * The cells of {@code rows} of a column, in that order, as a new column whose counts and
     * first non-number cell describe those rows only (so an error names a row still there).
     *
     * @param rowNumbers the source row number of each selected row
     */
    static RawColumn select(RawColumn column, int[] rows, int[] rowNumbers) {
        ColumnBuilder b = new ColumnBuilder(column.name());
        if (column.isNumeric()) {
            double[] v = column.numbers();
            for (int r : rows) {
                b.addNumber(v[r]);
            }
        } else {
            NumberParser parser = new NumberParser();
            String[] t = column.texts();
            for (int k = 0; k < rows.length; k++) {
                b.addText(t[rows[k]], rowNumbers[k], parser);
            }
        }
        return b.build();
    }

    /**
     * Stacks the columns a {@link Recipe.Melt} names: each row becomes one row per stacked
     * column (in the order the columns are named, then in table order for a pattern), holding
     * that column's value in {@code into} and its name in {@code names}; the other columns are
     * repeated and each new row keeps its source row number.
     */
    static RawTable melt(RawTable table, Recipe.Melt melt) {
        String source = table.source();
        Set<String> stacked = new LinkedHashSet<>();
        for (String wanted : melt.columns()) {
            int before = stacked.size();
            if (wanted.indexOf('*') >= 0) {
                Pattern p = glob(wanted);
                for (String name : table.columnNames()) {
                    if (p.matcher(name).matches()) {
                        stacked.add(name);
                    }
                }
            } else if (table.column(wanted).isPresent()) {
                stacked.add(wanted);
            }
            if (stacked.size() == before && !stacked.contains(wanted)) {
                throw new BadInputException(source + ": melt: no column " + (wanted.indexOf('*') >= 0 ? "matches " : "")
                        + Text.quote(wanted) + " (columns: " + Text.list(table.columnNames()) + ")");
            }
        }
        for (String name : List.of(melt.into(), melt.names())) {
            if (table.column(name).isPresent() && !stacked.contains(name)) {
                throw new BadInputException(source + ": melt: a column is already called " + Text.quote(name)
                        + "; choose another name for the stacked column");
            }
        }
        List<double[]> values = new ArrayList<>();
        for (String name : stacked) {
            values.add(table.column(name).orElseThrow().numbersOrFail(source));
        }
        int n = table.rowCount();
        int m = stacked.size();
        int[] rows = new int[n * m];
        int[] rowNumbers = new int[n * m];
        int[] sourceRows = table.rowNumbers();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                rows[i * m + k] = i;
                rowNumbers[i * m + k] = sourceRows[i];
            }
        }
        List<RawColumn> columns = new ArrayList<>();
        for (RawColumn c : table.columns()) {
            if (!stacked.contains(c.name())) {
                columns.add(select(c, rows, rowNumbers));
            }
        }
        ColumnBuilder into = new ColumnBuilder(melt.into());
        ColumnBuilder names = new ColumnBuilder(melt.names());
        NumberParser parser = new NumberParser();
        List<String> stackedNames = new ArrayList<>(stacked);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                into.addNumber(values.get(k)[i]);
                names.addText(stackedNames.get(k), sourceRows[i], parser);
            }
        }
        columns.add(into.build());
        RawColumn nameColumn = names.build();
        if (nameColumn.isNumeric()) {
            // column names that read as numbers ("2019", "1e3") stay the text they are
            String[] texts = new String[n * m];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < m; k++) {
                    texts[i * m + k] = stackedNames.get(k);
                }
            }
            nameColumn = new RawColumn(melt.names(), null, texts, 0, 0, 0, null);
        }
        columns.add(nameColumn);
        List<String> notes = new ArrayList<>(table.notes());
        notes.add("melted " + m + (m == 1 ? " column" : " columns") + " into " + melt.into() + " (" + n + " rows became "
                + n * m + "; names in " + melt.names() + "): " + Text.list(stackedNames));
        return new RawTable(source, columns, rowNumbers, notes);
    }

    /** A column-name pattern where {@code *} is any text and everything else is literal. */
    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
