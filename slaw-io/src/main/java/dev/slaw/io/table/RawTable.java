package dev.slaw.io.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as a reader produced it: named columns in source order, the source row of every row
 * and any notes the reader has for the user (a renamed blank header, a mixed column).
 *
 * @param source     where the rows came from (the path as the user gave it, a stored dataset)
 * @param columns    the columns, all of {@code rowNumbers.length} cells, names unique
 * @param rowNumbers the 1-based row of each row in the source, for messages
 * @param notes      what the reader noticed, one line each
 */
public record RawTable(String source, List<RawColumn> columns, int[] rowNumbers, List<String> notes) {

    public RawTable {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    public int rowCount() {
        return rowNumbers.length;
    }

    public Optional<RawColumn> column(String name) {
        for (RawColumn c : columns) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (RawColumn c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** Builds a table from column builders, adding the reader's notes about mixed columns. */
    public static RawTable of(String source, List<ColumnBuilder> builders, int[] rowNumbers, List<String> notes) {
        List<RawColumn> cols = new ArrayList<>(builders.size());
        List<String> allNotes = new ArrayList<>(notes);
        for (ColumnBuilder b : builders) {
            b.padTo(rowNumbers.length);
            RawColumn c = b.build();
            cols.add(c);
            String mixed = c.mixedNote();
            if (mixed != null) {
                allNotes.add(mixed);
            }
        }
        return new RawTable(source, cols, rowNumbers, allNotes);
    }
}
