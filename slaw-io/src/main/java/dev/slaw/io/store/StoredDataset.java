package dev.slaw.io.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the run store knows about one imported dataset.
 *
 * @param name        its name in the store
 * @param source      where it was imported from
 * @param rows        how many rows it holds
 * @param columns     its numeric columns
 * @param labels      its text columns
 * @param group       the group column its recipe named, if any
 * @param recipe      the recipe steps applied on import, one per line
 * @param notes       what the import reported (rows dropped, columns scaled)
 * @param imported    when, in UTC
 * @param fingerprint SHA-256 of its numeric columns (see {@link dev.slaw.data.Dataset#fingerprint})
 */
public record StoredDataset(String name, String source, long rows, List<String> columns, List<String> labels,
                            Optional<String> group, List<String> recipe, List<String> notes, Instant imported,
                            String fingerprint) {

    public StoredDataset {
        columns = List.copyOf(columns);
        labels = List.copyOf(labels);
        recipe = List.copyOf(recipe);
        notes = List.copyOf(notes);
    }
}
