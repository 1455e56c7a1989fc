package dev.slaw.io.store;

import dev.slaw.data.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens DuckDB connections. This package is the only place slaw touches DuckDB, so its
 * 80 MB jar's native library is unpacked only when a Parquet file or the store is used.
 */
final class DuckDb {

    private DuckDb() {
    }

    /** A connection to a database file, created if absent. */
    static Connection open(Path file) {
        return open(file, false);
    }

    /**
     * A connection to a database file. Read-only opens only an existing DuckDB file, allows no
     * change to it and no access to other files (so {@code COPY ... TO} cannot write one).
     */
    static Connection open(Path file, boolean readOnly) {
        checkIsDuckDb(file);
        Properties config = new Properties();
        if (readOnly) {
            config.setProperty("duckdb.read_only", "true");
            config.setProperty("access_mode", "READ_ONLY");
            config.setProperty("enable_external_access", "false");
            config.setProperty("lock_configuration", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), config);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot open the store: " + firstLine(e), e);
        }
    }

    /**
     * Refuses a file that exists but is not a DuckDB database (a CSV named by mistake), before
     * DuckDB is asked to open it. DuckDB files carry the magic bytes {@code DUCK} at offset 8.
     */
    static void checkIsDuckDb(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, not a run store (--db names a DuckDB file)");
        }
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] head = new byte[12];
        int read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the run store (" + e.getMessage() + ")", e);
        }
        if (read == 0) {
            return; // an empty file: DuckDB makes a store in it
        }
        if (read < head.length || head[8] != 'D' || head[9] != 'U' || head[10] != 'C' || head[11] != 'K') {
            throw new BadInputException(file + ": not a DuckDB run store (--db names the store file, e.g. "
                    + RunStore.DEFAULT_FILE + "); it is left untouched");
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
