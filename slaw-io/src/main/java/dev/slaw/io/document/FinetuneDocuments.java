package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.FinetuneChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.sci;

/** The fine-tuning choice (which candidate fit predicts the least loss at each fine-tuning data size) as JSON, text and CSV. */
public final class FinetuneDocuments {
    private FinetuneDocuments() {
    }

    public static JsonObject json(FinetuneChoice.Choice c, FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        var candidates = o.putArray("candidates");
        for (int i = 0; i < c.names().size(); i++) {
            JsonObject k = candidates.addObject();
            k.put("name", c.names().get(i));
            k.put("data_variable", c.dataVariables().get(i));
        }
        o.putNumbers("at", c.at());
        var rows = o.putArray("rows");
        for (FinetuneChoice.Row r : c.rows()) {
            JsonObject j = rows.addObject();
            j.put("data_size", r.dataSize());
            JsonObject losses = new JsonObject();
            for (int i = 0; i < c.names().size(); i++) {
                losses.put(c.names().get(i), r.losses().get(i));
            }
            j.put("losses", losses);
            String best = r.best() < 0 ? null : c.names().get(r.best());
            j.put("best", best);
        }
        var crossings = o.putArray("crossings");
        for (FinetuneChoice.Crossing x : c.crossings()) {
            JsonObject j = crossings.addObject();
            j.put("below", x.below());
            j.put("above", x.above());
            j.put("data_size", x.dataSize());
            j.put("loss", x.loss());
        }
        o.putTexts("warnings", c.warnings());
        return fitWarnings.putInto(o);
    }

    public static String text(FinetuneChoice.Choice c, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("Fine-tuning choice: the predicted loss of each fit at each fine-tuning data size");
        if (!c.at().isEmpty()) {
            List<String> at = new ArrayList<>();
            c.at().forEach((k, v) -> at.add(k + " = " + sci(v)));
            t.append(" (").append(String.join(", ", at)).append(')');
        }
        t.append('\n');
        List<String> header = new ArrayList<>();
        header.add("data size");
        header.addAll(c.names());
        header.add("least loss");
        List<List<String>> rows = new ArrayList<>();
        for (FinetuneChoice.Row r : c.rows()) {
            List<String> row = new ArrayList<>();
            row.add(sci(r.dataSize()));
            for (double l : r.losses()) {
                row.add(String.format(Locale.ROOT, "%.4f", l));
            }
            row.add(r.best() < 0 ? "-" : c.names().get(r.best()));
            rows.add(row);
        }
        t.append(new Table(header, rows).text());
        if (c.crossings().isEmpty()) {
            t.append("\nNo two fits predict equal losses between the smallest and largest data size asked for.\n");
        } else {
            t.append("\nCritical data sizes (equal predicted loss)\n");
            for (FinetuneChoice.Crossing x : c.crossings()) {
                t.append("  ").append(x.below()).append(" below, ").append(x.above()).append(" above: ")
                        .append(sci(x.dataSize())).append(" (loss ")
                        .append(String.format(Locale.ROOT, "%.4f", x.loss())).append(")\n");
            }
        }
        c.warnings().forEach(w -> t.append("warning: ").append(w).append('\n'));
        return t.append(fitWarnings.text()).toString();
    }

    public static Table csvTable(FinetuneChoice.Choice c) {
        List<String> header = new ArrayList<>();
        header.add("data_size");
        header.addAll(c.names());
        header.add("best");
        List<List<String>> rows = new ArrayList<>();
        for (FinetuneChoice.Row r : c.rows()) {
            List<String> row = new ArrayList<>();
            row.add(Double.toString(r.dataSize()));
            r.losses().forEach(l -> row.add(Double.toString(l)));
            row.add(r.best() < 0 ? "" : c.names().get(r.best()));
            rows.add(row);
        }
        return new Table(header, rows);
    }
}
