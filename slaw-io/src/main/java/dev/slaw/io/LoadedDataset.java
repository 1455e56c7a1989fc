package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.data.Dataset;
import dev.slaw.io.table.NumberFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A dataset as loaded, with everything the user should be told about how it was made: rows
 * each filter removed, columns scaled from their headers, mixed columns kept as text.
 *
 * @param dataset    the rows kept
 * @param notes      one line per thing worth reporting, in the order it happened
 * @param group      the label column that splits rows into groups, when the recipe names one
 * @param recipe     the recipe that made it (for provenance)
 * @param sourceRows how many data rows the source had before any filter
 */
public record LoadedDataset(Dataset dataset, List<String> notes, Optional<String> group, Recipe recipe,
                            int sourceRows) {

    public LoadedDataset {
        notes = List.copyOf(notes);
    }

    /**
     * Drops rows with a missing (NaN) value in any of the named columns and says how many;
     * a fit calls this with its variables and target. Unknown names are an error that lists
     * the columns there are.
     */
    public LoadedDataset requireComplete(Collection<String> columns) {
        Dataset d = dataset;
        boolean[] keep = new boolean[d.rowCount()];
        Arrays.fill(keep, true);
        List<String> culprits = new ArrayList<>();
        int firstRow = 0;
        for (String name : columns) {
            if (!d.hasColumn(name)) {
                Optional<String[]> text = d.label(name);
                if (text.isPresent()) {
                    throw notNumeric(d, name, text.get());
                }
                throw new BadInputException(d.source() + ": no column " + Text.quote(name) + " (columns: "
                        + Text.list(d.columnNames()) + ")");
            }
            double[] values = d.column(name);
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    if (keep[i] && (firstRow == 0 || d.rowNumber(i) < firstRow)) {
                        firstRow = d.rowNumber(i);
                    }
                    keep[i] = false;
                    any = true;
                }
            }
            if (any) {
                culprits.add(name);
            }
        }
        int dropped = 0;
        for (boolean k : keep) {
            if (!k) {
                dropped++;
            }
        }
        if (dropped == 0) {
            return this;
        }
        List<String> n = new ArrayList<>(notes);
        n.add(DatasetLoader.droppedNote(dropped, d.rowCount(), "with an empty cell in " + Text.list(culprits)
                + " (first at row " + firstRow + ")"));
        return new LoadedDataset(d.filter(keep), n, group, recipe, sourceRows);
    }

    /**
     * The group of each row, when the recipe names a group column: the label as written, or a
     * number in canonical form ({@code 0.002}, {@code 16000}) when the group column is numeric.
     */
    public Optional<String[]> groupValues() {
        if (group.isEmpty()) {
            return Optional.empty();
        }
        Optional<String[]> label = dataset.label(group.get());
        if (label.isPresent()) {
            return label;
        }
        double[] values = dataset.column(group.get());
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = NumberFormat.canonical(values[i]);
        }
        return Optional.of(out);
    }

    /** A copy with a note before the others (where the data came from). */
    public LoadedDataset withNoteFirst(String note) {
        List<String> n = new ArrayList<>();
        n.add(note);
        n.addAll(notes);
        return new LoadedDataset(dataset, n, group, recipe, sourceRows);
    }

    /** A copy with one more note. */
    public LoadedDataset withNote(String note) {
        List<String> n = new ArrayList<>(notes);
        n.add(note);
        return new LoadedDataset(dataset, n, group, recipe, sourceRows);
    }

    /** A numeric column was needed but the column holds text: name its first non-number. */
    private static BadInputException notNumeric(Dataset d, String name, String[] cells) {
        dev.slaw.io.table.NumberParser parser = new dev.slaw.io.table.NumberParser();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null && parser.parse(cells[i]) == dev.slaw.io.table.NumberParser.NOT_A_NUMBER) {
                return new BadInputException(d.source() + ": row " + d.rowNumber(i) + ", column " + Text.quote(name)
                        + ": " + Text.quote(cells[i]) + " is not a number");
            }
        }
        return new BadInputException(d.source() + ": column " + Text.quote(name) + " holds text, not numbers");
    }
}
