package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.PrecisionPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.slaw.io.document.Formats.sci;

/** Compute-optimal training precision plans (Kumar et al. 2024) as JSON, text and a CSV table. */
public final class PrecisionDocuments {
    private PrecisionDocuments() {
    }

    /** Plans of one law, with the law's name and parameter values and the warnings of the fit it came from. */
    public static JsonObject json(String lawName, Map<String, Double> parameters, List<PrecisionPlan> plans,
                                  FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        o.put("law", lawName);
        o.put("flops", "(6/16)*N*D*P");
        o.putNumbers("parameters", parameters);
        var array = o.putArray("precision");
        for (PrecisionPlan p : plans) {
            JsonObject r = array.addObject();
            r.put("compute_flops", p.computeFlops());
            r.put("precision_bits", p.precisionBits());
            r.put("parameter_count", p.parameterCount());
            r.put("token_count", p.tokenCount());
            if (Double.isFinite(p.effectiveFraction())) {
                r.put("effective_parameter_fraction", p.effectiveFraction());
            }
            r.put("loss", p.loss());
            r.put("loss_at_16_bits", p.sixteenBitLoss());
            r.put("parameter_count_at_16_bits", p.sixteenBitParameters());
            r.putTexts("warnings", p.warnings());
        }
        return fitWarnings.putInto(o);
    }

    /** Each plan as a block of text, then the warnings of the fit planned from. */
    public static String text(String lawName, List<PrecisionPlan> plans, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("law        ").append(lawName).append('\n');
        t.append("FLOPs      (6/16)*N*D*P: compute linear in bits, 16 bits = 6*N*D (Kumar et al. 2024, eq. 5)\n");
        for (PrecisionPlan p : plans) {
            t.append("\nCompute-optimal training precision at C = ").append(sci(p.computeFlops()))
                    .append(" FLOPs (N, D and P chosen together)\n");
            t.append("  precision P          ").append(String.format(Locale.ROOT, "%.2f", p.precisionBits()))
                    .append(" bits (weights, activations, KV cache)\n");
            t.append("  parameters N         ").append(sci(p.parameterCount())).append('\n');
            if (Double.isFinite(p.effectiveFraction())) {
                t.append("  effective N_eff      ").append(sci(p.parameterCount() * p.effectiveFraction()))
                        .append(String.format(Locale.ROOT, " (%.3f N)", p.effectiveFraction())).append('\n');
            }
            t.append("  tokens D             ").append(sci(p.tokenCount())).append('\n');
            t.append("  predicted loss       ").append(String.format(Locale.ROOT, "%.4f", p.loss())).append('\n');
            t.append("  at 16 bits instead   ").append(String.format(Locale.ROOT, "%.4f", p.sixteenBitLoss()))
                    .append(" (N = ").append(sci(p.sixteenBitParameters())).append(")\n");
            p.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        }
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per plan, every digit. */
    public static Table csvTable(List<PrecisionPlan> plans) {
        List<List<String>> rows = new ArrayList<>();
        for (PrecisionPlan p : plans) {
            rows.add(List.of(Double.toString(p.computeFlops()), Double.toString(p.precisionBits()),
                    Double.toString(p.parameterCount()), Double.toString(p.tokenCount()), Double.toString(p.loss()),
                    Double.toString(p.sixteenBitLoss()), Double.toString(p.sixteenBitParameters())));
        }
        return new Table(List.of("compute_flops", "precision_bits", "parameter_count", "token_count", "loss",
                "loss_at_16_bits", "parameter_count_at_16_bits"), rows);
    }
}
