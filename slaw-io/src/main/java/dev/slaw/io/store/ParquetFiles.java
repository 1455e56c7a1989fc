package dev.slaw.io.store;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.table.RawTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads and writes Parquet files through an in-memory DuckDB. */
public final class ParquetFiles {

    /**
     * One in-memory database for every read, made on first use: starting DuckDB costs far more
     * than reading a small file, and a JDBC connection is used by one thread at a time.
     */
    private static final class Memory {
        static final Connection CONNECTION = DuckDb.memory();
    }

    private ParquetFiles() {
    }

    /**
     * Reads a Parquet file: numeric columns as numbers, strings and anything else (dates,
     * lists) as text; rows numbered from 1.
     */
    public static RawTable read(Path path, String source) {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(source + ": no such file");
        }
        synchronized (Memory.class) {
            return readWith(Memory.CONNECTION, path, source);
        }
    }

    private static RawTable readWith(Connection c, Path path, String source) {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
            s.setString(1, path.toAbsolutePath().toString());
            try (ResultSet rs = s.executeQuery()) {
                return ResultTables.read(rs, source, null);
            }
        } catch (SQLException e) {
            throw new BadInputException(source + ": cannot read as Parquet: " + DuckDb.firstLine(e), e);
        }
    }

    /** Writes a dataset (numeric columns as DOUBLE, labels as VARCHAR) to a Parquet file. */
    public static void write(Dataset dataset, Path path) {
        try (Connection c = DuckDb.memory(); Statement s = c.createStatement()) {
            DatasetTables.create(c, "export", dataset);
            DatasetTables.append(c, "export", dataset, null);
            s.execute("COPY (SELECT * EXCLUDE (" + DuckDb.quote(DatasetTables.ROW_COLUMN) + ") FROM export ORDER BY "
                    + DuckDb.quote(DatasetTables.ROW_COLUMN) + ") TO " + DuckDb.literal(path.toAbsolutePath().toString())
                    + " (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new BadInputException(path + ": cannot write Parquet: " + DuckDb.firstLine(e), e);
        }
    }
}
