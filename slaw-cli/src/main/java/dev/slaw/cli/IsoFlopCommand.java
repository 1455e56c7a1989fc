package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.Formats;
import dev.slaw.io.document.PlanDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.IsoFlopAnalysis;
import dev.slaw.planning.IsoFlopGroup;
import dev.slaw.planning.IsoFlopResult;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code slaw plan isoflop DATA}: Chinchilla's Approach 2 on a table of runs. */
@Command(name = "isoflop", mixinStandardHelpOptions = true,
        description = "IsoFLOP analysis (Chinchilla Approach 2): parabola minima per compute group, then N_opt = k C^a, D_opt = k' C^b.",
        footer = {"", "Columns: N (parameters), D (tokens), the target (default loss) and, when present, C (FLOPs;",
                "else from --flops). Runs of equal N and D (a learning-rate sweep) are merged into the lowest loss.",
                "Groups: --group COLUMN (an IsoFLOP label per run), else runs within --tolerance decades of C.",
                "", "Example:", "  slaw plan isoflop examples/misfitting/scaling_results_last_ckpt_only.csv --at 5.88e23 --plot isoflop.png"})
public final class IsoFlopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs (or a project dataset).")
    String source;

    @Mixin
    DataOptions data;

    @Option(names = "--target", defaultValue = "loss", paramLabel = "COLUMN", description = "The loss column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--compute-column", defaultValue = "C", paramLabel = "COLUMN",
            description = "Compute per run, FLOPs; when absent from the data, C comes from --flops (default: ${DEFAULT-VALUE}).")
    String computeColumn;

    @Option(names = "--tolerance", defaultValue = "0.15", paramLabel = "DECADES",
            description = "Width of a compute group in decades of C (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--min-models", defaultValue = "3", description = "Distinct N a group needs (default: ${DEFAULT-VALUE}).")
    int minModels;

    @Option(names = "--no-compute-adjust", description = "Fit plain parabolas, without the within-group compute term.")
    boolean noComputeAdjust;

    @Option(names = "--keep-edge-minima", description = "Keep minima outside a group's range of N (extrapolated).")
    boolean keepEdgeMinima;

    @Option(names = "--resamples", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--level", defaultValue = "0.95", description = "Interval level (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--at", defaultValue = "5.88e23", paramLabel = "C",
            description = "Budget at which to report N_opt, D_opt and D/N (default: ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--flops", defaultValue = "6*N*D", paramLabel = "FORMULA", description = "Training FLOPs (default: ${DEFAULT-VALUE}).")
    String flops;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        boolean csv = output.csv();
        Assignments.requireLevel(level);
        LoadedDataset loaded = data.load(source);
        Dataset d = loaded.dataset();
        boolean hasC = d.hasColumn(computeColumn);
        List<String> needed = new ArrayList<>(List.of("N", "D", target));
        if (hasC) {
            needed.add(computeColumn);
        }
        loaded = loaded.requireComplete(needed);
        d = loaded.dataset();
        Dataset runs = d;
        FlopModel flopModel = FlopModel.of(flops, java.util.Map.of());
        IsoFlopAnalysis analysis = new IsoFlopAnalysis(tolerance, minModels, !noComputeAdjust, !keepEdgeMinima, resamples,
                seed, level, flopModel);
        String[] labels = loaded.groupValues().orElse(null);
        IsoFlopResult r = analysis.analyse(d.column("N"), d.column("D"), hasC ? d.column(computeColumn) : null,
                d.column(target), labels);
        double budget = Assignments.number(at, "--at");
        Allocation a = r.at(budget);

        JsonObject root = new JsonObject();
        root.put("source", d.source());
        root.put("runs", r.runs());
        root.put("merged_duplicates", r.mergedDuplicates());
        JsonObject opts = root.putObject("options");
        opts.put("grouping", labels == null ? "compute within " + tolerance + " decades" : "column " + loaded.group().get());
        opts.put("tolerance_decades", tolerance);
        opts.put("minimum_models", minModels);
        opts.put("compute_adjusted", !noComputeAdjust);
        opts.put("drop_edge_minima", !keepEdgeMinima);
        opts.put("resamples", resamples);
        opts.put("seed", seed);
        opts.put("level", level);
        opts.put("flop_model", flopModel.toString());
        opts.put("compute", hasC ? "column " + computeColumn : "FLOP model");
        JsonArray groups = root.putArray("groups");
        List<List<String>> table = new ArrayList<>();
        List<List<String>> csvRows = new ArrayList<>();
        for (IsoFlopGroup g : r.groups()) {
            csvRows.add(List.of(Double.toString(g.computeFlops()), g.label(), Integer.toString(g.runs()),
                    Integer.toString(g.models()), Double.toString(g.computeSpread()), csvCell(g.curvature()),
                    csvCell(g.parameterCount()), csvCell(g.tokenCount()), csvCell(g.loss()),
                    PlanDocuments.status(g.status())));
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
            table.add(List.of(Formats.sci(g.computeFlops()), Integer.toString(g.runs()),
                    Integer.toString(g.models()), Formats.finite(g.parameterCount(), true),
                    Formats.finite(g.tokenCount(), true), Formats.finite(g.tokensPerParameter(), false),
                    Formats.finite(g.loss(), false), PlanDocuments.status(g.status())));
        }
        root.put("parameter_law", PlanDocuments.json(r.parameters(), r.parameterExponentInterval().orElse(null)));
        root.put("token_law", PlanDocuments.json(r.tokens(), r.tokenExponentInterval().orElse(null)));
        root.put("successful_resamples", r.replicates().size());
        root.put("failed_resamples", r.failedResamples());
        // read off the power laws: no loss of its own, and no planning method
        root.put("at", PlanDocuments.json(a).remove("loss").remove("method"));

        PrintWriter out = spec.commandLine().getOut();
        if (output.json || csv) {
            out.print(csv ? new Table(List.of("compute_flops", "label", "runs", "models", "compute_spread", "curvature",
                    "parameter_count", "token_count", "loss", "status"), csvRows).csv() : root + "\n");
            out.flush();
        plot.writeAndReport(() -> PlanPlots.isoFlop(r, runs.column("N"), runs.column("D"),
                hasC ? runs.column(computeColumn) : null, runs.column(target), labels), null);
            return 0;
        }
        out.println("IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) of " + d.source());
        out.println("  " + r.runs() + " runs, " + r.mergedDuplicates() + " merged into the lowest-loss run of the same N and D; "
                + r.groups().size() + " groups, " + r.usedGroups() + " used");
        out.println("  " + analysis);
        out.println();
        out.print(new Table(List.of("C (FLOPs)", "runs", "sizes", "N_opt", "D_opt", "D/N", "loss", "status"), table).text());
        out.println();
        out.println("N_opt = " + PlanDocuments.text(r.parameters(), r.parameterExponentInterval().orElse(null)));
        out.println("D_opt = " + PlanDocuments.text(r.tokens(), r.tokenExponentInterval().orElse(null)));
        out.println("  [regression t interval over groups; bootstrap: " + r.replicates().size() + " resamples of runs within groups"
                + (r.failedResamples() > 0 ? ", " + r.failedResamples() + " failed" : "") + ", seed " + seed + "]");
        out.print(PlanDocuments.text("At C = " + Formats.sci(budget) + " FLOPs (extrapolated from the power laws)", a));
        out.flush();
        plot.writeAndReport(() -> PlanPlots.isoFlop(r, runs.column("N"), runs.column("D"),
                hasC ? runs.column(computeColumn) : null, runs.column(target), labels), out);
        return 0;
    }

    /** A number for CSV: all its digits, or empty where the group has none. */
    static String csvCell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
