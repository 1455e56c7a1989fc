package dev.slaw.io.document;

import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.IsoFlopAnalysis;
import dev.slaw.planning.IsoFlopGroup;
import dev.slaw.planning.IsoFlopResult;

import java.util.ArrayList;
import java.util.List;

/**
 * An IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) as documents ({@code slaw plan isoflop}):
 * the groups of runs, the power laws of the optimal sizes, and the allocation they give at a
 * budget.
 */
public final class IsoFlopDocuments {
    private IsoFlopDocuments() {
    }

    /**
     * The whole analysis.
     *
     * @param source   where the runs came from
     * @param grouping how runs were grouped, in words ({@code compute within 0.15 decades}, {@code column C})
     * @param compute  where each run's compute came from, in words ({@code column C}, {@code FLOP model})
     * @param budget   the compute at which to read the allocation off the power laws
     */
    public static JsonObject json(IsoFlopResult r, String source, String grouping, String compute, double budget) {
        IsoFlopAnalysis a = r.options();
        JsonObject root = new JsonObject();
        root.put("source", source);
        root.put("runs", r.runs());
        root.put("merged_duplicates", r.mergedDuplicates());
        JsonObject opts = root.putObject("options");
        opts.put("grouping", grouping);
        opts.put("tolerance_decades", a.toleranceDecades());
        opts.put("minimum_models", a.minimumModels());
        opts.put("compute_adjusted", a.computeAdjusted());
        opts.put("drop_edge_minima", a.dropEdgeMinima());
        opts.put("replicates", a.resamples());
        opts.put("seed", a.seed());
        opts.put("level", a.level());
        opts.put("flop_model", a.flops().toString());
        opts.put("compute", compute);
        JsonArray groups = root.putArray("groups");
        for (IsoFlopGroup g : r.groups()) {
            JsonObject o = groups.addObject();
            o.put("compute_flops", g.computeFlops());
            o.put("label", g.label());
            o.put("runs", g.runs());
            o.put("models", g.models());
            o.put("compute_spread", g.computeSpread());
            o.put("curvature", g.curvature());
            o.put("parameter_count", g.parameterCount());
            o.put("token_count", g.tokenCount());
            o.put("loss", g.loss());
            o.put("status", PlanDocuments.status(g.status()));
        }
        root.put("parameter_law", PlanDocuments.json(r.parameters(), r.parameterExponentInterval().orElse(null)));
        root.put("token_law", PlanDocuments.json(r.tokens(), r.tokenExponentInterval().orElse(null)));
        root.put("successful_replicates", r.replicates().size());
        root.put("failed_replicates", r.failedResamples());
        // read off the power laws: no loss of its own, and no planning method
        root.put("at", PlanDocuments.json(r.at(budget)).remove("loss").remove("method"));
        return root;
    }

    /** The groups as a table for a spreadsheet: full-precision numbers, empty where a group has none. */
    public static Table csvTable(IsoFlopResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (IsoFlopGroup g : r.groups()) {
            rows.add(List.of(Double.toString(g.computeFlops()), g.label(), Integer.toString(g.runs()),
                    Integer.toString(g.models()), Double.toString(g.computeSpread()), cell(g.curvature()),
                    cell(g.parameterCount()), cell(g.tokenCount()), cell(g.loss()), PlanDocuments.status(g.status())));
        }
        return new Table(List.of("compute_flops", "label", "runs", "models", "compute_spread", "curvature",
                "parameter_count", "token_count", "loss", "status"), rows);
    }

    /** The analysis as read on a terminal: what was grouped, the groups' table, the power laws, the allocation at the budget. */
    public static String text(IsoFlopResult r, String source, double budget) {
        List<List<String>> table = new ArrayList<>();
        for (IsoFlopGroup g : r.groups()) {
            table.add(List.of(Formats.sci(g.computeFlops()), Integer.toString(g.runs()),
                    Integer.toString(g.models()), Formats.finite(g.parameterCount(), true),
                    Formats.finite(g.tokenCount(), true), Formats.finite(g.tokensPerParameter(), false),
                    Formats.finite(g.loss(), false), PlanDocuments.status(g.status())));
        }
        StringBuilder out = new StringBuilder();
        out.append("IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) of ").append(source).append('\n');
        out.append("  ").append(r.runs()).append(" runs, ").append(r.mergedDuplicates())
                .append(" merged into the lowest-loss run of the same N and D; ").append(r.groups().size())
                .append(" groups, ").append(r.usedGroups()).append(" used\n");
        out.append("  ").append(r.options()).append("\n\n");
        out.append(new Table(List.of("C (FLOPs)", "runs", "sizes", "N_opt", "D_opt", "D/N", "loss", "status"), table)
                .text());
        out.append('\n');
        out.append("N_opt = ").append(PlanDocuments.text(r.parameters(), r.parameterExponentInterval().orElse(null)))
                .append('\n');
        out.append("D_opt = ").append(PlanDocuments.text(r.tokens(), r.tokenExponentInterval().orElse(null)))
                .append('\n');
        out.append("  [regression t interval over groups; bootstrap: ").append(r.replicates().size())
                .append(" resamples of runs within groups")
                .append(r.failedResamples() > 0 ? ", " + r.failedResamples() + " failed" : "")
                .append(", seed ").append(r.options().seed()).append("]\n");
        out.append(PlanDocuments.text("At C = " + Formats.sci(budget) + " FLOPs (extrapolated from the power laws)",
                r.at(budget)));
        return out.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
