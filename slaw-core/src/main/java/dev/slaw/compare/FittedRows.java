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
     * @param all   the table, with the fit's columns under the fit's names (rows with a missing value in
     *              one of them are dropped, as the fit dropped them)
     */
    public static Optional<Dataset> find(Dataset all, Provenance provenance) {
        String made = provenance.fingerprint();
        List<String> columns = provenance.columns();
        if (made == null || made.isBlank() || columns.isEmpty()
                || !columns.stream().allMatch(c -> all.hasColumn(c) || all.label(c).isPresent())) {
            return Optional.empty();
        }
        Dataset table = complete(all, columns);
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

    /** A column of the table found to hold a variable the fit names, and the fit's rows read with it. */
    public record Mapped(String column, Dataset rows) {
    }

    /**
     * As {@link #find}, when the table lacks the fit's {@code variable} (a saved fit does not keep its
     * {@code --map}): each other numeric column is tried as it, and the one whose rows give the
     * recorded fingerprint is the column the fit read. The fingerprint hashes the values, so a
     * column that merely looks alike does not match.
     */
    public static Optional<Mapped> findMapping(Dataset table, Provenance provenance, String variable) {
        List<String> columns = provenance.columns();
        if (table.hasColumn(variable) || !columns.contains(variable)) {
            return Optional.empty();
        }
        for (String candidate : table.columnNames()) {
            if (columns.contains(candidate)) {
                continue;
            }
            Optional<Dataset> rows = find(table.withColumn(variable, table.column(candidate)), provenance);
            if (rows.isPresent()) {
                return Optional.of(new Mapped(candidate, rows.get()));
            }
        }
        return Optional.empty();
    }

    /** The rows with a finite value in every numeric one of {@code columns}. */
    private static Dataset complete(Dataset table, List<String> columns) {
        boolean[] keep = new boolean[table.rowCount()];
        boolean all = true;
        for (int i = 0; i < keep.length; i++) {
            keep[i] = true;
            for (String c : columns) {
                if (table.hasColumn(c) && !Double.isFinite(table.column(c)[i])) {
                    keep[i] = false;
                    all = false;
                    break;
                }
            }
        }
        return all ? table : table.filter(keep);
    }
}
