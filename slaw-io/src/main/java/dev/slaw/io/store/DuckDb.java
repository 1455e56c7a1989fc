package dev.slaw.io.store;

import dev.slaw.data.BadInputException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens DuckDB connections. This package is the only place slaw touches DuckDB, so its
 * 80 MB jar's native library is unpacked only when a Parquet file or the store is used.
 */
final class DuckDb {

    private DuckDb() {
    }

    /** A connection to a database file, created if absent. */
    static Connection open(Path file) {
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot open the store: " + firstLine(e), e);
        }
    }

    /** A connection to a private in-memory database (for reading and writing Parquet). */
    static Connection memory() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB cannot start: " + firstLine(e), e);
        }
    }

    /** DuckDB messages run over several lines; the first says what went wrong. */
    static String firstLine(SQLException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).strip();
    }

    /** A SQL identifier in double quotes, so column names such as {@code Model Size (B)} work. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
