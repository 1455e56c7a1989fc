package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.LossEnvelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loss envelope (Hoffmann et al. 2022, Approach 1) as documents ({@code slaw plan envelope}):
 * the lowest-loss checkpoint per compute bin and the power laws fitted to them.
 */
public final class EnvelopeDocuments {
    private EnvelopeDocuments() {
    }

    /** The envelope's points and power laws; {@code checkpoints} is how many rows were binned. */
    public static JsonObject json(LossEnvelope.Result r, String source, int checkpoints) {
        JsonObject root = new JsonObject();
        root.put("source", source);
        root.put("checkpoints", checkpoints);
        root.put("bins_per_decade", r.binsPerDecade());
        JsonArray pts = root.putArray("points");
        for (LossEnvelope.Point p : r.points()) {
            pts.addObject().put("compute_flops", p.computeFlops()).put("parameter_count", p.parameterCount())
                    .put("token_count", p.tokenCount()).put("loss", p.loss());
        }
        root.put("parameter_law", PlanDocuments.json(r.parameters(), null));
        root.put("token_law", PlanDocuments.json(r.tokens(), null));
        return root;
    }

    /** The envelope's points as a table for a spreadsheet, all digits. */
    public static Table csvTable(LossEnvelope.Result r) {
        List<List<String>> rows = new ArrayList<>();
        for (LossEnvelope.Point p : r.points()) {
            rows.add(List.of(Double.toString(p.computeFlops()), Double.toString(p.parameterCount()),
                    Double.toString(p.tokenCount()), Double.toString(p.loss())));
        }
        return new Table(List.of("compute_flops", "parameter_count", "token_count", "loss"), rows);
    }

    /** The envelope as read on a terminal: its points and the power laws of N_opt and D_opt. */
    public static String text(LossEnvelope.Result r, String source, int checkpoints) {
        StringBuilder out = new StringBuilder();
        out.append("Loss envelope (Hoffmann et al. 2022, Approach 1) of ").append(source).append('\n');
        out.append("  ").append(checkpoints).append(" checkpoints, ").append(r.binsPerDecade())
                .append(" compute bins per decade, ").append(r.points().size()).append(" non-empty\n\n");
        List<List<String>> table = new ArrayList<>();
        for (LossEnvelope.Point p : r.points()) {
            table.add(List.of(Formats.sci(p.computeFlops()), Formats.sci(p.parameterCount()),
                    Formats.sci(p.tokenCount()), Formats.num(p.tokenCount() / p.parameterCount()),
                    String.format(Locale.ROOT, "%.4f", p.loss())));
        }
        out.append(new Table(List.of("C (FLOPs)", "N", "D", "D/N", "loss"), table).text()).append('\n');
        out.append("N_opt = ").append(PlanDocuments.text(r.parameters(), null)).append('\n');
        out.append("D_opt = ").append(PlanDocuments.text(r.tokens(), null)).append('\n');
        out.append("  [regression t intervals over the envelope points]\n");
        return out.toString();
    }
}
