package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.DataConstrainedPlan;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.Frontier;
import dev.slaw.planning.InferenceAwarePlan;
import dev.slaw.planning.Interval;
import dev.slaw.planning.Intervals;
import dev.slaw.planning.IsoFlopGroup;
import dev.slaw.planning.LossSurface;
import dev.slaw.planning.PowerLaw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.num;
import static dev.slaw.io.document.Formats.sci;

/**
 * The plans of {@code dev.slaw.planning} as documents: each result type (a compute-optimal
 * allocation, a frontier, inference-aware and data-constrained plans, a fitted power law) as a
 * JSON object and as text. The text forms end every line with a line break.
 */
public final class PlanDocuments {
    private PlanDocuments() {
    }

    /**
     * What {@code slaw plan} planned with one law: each part present when it was asked for.
     *
     * @param surface          the law and its parameter values
     * @param flops            the FLOP model
     * @param closedForm       whether Chinchilla's closed form was used (else a numeric search in log N)
     * @param replicates       how many replicates gave the intervals (0: no intervals)
     * @param level            the intervals' level
     * @param replicatesSource where the replicates came from, or null
     * @param computeOptimal   compute-optimal allocations at the budgets asked for
     * @param dataConstrained  data-constrained plans at the budgets asked for
     * @param frontier         the frontier, or null
     * @param targetLoss       the loss to reach (NaN when none was asked for)
     * @param leastCompute     the least-compute allocation reaching it, or null
     * @param inferenceAware   inference-aware plans for that loss, one per inference demand
     * @param fitWarnings      the warnings of the fit planned from (none for a law at given values)
     */
    public record Plan(LossSurface surface, FlopModel flops, boolean closedForm, int replicates, double level,
                       String replicatesSource, List<Allocation> computeOptimal, List<DataConstrainedPlan> dataConstrained,
                       Frontier frontier, double targetLoss, Allocation leastCompute,
                       List<InferenceAwarePlan> inferenceAware, FitWarnings fitWarnings) {
        public Plan {
            computeOptimal = List.copyOf(computeOptimal);
            dataConstrained = List.copyOf(dataConstrained);
            inferenceAware = List.copyOf(inferenceAware);
        }

        /** Every allocation planned, in the order planned: the rows of the CSV table. */
        public List<Allocation> allocations() {
            List<Allocation> all = new ArrayList<>(computeOptimal);
            if (frontier != null) {
                all.addAll(frontier.rows());
            }
            if (leastCompute != null) {
                all.add(leastCompute);
            }
            return all;
        }
    }

    /** The whole plan: the law, its values and FLOP model, each part asked for, and the fit's warnings. */
    public static JsonObject json(Plan p) {
        JsonObject root = new JsonObject();
        root.put("law", p.surface().lawName());
        root.putNumbers("parameters", p.surface().parameters());
        root.put("flop_model", p.flops().toString());
        root.put("closed_form", p.closedForm());
        if (p.replicates() > 0) {
            root.put("replicates", p.replicates());
            root.put("level", p.level());
        }
        if (!p.dataConstrained().isEmpty()) {
            JsonArray arr = root.putArray("data_constrained");
            p.dataConstrained().forEach(x -> arr.add(json(x)));
        }
        if (!p.computeOptimal().isEmpty()) {
            JsonArray arr = root.putArray("compute_optimal");
            p.computeOptimal().forEach(x -> arr.add(json(x)));
        }
        if (p.frontier() != null) {
            root.put("frontier", json(p.frontier()));
        }
        if (p.leastCompute() != null) {
            root.put("target_loss", json(p.leastCompute()));
        }
        if (!p.inferenceAware().isEmpty()) {
            JsonArray arr = root.putArray("inference_aware");
            p.inferenceAware().forEach(x -> arr.add(json(x)));
        }
        return p.fitWarnings().putInto(root);
    }

    /** The whole plan as read on a terminal: the law, the FLOP model and the intervals' source, each part, the fit's warnings. */
    public static String text(Plan p) {
        StringBuilder text = new StringBuilder();
        text.append("law        ").append(p.surface().lawName())
                .append(p.surface().closedForm().map(f -> ": " + f).orElse("")).append('\n');
        text.append("FLOPs      ").append(p.flops()).append(p.closedForm() ? "  (Chinchilla closed form)"
                : "  (numeric search in log N)").append('\n');
        if (p.replicates() > 0) {
            text.append("intervals  ").append(Formats.percent(p.level())).append(" percentile over ")
                    .append(p.replicates()).append(" replicates from ").append(p.replicatesSource()).append('\n');
        }
        p.dataConstrained().forEach(x -> text.append(text(x)));
        p.computeOptimal().forEach(a -> text.append(text("Compute-optimal allocation at C = " + sci(a.computeFlops())
                + " FLOPs", a)));
        if (p.frontier() != null) {
            text.append(text(p.frontier()));
        }
        if (p.leastCompute() != null) {
            text.append(text("Least compute reaching loss " + num(p.targetLoss()), p.leastCompute()));
        }
        if (!p.inferenceAware().isEmpty()) {
            text.append(text(p.inferenceAware()));
        }
        return text.append(p.fitWarnings().text()).toString();
    }

    /** An allocation's numbers, its intervals (when it has any) and its warnings. */
    public static JsonObject json(Allocation a) {
        JsonObject o = new JsonObject();
        o.put("compute_flops", a.computeFlops());
        o.put("parameter_count", a.parameterCount());
        o.put("token_count", a.tokenCount());
        o.put("tokens_per_parameter", a.tokensPerParameter());
        o.put("loss", a.loss());
        o.put("method", a.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        intervals(a.intervals(), o);
        o.putTexts("warnings", a.warnings());
        return o;
    }

    /** An allocation under a title, with its intervals beside each number. */
    public static String text(String title, Allocation a) {
        Intervals iv = a.intervals();
        StringBuilder text = new StringBuilder();
        text.append('\n').append(title).append('\n');
        text.append("  compute C            ").append(withInterval(a.computeFlops(), iv, "computeFlops", true))
                .append(" FLOPs\n");
        text.append("  parameters N         ").append(withInterval(a.parameterCount(), iv, "parameterCount", true))
                .append('\n');
        text.append("  tokens D             ").append(withInterval(a.tokenCount(), iv, "tokenCount", true))
                .append('\n');
        text.append("  tokens per parameter ").append(withInterval(a.tokensPerParameter(), iv,
                "tokensPerParameter", false)).append('\n');
        if (Double.isFinite(a.loss())) {
            text.append("  predicted loss       ").append(withInterval(a.loss(), iv, "loss", false)).append('\n');
        }
        if (iv.failed() > 0) {
            text.append("  ").append(iv.failed()).append(" replicate(s) gave no plan and are left out\n");
        }
        warnings(a.warnings(), text);
        return text.toString();
    }

    /** The frontier: its law, FLOP model and one allocation per budget. */
    public static JsonObject json(Frontier f) {
        JsonObject o = new JsonObject();
        o.put("law", f.lawName());
        o.put("flop_model", f.flopModel());
        JsonArray rows = o.putArray("rows");
        f.rows().forEach(a -> rows.add(json(a)));
        return o;
    }

    /** The frontier as a table, with interval columns when the rows have intervals. */
    public static Table table(Frontier f) {
        boolean intervals = f.rows().stream().anyMatch(a -> !a.intervals().isEmpty());
        List<String> header = new ArrayList<>(List.of("C (FLOPs)", "N", "D", "D/N", "loss"));
        if (intervals) {
            header.addAll(List.of("N low", "N high", "D/N low", "D/N high"));
        }
        List<List<String>> table = new ArrayList<>();
        for (Allocation a : f.rows()) {
            List<String> row = new ArrayList<>(List.of(sci(a.computeFlops()), sci(a.parameterCount()),
                    sci(a.tokenCount()), num(a.tokensPerParameter()), String.format(Locale.ROOT, "%.4f", a.loss())));
            if (intervals) {
                Intervals iv = a.intervals();
                row.add(iv.of("parameterCount").map(i -> sci(i.lower())).orElse("-"));
                row.add(iv.of("parameterCount").map(i -> sci(i.upper())).orElse("-"));
                row.add(iv.of("tokensPerParameter").map(i -> num(i.lower())).orElse("-"));
                row.add(iv.of("tokensPerParameter").map(i -> num(i.upper())).orElse("-"));
            }
            table.add(row);
        }
        return new Table(header, table);
    }

    /** The frontier under its heading, its table and the warnings of its rows. */
    public static String text(Frontier f) {
        StringBuilder text = new StringBuilder("\nCompute-optimal frontier\n").append(table(f).text());
        f.rows().forEach(a -> warnings(a.warnings(), text));
        return text.toString();
    }

    /**
     * Allocations as a table for a spreadsheet: full-precision numbers under snake_case column
     * names, and each quantity's interval bounds when any allocation has intervals.
     */
    public static Table csvTable(List<Allocation> allocations) {
        List<String> quantities = new ArrayList<>();
        allocations.forEach(a -> a.intervals().byQuantity().keySet().stream().filter(q -> !quantities.contains(q))
                .forEach(quantities::add));
        List<String> header = new ArrayList<>(List.of("compute_flops", "parameter_count", "token_count",
                "tokens_per_parameter", "loss", "method"));
        quantities.forEach(q -> header.addAll(List.of(JsonObject.snakeCase(q) + "_lower", JsonObject.snakeCase(q) + "_upper")));
        List<List<String>> rows = new ArrayList<>();
        for (Allocation a : allocations) {
            List<String> row = new ArrayList<>(List.of(cell(a.computeFlops()), cell(a.parameterCount()),
                    cell(a.tokenCount()), cell(a.tokensPerParameter()), cell(a.loss()),
                    a.method().name().toLowerCase(Locale.ROOT).replace('_', '-')));
            for (String q : quantities) {
                row.add(a.intervals().of(q).map(i -> cell(i.lower())).orElse(""));
                row.add(a.intervals().of(q).map(i -> cell(i.upper())).orElse(""));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** A number for CSV: all its digits, or empty when it is not finite. */
    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** An inference-aware plan beside the training-optimal one it improves on. */
    public static JsonObject json(InferenceAwarePlan p) {
        JsonObject o = new JsonObject();
        o.put("target_loss", p.targetLoss());
        o.put("inference_tokens", p.inferenceTokens());
        o.put("parameter_count", p.parameterCount());
        o.put("token_count", p.tokenCount());
        o.put("tokens_per_parameter", p.tokensPerParameter());
        o.put("training_flops", p.trainingFlops());
        o.put("inference_flops", p.inferenceFlops());
        o.put("total_flops", p.totalFlops());
        o.put("loss", p.loss());
        JsonObject t = o.putObject("training_optimal");
        t.put("parameter_count", p.trainingOptimal().parameterCount());
        t.put("token_count", p.trainingOptimal().tokenCount());
        t.put("compute_flops", p.trainingOptimal().computeFlops());
        t.put("total_flops", p.trainingOptimalTotalFlops());
        intervals(p.intervals(), o);
        o.putTexts("warnings", p.warnings());
        return o;
    }

    /** Inference-aware plans for one target loss as a table, one row per inference demand. */
    public static Table table(List<InferenceAwarePlan> plans) {
        List<List<String>> table = new ArrayList<>();
        for (InferenceAwarePlan p : plans) {
            Intervals iv = p.intervals();
            table.add(List.of(sci(p.inferenceTokens()), withInterval(p.parameterCount(), iv, "parameterCount", true),
                    withInterval(p.tokenCount(), iv, "tokenCount", true), num(p.tokensPerParameter()),
                    sci(p.trainingFlops()), sci(p.totalFlops()),
                    String.format(Locale.ROOT, "%.1f%%", Math.max(0, 100 * (1 - p.totalFlops() / p.trainingOptimalTotalFlops())))));
        }
        return new Table(List.of("inference tokens", "N", "D", "D/N", "training FLOPs", "total FLOPs",
                "saved vs Chinchilla"), table);
    }

    /** Inference-aware plans for one target loss under their heading, with their warnings. */
    public static String text(List<InferenceAwarePlan> plans) {
        StringBuilder text = new StringBuilder();
        text.append("\nInference-aware plans (Sardana et al. 2024): least training + inference FLOPs reaching loss ")
                .append(num(plans.get(0).targetLoss())).append('\n');
        text.append(table(plans).text());
        plans.forEach(p -> warnings(p.warnings(), text));
        return text.toString();
    }

    /** A data-constrained plan beside the plan with unlimited data. */
    public static JsonObject json(DataConstrainedPlan p) {
        JsonObject o = new JsonObject();
        o.put("compute_flops", p.computeFlops());
        o.put("unique_tokens", p.uniqueTokens());
        o.put("parameter_count", p.parameterCount());
        o.put("token_count", p.tokenCount());
        o.put("tokens_per_parameter", p.tokensPerParameter());
        o.put("epochs", p.epochs());
        o.put("unique_tokens_used", p.uniqueTokensUsed());
        o.put("effective_tokens", p.effectiveTokens());
        o.put("effective_parameters", p.effectiveParameters());
        o.put("loss", p.loss());
        o.put("unique_parameters", p.uniqueParameters().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        JsonObject u = o.putObject("unconstrained");
        u.put("parameter_count", p.unconstrained().parameterCount());
        u.put("token_count", p.unconstrained().tokenCount());
        u.put("loss", p.unconstrained().loss());
        intervals(p.intervals(), o);
        o.putTexts("warnings", p.warnings());
        return o;
    }

    /** A data-constrained plan, each number beside its value with unlimited data. */
    public static String text(DataConstrainedPlan p) {
        Intervals iv = p.intervals();
        StringBuilder text = new StringBuilder();
        text.append("\nData-constrained plan at C = ").append(sci(p.computeFlops())).append(" FLOPs with U = ")
                .append(sci(p.uniqueTokens())).append(" unique tokens (Muennighoff et al. 2023)\n");
        text.append("  parameters N         ").append(withInterval(p.parameterCount(), iv, "parameterCount", true))
                .append("   (unlimited data: ").append(sci(p.unconstrained().parameterCount())).append(")\n");
        text.append("  tokens D             ").append(withInterval(p.tokenCount(), iv, "tokenCount", true))
                .append("   (unlimited data: ").append(sci(p.unconstrained().tokenCount())).append(")\n");
        text.append("  epochs               ").append(withInterval(p.epochs(), iv, "epochs", false))
                .append(" over ").append(sci(p.uniqueTokensUsed())).append(" unique tokens\n");
        text.append("  effective tokens D'  ").append(sci(p.effectiveTokens())).append('\n');
        text.append("  predicted loss       ").append(withInterval(p.loss(), iv, "loss", false))
                .append("   (unlimited data: ").append(String.format(Locale.ROOT, "%.4f", p.unconstrained().loss()))
                .append(")\n");
        warnings(p.warnings(), text);
        return text.toString();
    }

    /** A power law {@code coefficient * C^exponent} fitted to optimal sizes, with its exponent's intervals. */
    public static JsonObject json(PowerLaw p, Interval bootstrap) {
        JsonObject o = new JsonObject();
        o.put("coefficient", p.coefficient());
        o.put("exponent", p.exponent());
        o.put("exponent_standard_error", p.exponentStandardError());
        if (p.exponentInterval() != null) {
            o.put("regression_interval", json(p.exponentInterval()));
        }
        if (bootstrap != null) {
            o.put("bootstrap_interval", json(bootstrap));
        }
        o.put("r_squared", p.rSquared());
        o.put("points", p.points());
        return o;
    }

    /** A power law on one line: {@code 0.1234 * C^0.5000} with its exponent's intervals and fit. */
    public static String text(PowerLaw p, Interval bootstrap) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.4g * C^%.4f", p.coefficient(), p.exponent()));
        if (p.exponentInterval() != null) {
            sb.append(String.format(Locale.ROOT, "   exponent SE %.4f, t interval [%.4f, %.4f]", p.exponentStandardError(),
                    p.exponentInterval().lower(), p.exponentInterval().upper()));
        }
        if (bootstrap != null) {
            sb.append(String.format(Locale.ROOT, ", bootstrap [%.4f, %.4f]", bootstrap.lower(), bootstrap.upper()));
        }
        sb.append(String.format(Locale.ROOT, "   (R^2 %.3f, %d points)", p.rSquared(), p.points()));
        return sb.toString();
    }

    /** An interval with its level. */
    public static JsonObject json(Interval i) {
        return new JsonObject().put("lower", i.lower()).put("upper", i.upper()).put("level", i.level());
    }

    /** How an IsoFLOP group was used, in words. */
    public static String status(IsoFlopGroup.Status s) {
        return switch (s) {
            case USED -> "used";
            case TOO_FEW_MODELS -> "too few sizes";
            case NO_MINIMUM -> "no minimum";
            case MINIMUM_OUTSIDE_RANGE -> "minimum outside sizes";
        };
    }

    /** A number and, when the intervals hold one for this quantity, its interval in brackets. */
    static String withInterval(double v, Intervals iv, String quantity, boolean scientific) {
        String s = scientific ? sci(v) : num(v);
        return iv.of(quantity).map(i -> s + "  [" + (scientific ? sci(i.lower()) : num(i.lower())) + ", "
                + (scientific ? sci(i.upper()) : num(i.upper())) + "]").orElse(s);
    }

    /** The intervals over replicates, by quantity in snake_case; nothing when there were no replicates. */
    private static void intervals(Intervals iv, JsonObject node) {
        if (iv.isEmpty() && iv.failed() == 0) {
            return;
        }
        JsonObject o = node.putObject("intervals");
        o.put("replicates", iv.replicates());
        o.put("failed_replicates", iv.failed());
        iv.byQuantity().forEach((k, i) -> o.put(JsonObject.snakeCase(k), json(i)));
    }

    private static void warnings(List<String> warnings, StringBuilder text) {
        warnings.forEach(w -> text.append("  warning: ").append(w).append('\n'));
    }
}
