package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.CriticalBatchFromDataPlan;
import dev.slaw.planning.CriticalBatchSizeFromData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.sci;

/** The critical batch size from the training tokens (Zhang et al. 2024) as JSON, text and a CSV table. */
public final class CriticalBatchFromDataDocuments {
    private CriticalBatchFromDataDocuments() {
    }

    /** The law with its values and source, each plan, and the warnings of the fit planned from. */
    public static JsonObject json(CriticalBatchSizeFromData planner, List<CriticalBatchFromDataPlan> plans,
                                  FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        HyperparameterDocuments.law(o.putObject("critical_batch_law"), planner.source());
        var array = o.putArray("critical_batch");
        for (var p : plans) {
            JsonObject r = array.addObject();
            r.put("token_count", p.tokens());
            r.put("critical_batch_tokens", p.criticalBatch());
            // null where not given (put writes NaN as null)
            r.put("sequence_length", p.sequenceLength());
            r.put("critical_batch_sequences", p.criticalSequences());
            r.put("critical_batch_steps", p.criticalSteps());
            r.put("batch_size_tokens", p.batchTokens());
            r.put("steps", p.steps());
            r.put("batch_over_critical", p.batchRatio());
            r.putTexts("warnings", p.warnings());
        }
        return fitWarnings.putInto(o);
    }

    /** The law, then each plan as a block of text, then the warnings of the fit planned from. */
    public static String text(CriticalBatchSizeFromData planner, List<CriticalBatchFromDataPlan> plans,
                              FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("critical batch  ").append(HyperparameterDocuments.describe(planner.source()))
                .append(", B_crit and D in tokens\n");
        for (var p : plans) {
            t.append("\nCritical batch size for D = ").append(sci(p.tokens())).append(" training tokens\n");
            t.append("  B_crit(D)            ").append(sci(p.criticalBatch())).append(" tokens");
            if (Double.isNaN(p.criticalSequences())) {
                t.append('\n');
            } else {
                // below ten sequences the rounding would hide a fraction (0.9 shown as 1)
                t.append(String.format(Locale.ROOT, p.criticalSequences() < 10 ? "   = %.2f sequences of %.0f tokens%n"
                        : "   = %.0f sequences of %.0f tokens%n", p.criticalSequences(), p.sequenceLength()));
            }
            t.append("  steps at B_crit      ").append(sci(p.criticalSteps())).append("   (D / B_crit)\n");
            t.append("  (at B_crit, reaching the run's loss takes 20 % more steps than linear scaling from a small"
                    + " batch predicts; beyond it larger batches save ever fewer steps)\n");
            if (!Double.isNaN(p.batchRatio())) {
                t.append("  your batch           B = ").append(sci(p.batchTokens())).append(" tokens, ")
                        .append(sci(p.steps())).append(" steps, ")
                        .append(String.format(Locale.ROOT, "%.2f", p.batchRatio())).append(" x B_crit")
                        .append(p.batchRatio() > 1 ? " (above it: more data parallelism buys little time)\n"
                                : " (at or below it: steps fall about in proportion to the batch)\n");
            }
            p.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        }
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per plan, every digit. */
    public static Table csvTable(List<CriticalBatchFromDataPlan> plans) {
        List<List<String>> rows = new ArrayList<>();
        for (var p : plans) {
            rows.add(List.of(Double.toString(p.tokens()), Double.toString(p.criticalBatch()),
                    Double.toString(p.criticalSequences()), Double.toString(p.criticalSteps()),
                    Double.toString(p.batchTokens()), Double.toString(p.steps()), Double.toString(p.batchRatio())));
        }
        return new Table(List.of("token_count", "critical_batch_tokens", "critical_batch_sequences",
                "critical_batch_steps", "batch_size_tokens", "steps", "batch_over_critical"), rows);
    }
}
