package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.io.store.QueryResult;
import dev.slaw.io.store.SavedFit;
import dev.slaw.io.store.StoredDataset;

import java.util.List;

/** What the run store holds, as documents: its datasets, its saved fits and the answer to a query. */
public final class StoreDocuments {
    private StoreDocuments() {
    }

    /** A stored dataset with its recipe, notes and fingerprint. */
    public static JsonObject json(StoredDataset d) {
        JsonObject o = new JsonObject();
        o.put("name", d.name());
        o.put("rows", d.rows());
        o.put("source", d.source());
        o.put("imported", d.imported().toString());
        o.put("fingerprint", d.fingerprint());
        o.putTexts("columns", d.columns());
        o.putTexts("labels", d.labels());
        o.put("group", d.group().orElse(null));
        o.putTexts("recipe", d.recipe());
        o.putTexts("notes", d.notes());
        return o;
    }

    /** A dataset just imported ({@code slaw import}): the stored dataset and the store it is in. */
    public static JsonObject imported(StoredDataset d, String store) {
        return json(d).put("store", store);
    }

    /** A dataset just imported, as one line, then what the recipe's filters removed. */
    public static String importedText(StoredDataset d, String store) {
        StringBuilder out = new StringBuilder();
        out.append("imported ").append(d.rows()).append(" rows into \"").append(d.name()).append("\" in ").append(store)
                .append(" (").append(d.columns().size()).append(" numeric columns, ").append(d.labels().size())
                .append(" labels)\n");
        d.notes().forEach(note -> out.append("  ").append(note).append('\n'));
        return out.toString();
    }

    /** The stored datasets, under {@code datasets}. */
    public static JsonObject datasets(List<StoredDataset> all) {
        JsonObject root = new JsonObject();
        JsonArray list = root.putArray("datasets");
        all.forEach(d -> list.add(json(d)));
        return root;
    }

    /** The saved fits' provenance (not the fits themselves: {@code slaw fits --show ID} prints one), under {@code fits}. */
    public static JsonObject fits(List<SavedFit> all) {
        JsonObject root = new JsonObject();
        JsonArray list = root.putArray("fits");
        for (SavedFit f : all) {
            list.addObject().put("id", f.id()).put("dataset", f.dataset()).put("law", f.law())
                    .put("created", f.created().toString()).put("fingerprint", f.fingerprint());
        }
        return root;
    }

    /** A numeric cell: empty (SQL null) and DuckDB's {@code nan} and {@code inf} are NaN, written as null. */
    private static double number(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A query's answer: its columns, a row per object keyed by the column names as the query named
     * them, numbers where the column is numeric, and whether rows were left out.
     */
    public static JsonObject json(QueryResult r) {
        JsonObject root = new JsonObject();
        root.putTexts("columns", r.columns());
        JsonArray rows = root.putArray("rows");
        for (List<String> row : r.rows()) {
            JsonObject o = JsonObject.ofNames();
            for (int c = 0; c < r.columns().size(); c++) {
                String cell = row.get(c);
                if (!r.numeric().get(c)) {
                    o.put(r.columns().get(c), cell);
                } else {
                    o.put(r.columns().get(c), number(cell));
                }
            }
            rows.add(o);
        }
        root.put("truncated", r.truncated());
        return root;
    }
}
