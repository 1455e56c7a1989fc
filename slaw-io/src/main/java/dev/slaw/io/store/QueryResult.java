package dev.slaw.io.store;

import java.util.List;

/**
 * The answer to a SQL query, as text cells, for printing.
 *
 * @param columns   column names
 * @param rows      the rows returned (at most the limit asked for); an SQL null is empty text
 * @param truncated whether more rows were there than returned
 * @param numeric   for each column, whether it holds numbers (so JSON can write them as numbers)
 */
public record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated, List<Boolean> numeric) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        numeric = List.copyOf(numeric);
        if (numeric.size() != columns.size()) {
            throw new IllegalArgumentException("one numeric flag per column: " + numeric.size() + " for " + columns.size());
        }
    }
}
