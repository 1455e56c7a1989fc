package dev.slaw.io.store;

import dev.slaw.io.project.Toml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of the store's catalogue in a small text file beside it ({@code slaw.duckdb.runs.toml},
 * in the project file's TOML subset), so that {@code slaw runs} answers without starting DuckDB,
 * whose native library alone takes about a second to unpack and load, or Jackson.
 *
 * <p>The database stays the truth; the copy is used only while it is fresh: the store writes
 * it after closing the database, stamped with the database file's last-modified time and size,
 * and any later change to the database (an import, a saved fit, SQL, another tool) changes that
 * stamp, so the copy is ignored until the store is next closed. (Comparing the two files' times
 * instead failed when both fell in one tick of the file system's clock.) This class does not
 * touch DuckDB.
 */
@SuppressWarnings("unchecked")
public final class CatalogueFile {

    private CatalogueFile() {
    }

    /** Where the copy of a store's catalogue lives. */
    public static Path of(Path db) {
        return db.resolveSibling(db.getFileName() + ".runs.toml");
    }

    /**
     * The stored datasets from the copy, when it is newer than the database; empty when it is
     * missing, stale or unreadable (then ask the store itself).
     */
    public static Optional<List<StoredDataset>> readFresh(Path db) {
        Path copy = of(db);
        try {
            if (!Files.isRegularFile(db) || !Files.isRegularFile(copy)
                    || Files.exists(db.resolveSibling(db.getFileName() + ".wal"))) {
                return Optional.empty();
            }
            Map<String, Object> root = Toml.parse(Files.readString(copy, StandardCharsets.UTF_8), copy.toString());
            if (!stamp(db).equals(root.get("database"))) {
                return Optional.empty();
            }
            List<StoredDataset> out = new ArrayList<>();
            Object datasets = root.getOrDefault("dataset", Map.of());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) datasets).entrySet()) {
                Map<String, Object> d = (Map<String, Object>) e.getValue();
                out.add(new StoredDataset(e.getKey(), (String) d.get("source"), ((Number) d.get("rows")).longValue(),
                        strings(d.get("columns")), strings(d.get("labels")), Optional.ofNullable((String) d.get("group")),
                        strings(d.get("recipe")), strings(d.get("notes")), Instant.parse((String) d.get("imported")),
                        (String) d.get("fingerprint")));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            // a damaged or foreign copy is only a missed shortcut: the database answers instead
            return Optional.empty();
        }
    }

    /** Writes the copy (to a temporary file, then renamed, so a reader never sees half of it). */
    static void write(Path db, List<StoredDataset> datasets) throws IOException {
        StringBuilder sb = new StringBuilder("# A copy of the catalogue of ").append(db.getFileName())
                .append(" for slaw runs; the database is the truth.\n");
        sb.append("database = ").append(Toml.quote(stamp(db))).append('\n');
        for (StoredDataset d : datasets) {
            sb.append("\n[dataset.").append(d.name()).append("]\n");
            sb.append("source = ").append(Toml.quote(d.source())).append('\n');
            sb.append("rows = ").append(d.rows()).append('\n');
            sb.append("columns = ").append(list(d.columns())).append('\n');
            sb.append("labels = ").append(list(d.labels())).append('\n');
            d.group().ifPresent(g -> sb.append("group = ").append(Toml.quote(g)).append('\n'));
            sb.append("recipe = ").append(list(d.recipe())).append('\n');
            sb.append("notes = ").append(list(d.notes())).append('\n');
            sb.append("imported = ").append(Toml.quote(d.imported().toString())).append('\n');
            sb.append("fingerprint = ").append(Toml.quote(d.fingerprint())).append('\n');
        }
        Path copy = of(db);
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        Files.writeString(partial, sb, StandardCharsets.UTF_8);
        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The database file as the copy was made from it: its last-modified time (to the file system's
     * precision) and its size. A copy whose stamp differs from the file's is stale.
     */
    private static String stamp(Path db) throws IOException {
        return Files.getLastModifiedTime(db) + " " + Files.size(db) + " bytes";
    }

    private static String list(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Toml.quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    private static List<String> strings(Object value) {
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }
}
