package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.DataFilteringPools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.num;
import static dev.slaw.io.document.Formats.sci;

/**
 * The filtered-pool choice (which pool of the best buckets predicts the least error at each budget
 * of samples seen, Goyal et al. 2024) as JSON, text and CSV.
 */
public final class DataFilteringDocuments {
    private DataFilteringDocuments() {
    }

    public static JsonObject json(DataFilteringPools.Choice c, FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        JsonArray buckets = o.putArray("buckets");
        for (DataFilteringPools.Bucket b : c.buckets()) {
            JsonObject j = buckets.addObject();
            j.put("name", b.name());
            j.put("b", b.b());
            j.put("tau", b.tau());
        }
        o.put("a", c.a());
        o.put("d", c.d());
        o.put("bucket_size", c.bucketSize());
        JsonArray rows = o.putArray("rows");
        for (DataFilteringPools.Row r : c.rows()) {
            JsonObject j = rows.addObject();
            j.put("samples", r.samples());
            JsonArray errors = j.putArray("errors");
            r.errors().forEach(errors::add);
            j.put("best_buckets", r.bestBuckets());
            j.put("best_pool_size", r.bestBuckets() * c.bucketSize());
            j.put("best_epochs", r.samples() / (r.bestBuckets() * c.bucketSize()));
        }
        return fitWarnings.putInto(o);
    }

    public static String text(DataFilteringPools.Choice c, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("Filtered pools: predicted error of the best k buckets at each budget of samples seen\n");
        t.append("buckets by utility (").append(sci(c.bucketSize())).append(" samples each; a = ").append(num(c.a()))
                .append(", d = ").append(num(c.d())).append(")\n");
        List<List<String>> bucketRows = new ArrayList<>();
        for (int i = 0; i < c.buckets().size(); i++) {
            DataFilteringPools.Bucket b = c.buckets().get(i);
            bucketRows.add(List.of(Integer.toString(i + 1), b.name(), num(b.b()), num(b.tau())));
        }
        t.append(new Table(List.of("k", "bucket", "b", "tau (epochs)"), bucketRows).text()).append('\n');
        List<String> header = new ArrayList<>();
        header.add("samples");
        for (int k = 1; k <= c.buckets().size(); k++) {
            header.add("top " + k);
        }
        header.add("least error");
        header.add("epochs");
        List<List<String>> rows = new ArrayList<>();
        for (DataFilteringPools.Row r : c.rows()) {
            List<String> row = new ArrayList<>();
            row.add(sci(r.samples()));
            for (double e : r.errors()) {
                row.add(String.format(Locale.ROOT, "%.4f", e));
            }
            row.add("top " + r.bestBuckets());
            row.add(String.format(Locale.ROOT, "%.3g", r.samples() / (r.bestBuckets() * c.bucketSize())));
            rows.add(row);
        }
        t.append(new Table(header, rows).text());
        return t.append(fitWarnings.text()).toString();
    }

    public static Table csvTable(DataFilteringPools.Choice c) {
        List<String> header = new ArrayList<>();
        header.add("samples");
        for (int k = 1; k <= c.buckets().size(); k++) {
            header.add("top_" + k);
        }
        header.add("best_buckets");
        List<List<String>> rows = new ArrayList<>();
        for (DataFilteringPools.Row r : c.rows()) {
            List<String> row = new ArrayList<>();
            row.add(Double.toString(r.samples()));
            r.errors().forEach(e -> row.add(Double.toString(e)));
            row.add(Integer.toString(r.bestBuckets()));
            rows.add(row);
        }
        return new Table(header, rows);
    }
}
