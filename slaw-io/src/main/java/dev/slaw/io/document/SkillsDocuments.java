package dev.slaw.io.document;

import dev.slaw.downstream.LatentSkills;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The leave-one-family-out evaluation of a latent-skills law ({@code slaw skills}) as documents:
 * per held-out family its anchor (the smallest model, fitted with the other families), how many
 * models were predicted, the mean absolute error of their scores and that of its largest model;
 * then the mean over families. The JSON adds each fold's fitted parameters count and objective.
 */
public final class SkillsDocuments {
    private static final List<String> HEADER = List.of("family", "anchor", "held_out_models", "rows", "mae",
            "mae_largest");

    private SkillsDocuments() {
    }

    /** What the evaluation ran on. */
    public record Context(String source, String law, int models, int rows, int families, Map<String, Double> floors,
                          List<String> leftOut) {
    }

    public static JsonObject json(LatentSkills.Evaluation e, Context c) {
        JsonObject root = new JsonObject();
        root.put("source", c.source());
        root.put("law", c.law());
        root.put("models", c.models());
        root.put("rows", c.rows());
        root.put("families", c.families());
        root.putTexts("models_without_size_or_tokens", c.leftOut());
        JsonArray floors = root.putArray("floors");
        c.floors().forEach((b, v) -> floors.addObject().put("benchmark", b).put("floor", v));
        JsonArray fs = root.putArray("held_out");
        for (LatentSkills.FamilyError f : e.families()) {
            JsonObject o = fs.addObject();
            o.put("family", f.family());
            o.put("anchor", f.anchor());
            o.putTexts("held_out_models", f.heldOutModels());
            o.put("rows", f.heldOutRows());
            o.put("mean_absolute_error", f.meanAbsoluteError());
            o.put("mean_absolute_error_largest", f.largestError());
            o.put("fit_parameters", f.fit().freeParameterNames().size());
            o.put("fit_objective", f.fit().objectiveValue());
        }
        root.putTexts("not_evaluated", e.skipped());
        root.put("mean_absolute_error", e.meanAbsoluteError());
        return root;
    }

    public static Table csvTable(LatentSkills.Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        for (LatentSkills.FamilyError f : e.families()) {
            rows.add(List.of(f.family(), f.anchor(), Integer.toString(f.heldOutModels().size()),
                    Integer.toString(f.heldOutRows()), Double.toString(f.meanAbsoluteError()),
                    Double.toString(f.largestError())));
        }
        return new Table(HEADER, rows);
    }

    public static String text(LatentSkills.Evaluation e, Context c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: law %s on %d models x benchmarks (%d rows), %d families%n",
                c.source(), c.law(), c.models(), c.rows(), c.families()));
        if (!c.leftOut().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "left out %d models without a size or token count: %s%n",
                    c.leftOut().size(), String.join(", ", c.leftOut())));
        }
        List<String> floors = new ArrayList<>();
        c.floors().forEach((b, v) -> floors.add(b + " " + dev.slaw.law.Numbers.compact(v)));
        sb.append("guessing floors: ").append(String.join(", ", floors)).append('\n');
        sb.append("leave one family out: each family's smallest model is fitted with the other families,"
                + " its other models are predicted\n");
        List<List<String>> rows = new ArrayList<>();
        for (LatentSkills.FamilyError f : e.families()) {
            rows.add(List.of(f.family(), f.anchor(), Integer.toString(f.heldOutModels().size()),
                    String.format(Locale.ROOT, "%.3f", f.meanAbsoluteError()),
                    String.format(Locale.ROOT, "%.3f", f.largestError())));
        }
        sb.append(new Table(List.of("family", "anchor (smallest)", "predicted", "MAE", "MAE largest"), rows).text());
        sb.append(String.format(Locale.ROOT, "mean absolute error over %d families: %.4f (%.2f points)%n",
                e.families().size(), e.meanAbsoluteError(), 100 * e.meanAbsoluteError()));
        if (!e.skipped().isEmpty()) {
            sb.append("not evaluated (one model, which would be the anchor): ").append(String.join(", ", e.skipped()))
                    .append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
