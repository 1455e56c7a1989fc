package dev.slaw.io.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.project.ProjectFile;
import dev.slaw.io.table.RawTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The run store: an embedded DuckDB file (by default {@code ./slaw.duckdb}) holding imported
 * datasets, one table each ({@code dataset_NAME}, with the source row number in {@code _row}),
 * a catalogue of them ({@code slaw_datasets}) and saved fits ({@code fits}, see
 * {@link FitStore}). Anyone can query it with SQL.
 *
 * <p>An import is one transaction: the table, its rows and its catalogue entry appear
 * together or not at all, so an import that fails, or a process killed midway, leaves the
 * store as it was. A store is used by one process at a time (DuckDB locks the file).
 */
public final class RunStore implements AutoCloseable {

    /** The file used when none is given. */
    public static final String DEFAULT_FILE = "slaw.duckdb";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Path file;
    private final Connection connection;
    private final boolean readOnly;

    private RunStore(Path file, Connection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /** Opens a store, creating the file when it does not exist. */
    public static RunStore open(Path file) {
        Connection c = DuckDb.open(file);
        try {
            Schema.ensure(c);
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new BadInputException(file + ": not a slaw store: " + DuckDb.firstLine(e), e);
        }
        return new RunStore(file, c, false);
    }

    /**
     * Opens an existing store for reading only: DuckDB's read-only access mode, no access to
     * other files, and the catalogue copy left as it is. For every command that only reads.
     */
    public static RunStore openReadOnly(Path file) {
        requireFile(file);
        return new RunStore(file, DuckDb.open(file, true), true);
    }

    /** Opens an existing store; a missing file is an error that says how to make one. */
    public static RunStore openExisting(Path file) {
        requireFile(file);
        return open(file);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no run store here (import a table with: slaw import FILE --name NAME)");
        }
    }

    /** Whether this store was opened read-only ({@link #openReadOnly}). */
    public boolean readOnly() {
        return readOnly;
    }

    public Path file() {
        return file;
    }

    /**
     * Imports a loaded dataset under a name, atomically.
     *
     * @param source  where it came from, for the catalogue
     * @param replace whether an existing dataset of that name is replaced (else it is an error)
     */
    public StoredDataset save(String name, LoadedDataset loaded, String source, boolean replace) {
        return save(name, loaded, source, replace, null);
    }

    /** As {@link #save(String, LoadedDataset, String, boolean)}, calling {@code afterRow} per row (tests). */
    StoredDataset save(String name, LoadedDataset loaded, String source, boolean replace, IntConsumer afterRow) {
        ProjectFile.checkName(name);
        Dataset d = loaded.dataset();
        String table = Schema.dataTable(name);
        Instant now = Instant.now();
        StoredDataset stored = new StoredDataset(name, source, d.rowCount(), d.columnNames(),
                new ArrayList<>(d.labels().keySet()), loaded.group(), loaded.recipe().describe(), loaded.notes(), now,
                d.fingerprint(d.columnNames()));
        return inTransaction(file + ": import of \"" + name + "\" failed, store unchanged: ", () -> {
            // SQL names ignore case, so GOOD and good would share one table: a clash in any case
            Optional<StoredDataset> existing = datasetIgnoringCase(name);
            if (existing.isPresent() && !replace) {
                String old = existing.get().name();
                throw new BadInputException(file + ": dataset \"" + old + "\" is already stored"
                        + (old.equals(name) ? "" : " (names differing only in case clash)")
                        + " (use --replace to replace it)");
            }
            if (existing.isPresent()) {
                dropDataset(existing.get().name());
            }
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + DuckDb.quote(table));
            }
            DatasetTables.create(connection, table, d);
            DatasetTables.append(connection, table, d, afterRow);
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + Schema.DATASETS
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, source);
                p.setLong(3, stored.rows());
                p.setString(4, json(stored.columns()));
                p.setString(5, json(stored.labels()));
                p.setString(6, stored.group().orElse(null));
                p.setString(7, json(stored.recipe()));
                p.setString(8, json(stored.notes()));
                p.setTimestamp(9, Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
                p.setString(10, stored.fingerprint());
                p.setString(11, table);
                p.executeUpdate();
            }
            return stored;
        });
    }

    /**
     * Removes a stored dataset: its table and its catalogue entry together, in one transaction.
     * Saved fits of it stay (each carries its own JSON).
     *
     * @throws BadInputException when no dataset has that name
     */
    public StoredDataset remove(String name) {
        StoredDataset d = dataset(name).orElseThrow(() -> new BadInputException(name + ": no dataset of that name in "
                + file + " (stored: " + String.join(", ", names()) + ")"));
        return inTransaction(file + ": cannot remove \"" + name + "\", store unchanged: ", () -> {
            dropDataset(d.name());
            return d;
        });
    }

    /**
     * Runs {@code work} as one transaction: all of it is stored, or on any failure none of it.
     * A database error becomes one line, {@code failure} followed by the database's reason.
     */
    private <T> T inTransaction(String failure, StoreWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new BadInputException(failure + DuckDb.firstLine(e), e);
        }
    }

    /** Work on the store's connection, inside {@link #inTransaction}. */
    @FunctionalInterface
    private interface StoreWork<T> {
        T run() throws SQLException;
    }

    private void dropDataset(String name) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + DuckDb.quote(Schema.dataTable(name)));
            s.execute("DELETE FROM " + Schema.DATASETS + " WHERE name = " + DuckDb.literal(name));
        }
    }

    private Optional<StoredDataset> datasetIgnoringCase(String name) {
        List<StoredDataset> found = catalogue(" WHERE lower(name) = lower(" + DuckDb.literal(name) + ")");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every stored dataset, by name. Reads only the catalogue, so it is quick whatever the data size. */
    public List<StoredDataset> datasets() {
        return catalogue("");
    }

    public Optional<StoredDataset> dataset(String name) {
        List<StoredDataset> found = catalogue(" WHERE name = " + DuckDb.literal(name));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The rows of a stored dataset as a table (source row numbers kept), ready for a recipe.
     * Messages name it as {@code name}.
     */
    public RawTable table(String name) {
        StoredDataset d = dataset(name).orElseThrow(() -> new BadInputException(name + ": no dataset of that name in "
                + file + " (stored: " + String.join(", ", names()) + ")"));
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + DuckDb.quote(Schema.dataTable(d.name())) + " ORDER BY "
                     + DuckDb.quote(DatasetTables.ROW_COLUMN))) {
            return ResultTables.read(rs, name, DatasetTables.ROW_COLUMN);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read dataset \"" + name + "\": " + DuckDb.firstLine(e), e);
        }
    }

    /**
     * Loads a stored dataset and applies a further recipe. Units named in headers were scaled
     * on import, so they are not scaled again; explicit scales still apply.
     */
    public LoadedDataset load(String name, Recipe recipe) {
        RawTable rows = table(name);
        StoredDataset d = dataset(name).orElseThrow();
        return DatasetLoader.load(rows, recipe.withUnitsFromHeaders(false))
                .withNoteFirst("stored dataset \"" + name + "\" (" + d.rows() + " rows, imported from " + d.source()
                        + " on " + d.imported() + ")");
    }

    /** The names of the stored datasets. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (StoredDataset d : datasets()) {
            names.add(d.name());
        }
        return names;
    }

    private static boolean isNumber(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
                    java.sql.Types.REAL, java.sql.Types.FLOAT, java.sql.Types.DOUBLE, java.sql.Types.DECIMAL,
                    java.sql.Types.NUMERIC -> true;
            default -> false;
        };
    }

    /**
     * Runs any SQL statement and returns up to {@code limit} rows as text.
     *
     * @throws BadInputException with DuckDB's message when the statement fails
     */
    public QueryResult query(String sql, int limit) {
        try (Statement s = connection.createStatement()) {
            nameDatasetsAsTables(s);
            boolean hasRows = s.execute(sql);
            if (!hasRows) {
                return new QueryResult(List.of("changed"), List.of(List.of(Long.toString(s.getUpdateCount()))), false,
                        List.of(true));
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                List<Boolean> numeric = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                    numeric.add(isNumber(meta.getColumnType(c)));
                }
                List<List<String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        String v = rs.getString(c);
                        row.add(v == null ? "" : v);
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated, numeric);
            }
        } catch (SQLException e) {
            throw new BadInputException("the statement failed: " + DuckDb.firstLine(e), e);
        }
    }

    /**
     * Lets a statement name a dataset as it was imported ({@code select * from chinchilla}), not only by its table
     * {@code dataset_chinchilla}: a temporary view per dataset, for this connection only, so even a read-only
     * store allows it and nothing is written. A name that is already a table keeps meaning that table.
     */
    private void nameDatasetsAsTables(Statement s) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT lower(table_name) FROM information_schema.tables")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (StoredDataset d : datasets()) {
            if (!tables.contains(d.name().toLowerCase(Locale.ROOT))) {
                s.execute("CREATE OR REPLACE TEMP VIEW " + DuckDb.quote(d.name()) + " AS SELECT * FROM "
                        + DuckDb.quote(Schema.dataTable(d.name())));
            }
        }
    }

    /** The fits saved in this store (closing the view leaves the store open). */
    public FitStore fits() {
        return new FitStore(file, connection, null);
    }

    Connection connection() {
        return connection;
    }

    /** Closes the database, then refreshes the catalogue copy that lets {@code slaw runs} skip DuckDB. */
    @Override
    public void close() {
        List<StoredDataset> catalogue = null;
        try {
            // a reader changes nothing, the copy included
            if (!readOnly && !connection.isClosed()) {
                catalogue = datasets();
            }
        } catch (SQLException | BadInputException e) {
            catalogue = null;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot close the store: " + DuckDb.firstLine(e), e);
        }
        if (catalogue != null) {
            try {
                CatalogueFile.write(file, catalogue);
            } catch (IOException e) {
                // without the copy, slaw runs asks the database: slower, never wrong
                try {
                    Files.deleteIfExists(CatalogueFile.of(file));
                } catch (IOException ignored) {
                    // a stale copy is still older than the database, so it is not used
                }
            }
        }
    }

    private List<StoredDataset> catalogue(String where) {
        List<StoredDataset> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, source, rows, columns, labels, grp, recipe, notes, imported,"
                     + " fingerprint FROM " + Schema.DATASETS + where + " ORDER BY name")) {
            while (rs.next()) {
                out.add(new StoredDataset(rs.getString(1), rs.getString(2), rs.getLong(3), strings(rs.getString(4)),
                        strings(rs.getString(5)), Optional.ofNullable(rs.getString(6)), strings(rs.getString(7)),
                        strings(rs.getString(8)), rs.getTimestamp(9).toLocalDateTime().toInstant(ZoneOffset.UTC),
                        rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read the catalogue: " + DuckDb.firstLine(e), e);
        }
        return out;
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private List<String> strings(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": the catalogue holds a damaged entry: " + e.getOriginalMessage(), e);
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
