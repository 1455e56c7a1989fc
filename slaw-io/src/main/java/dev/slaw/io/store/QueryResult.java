package dev.slaw.io.store;

import java.util.List;

/**
 * The answer to a SQL query, as text cells, for printing.
 *
 * @param columns   column names
 * @param rows      the rows returned (at most the limit asked for)
 * @param truncated whether more rows were there than returned
 */
public record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
