package dev.slaw.compare;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows a saved fit was made on, found again in a table by the fingerprint its provenance
 * records (SHA-256 of the rows used), so that a saved fit's trend shape is read from exactly its
 * data and never from rows that merely look alike. A fit of a whole table matches the table; a
 * fit of one recipe ({@code --only data=standard}) matches the rows of one value of some column.
 */
public final class FittedRows {
    /** A column with more distinct values than this is not a recipe column worth trying. */
    private static final int MAX_VALUES = 200;

    private FittedRows() {
    }

    /**
     * The rows of {@code table} whose fingerprint over the fit's columns is the one recorded: all
     * rows, else the rows of one value of one column (tried in column order); empty when none match
     * or the record has no fingerprint.
     *
     * @param table the table, with the fit's columns under the fit's names and incomplete rows dropped
     */
    public static Optional<Dataset> find(Dataset table, Provenance provenance) {
        String made = provenance.fingerprint();
        List<String> columns = provenance.columns();
        if (made == null || made.isBlank() || columns.isEmpty()
                || !columns.stream().allMatch(c -> table.hasColumn(c) || table.label(c).isPresent())) {
            return Optional.empty();
        }
        if (table.fingerprint(columns).equals(made)) {
            return Optional.of(table);
        }
        List<String> candidates = new ArrayList<>(table.labels().keySet());
        candidates.addAll(table.columnNames());
        for (String column : candidates) {
            Map<String, List<Integer>> byValue = new LinkedHashMap<>();
            String[] text = table.label(column).orElse(null);
            double[] numbers = text == null ? table.column(column) : null;
            for (int i = 0; i < table.rowCount() && byValue.size() <= MAX_VALUES; i++) {
                String v = text != null ? text[i] : Double.toString(numbers[i]);
                byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
            if (byValue.size() < 2 || byValue.size() > MAX_VALUES) {
                continue;
            }
            for (List<Integer> rows : byValue.values()) {
                Dataset subset = table.select(rows.stream().mapToInt(Integer::intValue).toArray());
                if (subset.fingerprint(columns).equals(made)) {
                    return Optional.of(subset);
                }
            }
        }
        return Optional.empty();
    }
}
