package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.ParallelStreamsPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.slaw.io.document.Formats.sci;

/** Parallel streams against parameters (ParScale, Chen et al. 2025) as JSON, text and a CSV table. */
public final class ParallelStreamsDocuments {
    private ParallelStreamsDocuments() {
    }

    /** The plan, with the law's name and parameter values and the warnings of the fit it came from. */
    public static JsonObject json(String lawName, Map<String, Double> parameters, ParallelStreamsPlan plan,
                                  FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        o.put("law", lawName);
        o.putNumbers("parameters", parameters);
        if (plan.forTarget()) {
            o.put("target_loss", plan.targetLoss());
        } else {
            o.put("parameter_count", plan.parameterCount());
        }
        var array = o.putArray("streams");
        for (ParallelStreamsPlan.Row r : plan.rows()) {
            JsonObject row = array.addObject();
            row.put("streams", r.streams());
            row.put("parameter_count", r.parameterCount());
            row.put("loss", r.loss());
            row.put("equivalent_parameters", r.equivalentParameters());
            row.put("forward_flops_per_token", r.forwardFlopsPerToken());
        }
        o.putTexts("warnings", plan.warnings());
        return fitWarnings.putInto(o);
    }

    /** The plan as a table of text, then its warnings and the fit's. */
    public static String text(String lawName, ParallelStreamsPlan plan, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("law        ").append(lawName).append('\n');
        if (plan.forTarget()) {
            t.append("\nParameters that reach loss ").append(Formats.num(plan.targetLoss()))
                    .append(" with P parallel streams (Chen et al. 2025)\n");
            t.append("  P   parameters N   vs P=1   forward FLOPs/token\n");
            double single = plan.rows().isEmpty() ? Double.NaN : plan.rows().get(0).equivalentParameters();
            for (ParallelStreamsPlan.Row r : plan.rows()) {
                t.append(String.format(Locale.ROOT, "  %-3.0f %-14s %-8s %s%n", r.streams(),
                        Formats.finite(r.parameterCount(), true), ratio(r.parameterCount(), single),
                        Formats.finite(r.forwardFlopsPerToken(), true)));
            }
        } else {
            t.append("\nN = ").append(sci(plan.parameterCount()))
                    .append(" non-embedding parameters run as P parallel streams (Chen et al. 2025)\n");
            t.append("  P   loss     single-stream equivalent   forward FLOPs/token\n");
            for (ParallelStreamsPlan.Row r : plan.rows()) {
                String equivalent = Formats.finite(r.equivalentParameters(), true);
                if (Double.isFinite(r.equivalentParameters())) {
                    equivalent += " (" + ratio(r.equivalentParameters(), plan.parameterCount()) + ")";
                }
                t.append(String.format(Locale.ROOT, "  %-3.0f %-8s %-26s %s%n", r.streams(),
                        String.format(Locale.ROOT, "%.4f", r.loss()), equivalent,
                        Formats.finite(r.forwardFlopsPerToken(), true)));
            }
        }
        t.append("  (forward FLOPs/token = 2*N*P; the streams' prefixes and aggregation layer are left out)\n");
        plan.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per P, every digit. */
    public static Table csvTable(ParallelStreamsPlan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (ParallelStreamsPlan.Row r : plan.rows()) {
            rows.add(List.of(Double.toString(r.streams()), Double.toString(r.parameterCount()), Double.toString(r.loss()),
                    Double.toString(r.equivalentParameters()), Double.toString(r.forwardFlopsPerToken())));
        }
        return new Table(List.of("streams", "parameter_count", "loss", "equivalent_parameters",
                "forward_flops_per_token"), rows);
    }

    private static String ratio(double x, double of) {
        if (!Double.isFinite(x) || !Double.isFinite(of) || of == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", x / of);
    }
}
