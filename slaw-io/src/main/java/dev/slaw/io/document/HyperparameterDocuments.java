package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.HyperparameterPlan;
import dev.slaw.planning.OptimalHyperparameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.sci;

/** Learning-rate and batch-size plans (Step Law, Li et al. 2025) as JSON, text and a CSV table. */
public final class HyperparameterDocuments {
    private HyperparameterDocuments() {
    }

    /** The two laws with their values and sources, each plan, and the warnings of the fits planned from. */
    public static JsonObject json(OptimalHyperparameters planner, List<HyperparameterPlan> plans,
                                  FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        law(o.putObject("learning_rate_law"), planner.learningRateSource());
        law(o.putObject("batch_size_law"), planner.batchSizeSource());
        if (planner.timescaleSource() != null) {
            law(o.putObject("timescale_law"), planner.timescaleSource());
        }
        var array = o.putArray("hyperparameters");
        for (HyperparameterPlan p : plans) {
            JsonObject r = array.addObject();
            r.put("parameter_count", p.parameterCount());
            r.put("token_count", p.tokenCount());
            r.put("compute_flops", p.computeFlops());
            r.put("learning_rate", p.learningRate());
            r.put("batch_size_tokens", p.batchTokens());
            // null without a sequence length (put writes NaN as null)
            r.put("sequence_length", p.sequenceLength());
            r.put("batch_size_sequences", p.batchSequences());
            r.put("steps", p.steps());
            // null without a timescale law
            r.put("timescale", p.timescale());
            r.put("weight_decay", p.weightDecay());
            r.putTexts("warnings", p.warnings());
        }
        return fitWarnings.putInto(o);
    }

    /** The laws, then each plan as a block of text, then the warnings of the fits planned from. */
    public static String text(OptimalHyperparameters planner, List<HyperparameterPlan> plans, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("learning rate  ").append(describe(planner.learningRateSource())).append('\n');
        t.append("batch size     ").append(describe(planner.batchSizeSource())).append(", B in tokens\n");
        if (planner.learningRateSource().law().variables().contains("C")
                || planner.batchSizeSource().law().variables().contains("C")) {
            t.append("compute        C = M D, M the non-embedding FLOPs per token with attention"
                    + " (72 n_layer d_model^2 + 12 n_layer d_model l_seq), not 6 N\n");
        }
        if (planner.timescaleSource() != null) {
            t.append("timescale      ").append(describe(planner.timescaleSource()))
                    .append(", weight decay lambda = B / (eta tau D)\n");
        }
        for (HyperparameterPlan p : plans) {
            t.append("\nLearning rate and batch size for ").append(where(p)).append('\n');
            t.append("  peak learning rate   ").append(sci(p.learningRate())).append('\n');
            t.append("  batch size B         ").append(sci(p.batchTokens())).append(" tokens");
            if (Double.isNaN(p.batchSequences())) {
                t.append("   (divide by the sequence length for sequences, or give --sequence-length)\n");
            } else {
                t.append(String.format(Locale.ROOT, "   = %.0f sequences of %.0f tokens%n", p.batchSequences(),
                        p.sequenceLength()));
            }
            if (!Double.isNaN(p.steps())) {
                t.append("  optimizer steps D/B  ").append(sci(p.steps())).append('\n');
            }
            if (!Double.isNaN(p.weightDecay())) {
                t.append("  AdamW timescale tau  ").append(sci(p.timescale())).append('\n');
                t.append("  weight decay lambda  ").append(sci(p.weightDecay())).append('\n');
            }
            p.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        }
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per plan, every digit. */
    public static Table csvTable(List<HyperparameterPlan> plans) {
        List<List<String>> rows = new ArrayList<>();
        for (HyperparameterPlan p : plans) {
            rows.add(List.of(Double.toString(p.parameterCount()), Double.toString(p.tokenCount()),
                    Double.toString(p.computeFlops()),
                    Double.toString(p.learningRate()), Double.toString(p.batchTokens()),
                    Double.toString(p.sequenceLength()), Double.toString(p.batchSequences()),
                    Double.toString(p.steps()), Double.toString(p.timescale()), Double.toString(p.weightDecay())));
        }
        return new Table(List.of("parameter_count", "token_count", "compute_flops", "learning_rate", "batch_size_tokens",
                "sequence_length", "batch_size_sequences", "steps", "timescale", "weight_decay"), rows);
    }

    /** "N = ..., D = ..." or "C = ... FLOPs", whichever were given. */
    private static String where(HyperparameterPlan p) {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(p.parameterCount())) {
            parts.add("N = " + sci(p.parameterCount()) + " non-embedding parameters");
        }
        if (!Double.isNaN(p.tokenCount())) {
            parts.add("D = " + sci(p.tokenCount()) + " tokens");
        }
        if (!Double.isNaN(p.computeFlops())) {
            parts.add("C = " + sci(p.computeFlops()) + " FLOPs");
        }
        return String.join(", ", parts);
    }

    static String describe(OptimalHyperparameters.Source s) {
        StringBuilder values = new StringBuilder();
        for (var p : s.law().parameters()) {
            if (!values.isEmpty()) {
                values.append(", ");
            }
            values.append(p.name()).append(" = ").append(Formats.significant(s.values().get(p.name()), 4));
        }
        return s.law().name() + ": " + s.law().formula() + " at " + values + " (" + s.label() + ")";
    }

    static void law(JsonObject o, OptimalHyperparameters.Source s) {
        o.put("law", s.law().name());
        o.put("formula", s.law().formula());
        o.put("source", s.label());
        o.putNumbers("parameters", s.values());
    }

    /** The critical batch size (Kaplan et al. 2020) as JSON. */
    public static JsonObject criticalJson(dev.slaw.planning.CriticalBatchSize planner,
                                          List<dev.slaw.planning.CriticalBatchPlan> plans, FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        law(o.putObject("critical_batch_law"), planner.source());
        var array = o.putArray("critical_batch");
        for (var p : plans) {
            JsonObject r = array.addObject();
            r.put("loss", p.loss());
            r.put("critical_batch_tokens", p.criticalBatch());
            // null where not given (put writes NaN as null)
            r.put("sequence_length", p.sequenceLength());
            r.put("critical_batch_sequences", p.criticalSequences());
            r.put("batch_size_tokens", p.batchTokens());
            r.put("token_count", p.tokens());
            r.put("steps", p.steps());
            r.put("fewest_steps", p.fewestSteps());
            r.put("fewest_tokens", p.fewestTokens());
            r.putTexts("warnings", p.warnings());
        }
        return fitWarnings.putInto(o);
    }

    /** The critical batch size as text. */
    public static String criticalText(dev.slaw.planning.CriticalBatchSize planner,
                                      List<dev.slaw.planning.CriticalBatchPlan> plans, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("critical batch  ").append(describe(planner.source())).append(", B_crit in tokens, L in nats\n");
        for (var p : plans) {
            t.append("\nCritical batch size at L = ").append(Formats.num(p.loss())).append(" nats per token\n");
            t.append("  B_crit(L)            ").append(sci(p.criticalBatch())).append(" tokens");
            if (Double.isNaN(p.criticalSequences())) {
                t.append('\n');
            } else {
                t.append(String.format(Locale.ROOT, "   = %.0f sequences of %.0f tokens%n", p.criticalSequences(),
                        p.sequenceLength()));
            }
            t.append("  (at B_crit, reaching L takes 2 S_min steps and 2 E_min tokens)\n");
            if (!Double.isNaN(p.steps())) {
                t.append("  your run             B = ").append(sci(p.batchTokens())).append(" tokens, D = ")
                        .append(sci(p.tokens())).append(" tokens, S = ").append(sci(p.steps())).append(" steps\n");
                t.append("  fewest steps S_min   ").append(sci(p.fewestSteps()))
                        .append("   (S / (1 + B_crit/B), at B >> B_crit)\n");
                t.append("  fewest tokens E_min  ").append(sci(p.fewestTokens()))
                        .append("   (D / (1 + B/B_crit), at B << B_crit)\n");
            }
            p.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        }
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per critical-batch plan, every digit. */
    public static Table criticalCsv(List<dev.slaw.planning.CriticalBatchPlan> plans) {
        List<List<String>> rows = new ArrayList<>();
        for (var p : plans) {
            rows.add(List.of(Double.toString(p.loss()), Double.toString(p.criticalBatch()),
                    Double.toString(p.criticalSequences()), Double.toString(p.batchTokens()), Double.toString(p.tokens()),
                    Double.toString(p.steps()), Double.toString(p.fewestSteps()), Double.toString(p.fewestTokens())));
        }
        return new Table(List.of("loss", "critical_batch_tokens", "critical_batch_sequences", "batch_size_tokens",
                "token_count", "steps", "fewest_steps", "fewest_tokens"), rows);
    }
}
