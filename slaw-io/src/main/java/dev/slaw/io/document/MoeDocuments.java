package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.FineGrainedMoe;
import dev.slaw.planning.JointMoe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.sci;

/** Mixture-of-experts plans (granularity of Krajewski et al. 2024, expert count of Ludziejewski et al. 2025). */
public final class MoeDocuments {
    private MoeDocuments() {
    }

    /** The fine-grained plan as text: the optimum, then every granularity tried. */
    public static String granularityText(FineGrainedMoe.Plan plan) {
        StringBuilder t = new StringBuilder();
        t.append("fine-grained MoE  moe-granularity at Krajewski et al. 2024's Table 1 constants, E = 64,"
                + " FLOPs with routing (eq. 10-11: c_f = 6, c_r = 14, d_model = 64 n_blocks)\n");
        t.append("\nCompute-optimal at F = ").append(sci(plan.flops())).append(" FLOPs\n");
        FineGrainedMoe.Row o = plan.optimum();
        t.append(String.format(Locale.ROOT, "  granularity G        %.0f%n", o.granularity()));
        t.append("  total parameters N   ").append(sci(o.totalParameters())).append("   (non-embedding, all experts)\n");
        t.append("  active parameters    ").append(sci(o.activeParameters())).append(String.format(Locale.ROOT,
                "   (d_model %.0f, %.1f blocks)%n", o.dModel(), o.blocks()));
        t.append("  tokens D             ").append(sci(o.tokens())).append('\n');
        t.append("  predicted loss       ").append(Formats.num(o.loss())).append('\n');
        t.append("\n       G    total N     tokens D   loss\n");
        for (FineGrainedMoe.Row r : plan.rows()) {
            t.append(String.format(Locale.ROOT, "  %6.0f  %s  %s  %s%s%n", r.granularity(), sci(r.totalParameters()),
                    sci(r.tokens()), Formats.num(r.loss()), r == o ? "   <- optimum" : ""));
        }
        plan.warnings().forEach(w -> t.append("warning: ").append(w).append('\n'));
        return t.toString();
    }

    public static JsonObject granularityJson(FineGrainedMoe.Plan plan) {
        JsonObject o = new JsonObject();
        o.put("law", "moe-granularity");
        o.putNumbers("parameters", new java.util.TreeMap<>(FineGrainedMoe.KRAJEWSKI));
        o.put("flops", plan.flops());
        var rows = o.putArray("granularities");
        for (FineGrainedMoe.Row r : plan.rows()) {
            JsonObject j = rows.addObject();
            j.put("granularity", r.granularity());
            j.put("total_parameters", r.totalParameters());
            j.put("active_parameters", r.activeParameters());
            j.put("d_model", r.dModel());
            j.put("blocks", r.blocks());
            j.put("tokens", r.tokens());
            j.put("loss", r.loss());
        }
        o.put("optimal_granularity", plan.optimum().granularity());
        o.putTexts("warnings", plan.warnings());
        return o;
    }

    public static Table granularityCsv(FineGrainedMoe.Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (FineGrainedMoe.Row r : plan.rows()) {
            rows.add(List.of(Double.toString(plan.flops()), Double.toString(r.granularity()),
                    Double.toString(r.totalParameters()), Double.toString(r.activeParameters()),
                    Double.toString(r.tokens()), Double.toString(r.loss()), Boolean.toString(r == plan.optimum())));
        }
        return new Table(List.of("flops", "granularity", "total_parameters", "active_parameters", "tokens", "loss",
                "optimal"), rows);
    }

    /** The expert-count plan as text: the best count, then every count tried. */
    public static String expertsText(JointMoe.Plan plan) {
        StringBuilder t = new StringBuilder();
        t.append("MoE expert count  moe-joint at Ludziejewski et al. 2025's Table 3 constants, F = 6 N_act D,"
                + " parameters with embeddings (vocabulary 50,257, n_blocks = d_model/64)\n");
        t.append("\nBest expert count at F = ").append(sci(plan.flops())).append(" FLOPs");
        if (!Double.isNaN(plan.memory())) {
            t.append(" within ").append(sci(plan.memory())).append(" total parameters");
        }
        t.append('\n');
        JointMoe.Row o = plan.optimum();
        t.append(String.format(Locale.ROOT, "  experts E            %.0f%n", o.experts()));
        t.append("  active parameters    ").append(sci(o.activeParameters())).append('\n');
        t.append("  total parameters     ").append(sci(o.totalParameters())).append('\n');
        t.append("  tokens D             ").append(sci(o.tokens())).append('\n');
        t.append("  predicted loss       ").append(Formats.num(o.loss())).append('\n');
        t.append("\n       E  active N    total N     tokens D   loss\n");
        for (JointMoe.Row r : plan.rows()) {
            t.append(String.format(Locale.ROOT, "  %6.0f  %s  %s  %s  %s%s%s%n", r.experts(), sci(r.activeParameters()),
                    sci(r.totalParameters()), sci(r.tokens()), Formats.num(r.loss()),
                    r.memoryBound() ? "   (memory-bound)" : "", r == o ? "   <- best" : ""));
        }
        plan.warnings().forEach(w -> t.append("warning: ").append(w).append('\n'));
        return t.toString();
    }

    public static JsonObject expertsJson(JointMoe.Plan plan) {
        JsonObject o = new JsonObject();
        o.put("law", "moe-joint");
        o.putNumbers("parameters", new java.util.TreeMap<>(JointMoe.LUDZIEJEWSKI));
        o.put("flops", plan.flops());
        // null without a memory budget (put writes NaN as null)
        o.put("total_parameters_limit", plan.memory());
        var rows = o.putArray("expert_counts");
        for (JointMoe.Row r : plan.rows()) {
            JsonObject j = rows.addObject();
            j.put("experts", r.experts());
            j.put("active_parameters", r.activeParameters());
            j.put("total_parameters", r.totalParameters());
            j.put("d_model", r.dModel());
            j.put("tokens", r.tokens());
            j.put("loss", r.loss());
            j.put("memory_bound", r.memoryBound());
        }
        o.put("best_experts", plan.optimum().experts());
        o.putTexts("warnings", plan.warnings());
        return o;
    }

    public static Table expertsCsv(JointMoe.Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (JointMoe.Row r : plan.rows()) {
            rows.add(List.of(Double.toString(plan.flops()), Double.toString(r.experts()),
                    Double.toString(r.activeParameters()), Double.toString(r.totalParameters()),
                    Double.toString(r.tokens()), Double.toString(r.loss()), Boolean.toString(r.memoryBound()),
                    Boolean.toString(r == plan.optimum())));
        }
        return new Table(List.of("flops", "experts", "active_parameters", "total_parameters", "tokens", "loss",
                "memory_bound", "best"), rows);
    }
}
