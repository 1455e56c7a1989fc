package dev.slaw.io.store;

import dev.slaw.data.Dataset;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** A dataset as a SQL table: its source row numbers, numeric columns as DOUBLE, labels as VARCHAR. */
final class DatasetTables {

    /** The column holding each row's number in the original source. */
    static final String ROW_COLUMN = "_row";

    private DatasetTables() {
    }

    static void create(Connection c, String table, Dataset d) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add(DuckDb.quote(ROW_COLUMN) + " INTEGER");
        for (String name : d.columns().keySet()) {
            columns.add(DuckDb.quote(name) + " DOUBLE");
        }
        for (String name : d.labels().keySet()) {
            columns.add(DuckDb.quote(name) + " VARCHAR");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DuckDb.quote(table) + " (" + String.join(", ", columns) + ")");
        }
    }

    /**
     * Appends every row (NaN as NULL).
     *
     * @param afterRow called with each row index once it is appended, or null
     */
    static void append(Connection c, String table, Dataset d, IntConsumer afterRow) throws SQLException {
        List<double[]> numbers = new ArrayList<>(d.columns().values());
        List<String[]> labels = new ArrayList<>(d.labels().values());
        int[] rows = d.rowNumbers();
        DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (int i = 0; i < rows.length; i++) {
                appender.beginRow();
                appender.append(rows[i]);
                for (double[] column : numbers) {
                    double v = column[i];
                    if (Double.isNaN(v)) {
                        appender.appendNull();
                    } else {
                        appender.append(v);
                    }
                }
                for (String[] label : labels) {
                    appender.append(label[i]);
                }
                appender.endRow();
                if (afterRow != null) {
                    afterRow.accept(i);
                }
            }
        }
    }
}
