package dev.slaw.io.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of the store's catalogue in a small JSON file beside it ({@code slaw.duckdb.runs.json}),
 * so that {@code slaw runs} answers without starting DuckDB, whose native library alone takes
 * about a second to unpack and load.
 *
 * <p>The database stays the truth; the copy is used only while it is fresh: the store writes
 * it after closing the database, so it is strictly newer than the database file, and any later
 * change to the database (an import, a saved fit, SQL, another tool) makes the database newer
 * and the copy is ignored until the store is next closed. This class does not touch DuckDB.
 */
public final class CatalogueFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() {
    };

    private CatalogueFile() {
    }

    /** Where the copy of a store's catalogue lives. */
    public static Path of(Path db) {
        return db.resolveSibling(db.getFileName() + ".runs.json");
    }

    /**
     * The stored datasets from the copy, when it is newer than the database; empty when it is
     * missing, stale or unreadable (then ask the store itself).
     */
    public static Optional<List<StoredDataset>> readFresh(Path db) {
        Path copy = of(db);
        try {
            if (!Files.isRegularFile(db) || !Files.isRegularFile(copy)) {
                return Optional.empty();
            }
            FileTime dbTime = Files.getLastModifiedTime(db);
            for (Path companion : List.of(db.resolveSibling(db.getFileName() + ".wal"))) {
                if (Files.exists(companion)) {
                    return Optional.empty();
                }
            }
            if (Files.getLastModifiedTime(copy).compareTo(dbTime) <= 0) {
                return Optional.empty();
            }
            List<StoredDataset> out = new ArrayList<>();
            for (Map<String, Object> e : JSON.readValue(copy.toFile(), ENTRIES)) {
                out.add(new StoredDataset((String) e.get("name"), (String) e.get("source"),
                        ((Number) e.get("rows")).longValue(), strings(e.get("columns")), strings(e.get("labels")),
                        Optional.ofNullable((String) e.get("group")), strings(e.get("recipe")), strings(e.get("notes")),
                        Instant.parse((String) e.get("imported")), (String) e.get("fingerprint")));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            // a damaged or foreign copy is only a missed shortcut: the database answers instead
            return Optional.empty();
        }
    }

    /** Writes the copy (to a temporary file, then renamed, so a reader never sees half of it). */
    static void write(Path db, List<StoredDataset> datasets) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (StoredDataset d : datasets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", d.name());
            e.put("source", d.source());
            e.put("rows", d.rows());
            e.put("columns", d.columns());
            e.put("labels", d.labels());
            e.put("group", d.group().orElse(null));
            e.put("recipe", d.recipe());
            e.put("notes", d.notes());
            e.put("imported", d.imported().toString());
            e.put("fingerprint", d.fingerprint());
            entries.add(e);
        }
        Path copy = of(db);
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), entries);
        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }
}
