package dev.slaw.io.document;

import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.observational.Components;
import dev.slaw.observational.FamilyEfficiency;
import dev.slaw.observational.HeldOutModel;
import dev.slaw.observational.ObservationalResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An observational scaling run ({@code slaw observe}) as documents: the components' loadings,
 * the families' compute efficiencies, the sigmoid link and the held-out models with their
 * error (mean squared, the paper's metric). The CSV is the held-out table.
 */
public final class ObservationalDocuments {
    private ObservationalDocuments() {
    }

    public static JsonObject json(ObservationalResult r) {
        JsonObject root = new JsonObject();
        root.put("source", r.source());
        root.put("target", r.settings().target());
        root.put("cutoff", r.settings().cutoff());
        root.put("components", r.settings().components());
        root.put("imputation_rank", r.settings().imputationRank());
        JsonArray predictors = root.putArray("predictors");
        r.predictors().forEach(predictors::add);
        root.put("fitted_models", r.fittedModels());
        root.put("held_out_models", r.heldOut().size());
        root.put("models_without_compute", r.withoutCompute());
        root.put("models_without_target", r.droppedNoTarget());
        root.put("imputed_scores_fitted", r.imputation().missingFitted());
        root.put("imputed_scores_held_out", r.imputation().missingHeldOut());
        JsonArray loadings = root.putArray("loadings");
        Components c = r.components();
        for (int k = 0; k < c.count(); k++) {
            JsonObject pc = loadings.addObject();
            pc.put("component", "PC" + (k + 1));
            pc.put("explained_variance", c.explained()[k]);
            JsonArray weights = pc.putArray("loadings");
            for (int j = 0; j < r.predictors().size(); j++) {
                weights.addObject().put("benchmark", r.predictors().get(j)).put("loading", c.loadings()[k][j]);
            }
        }
        JsonArray families = root.putArray("efficiencies");
        for (FamilyEfficiency f : r.efficiencies()) {
            JsonObject o = families.addObject();
            o.put("family", f.family());
            o.put("models", f.models());
            JsonArray lines = o.putArray("lines");
            for (int k = 0; k < c.count(); k++) {
                lines.addObject().put("component", "PC" + (k + 1)).put("slope_per_decade", f.slopes()[k])
                        .put("intercept", f.intercepts()[k]).put("r_squared", f.r2()[k]);
            }
        }
        JsonArray single = root.putArray("families_without_line");
        r.singleFamilies().forEach(single::add);
        root.put("link", FitJson.document(r.link()));
        root.put("fitted_mean_squared_error", r.fittedError());
        JsonArray held = root.putArray("held_out");
        for (HeldOutModel h : r.heldOut()) {
            held.addObject().put("model", h.model()).put("family", h.family()).put("compute", h.compute())
                    .put("observed", h.observed()).put("predicted", h.predicted()).put("error", h.error())
                    .put("compute_only", h.computeOnly());
        }
        root.put("held_out_mean_squared_error", r.heldOutMeanSquaredError());
        root.put("held_out_mean_absolute_error", r.heldOutMeanAbsoluteError());
        root.put("compute_only_link", FitJson.document(r.computeOnly()));
        root.put("compute_only_held_out_mean_squared_error", r.computeOnlyMeanSquaredError());
        root.putTexts("warnings", r.notes());
        return root;
    }

    /** The held-out models with every digit. */
    public static Table csvTable(ObservationalResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (HeldOutModel h : r.heldOut()) {
            rows.add(List.of(h.model(), h.family(), Double.toString(h.compute()), Double.toString(h.observed()),
                    Double.toString(h.predicted()), Double.toString(h.error()), Double.toString(h.computeOnly())));
        }
        return new Table(List.of("model", "family", "compute", "observed", "predicted", "error", "compute_only"),
                rows);
    }

    public static String text(ObservationalResult r) {
        StringBuilder out = new StringBuilder();
        String target = r.settings().target();
        Components c = r.components();
        int k = c.count();
        out.append("Observational scaling (Ruan et al. 2024) of ").append(target).append(" from ").append(r.source())
                .append('\n');
        out.append("  capabilities: ").append(k).append(" principal components of ")
                .append(String.join(", ", r.predictors())).append(" (centred, not standardised)\n");
        out.append("  fitted on the ").append(r.fittedModels()).append(" models with compute <= ")
                .append(Formats.significant(r.settings().cutoff(), 4)).append("; held out: the ").append(r.heldOut().size())
                .append(" above it");
        if (r.withoutCompute() > 0) {
            out.append("; left out: ").append(r.withoutCompute()).append(" without compute");
        }
        out.append('\n');
        out.append("  missing scores filled by rank-").append(r.settings().imputationRank())
                .append(" reconstruction: ").append(r.imputation().missingFitted()).append(" fitted, ")
                .append(r.imputation().missingHeldOut()).append(" held out");
        if (r.droppedNoTarget() > 0) {
            out.append("; ").append(r.droppedNoTarget()).append(" models without a ").append(target)
                    .append(" score left out");
        }
        out.append("\n\nComponents (loadings)\n");
        List<String> header = new ArrayList<>(List.of("benchmark"));
        for (int j = 1; j <= k; j++) {
            header.add("PC" + j);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int b = 0; b < r.predictors().size(); b++) {
            List<String> row = new ArrayList<>(List.of(r.predictors().get(b)));
            for (int j = 0; j < k; j++) {
                row.add(fixed(c.loadings()[j][b], 3));
            }
            rows.add(row);
        }
        List<String> explained = new ArrayList<>(List.of("variance share"));
        for (int j = 0; j < k; j++) {
            explained.add(fixed(c.explained()[j], 3));
        }
        rows.add(explained);
        out.append(new Table(header, rows).text());

        double cutoff = r.settings().cutoff();
        out.append("\nCompute efficiency per family: PCj = a + b log10(C), C in the table's unit;")
                .append(" most capable at C = ").append(Formats.significant(cutoff, 4)).append(" first\n");
        List<String> effHeader = new ArrayList<>(List.of("family", "models", "PC1 at C=" + Formats.significant(cutoff, 4),
                "PC1 per 10x", "PC1 R2"));
        for (int j = 2; j <= k; j++) {
            effHeader.add("PC" + j + " per 10x");
        }
        List<List<String>> effRows = new ArrayList<>();
        List<FamilyEfficiency> sorted = new ArrayList<>(r.efficiencies());
        sorted.sort(Comparator.comparingDouble((FamilyEfficiency f) -> -f.at(0, cutoff)));
        for (FamilyEfficiency f : sorted) {
            List<String> row = new ArrayList<>(List.of(f.family(), Integer.toString(f.models()),
                    fixed(f.at(0, cutoff), 3), fixed(f.slopes()[0], 3),
                    Double.isNaN(f.r2()[0]) ? "-" : fixed(f.r2()[0], 2)));
            for (int j = 1; j < k; j++) {
                row.add(fixed(f.slopes()[j], 3));
            }
            effRows.add(row);
        }
        out.append(new Table(effHeader, effRows).text());
        if (!r.singleFamilies().isEmpty()) {
            out.append("no line (one model of known compute): ").append(String.join(", ", r.singleFamilies()))
                    .append('\n');
        }

        out.append("\nSigmoid link, fitted on ").append(r.fittedModels()).append(" models (mean squared error ")
                .append(fixed(r.fittedError(), 5)).append(")\n");
        out.append("  ").append(target).append(" = ").append(r.link()).append('\n');

        out.append("\nHeld-out models\n");
        List<List<String>> heldRows = new ArrayList<>();
        for (HeldOutModel h : r.heldOut()) {
            heldRows.add(List.of(h.model(), h.family(), Double.isNaN(h.compute()) ? "-" : Formats.num(h.compute()),
                    fixed(h.observed(), 4), fixed(h.predicted(), 4), fixed(h.error(), 4)));
        }
        out.append(new Table(List.of("model", "family", "compute", "observed", "predicted", "error"), heldRows)
                .text());
        out.append("held-out mean squared error: ").append(fixed(r.heldOutMeanSquaredError(), 5))
                .append(" (the paper's metric); mean absolute error: ").append(fixed(r.heldOutMeanAbsoluteError(), 4))
                .append('\n');
        out.append("the same sigmoid in log10 compute alone (").append(target).append(" = ")
                .append(r.computeOnly().toString().replace("PC1", "log10(C)")).append("): held-out mean squared error ")
                .append(fixed(r.computeOnlyMeanSquaredError(), 5)).append('\n');
        if (r.computeOnlyMeanSquaredError() < r.heldOutMeanSquaredError()) {
            out.append("warning: compute alone predicts the held-out ").append(target)
                    .append(" scores better than the capability components do; the other benchmarks do not carry")
                    .append(" what ").append(target).append(" measures well enough to extrapolate it\n");
        }
        for (String note : r.notes()) {
            out.append("warning: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
