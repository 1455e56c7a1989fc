package dev.slaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.Interval;
import dev.slaw.planning.IsoFlopAnalysis;
import dev.slaw.planning.IsoFlopGroup;
import dev.slaw.planning.IsoFlopResult;
import dev.slaw.planning.PowerLaw;
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
                "", "Example:", "  slaw plan isoflop examples/misfitting/scaling_results_last_ckpt_only.csv --compute 5.88e23 --plot isoflop.png"})
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

    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(1000, 0);

    @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ComputeBudget compute = ComputeBudget.orElse(ComputeBudget.CHINCHILLA);

    @Option(names = "--flops", defaultValue = "6*N*D", paramLabel = "FORMULA", description = "Training FLOPs (default: ${DEFAULT-VALUE}).")
    String flops;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        int resamples = resampling.replicates();
        double level = resampling.level();
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
        double budget = compute.one().orElseThrow();
        Allocation a = r.at(budget);

        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("source", d.source());
        root.put("runs", r.runs());
        root.put("mergedDuplicates", r.mergedDuplicates());
        ObjectNode opts = root.putObject("options");
        opts.put("grouping", labels == null ? "compute within " + tolerance + " decades" : "column " + loaded.group().get());
        opts.put("toleranceDecades", tolerance);
        opts.put("minimumModels", minModels);
        opts.put("computeAdjusted", !noComputeAdjust);
        opts.put("dropEdgeMinima", !keepEdgeMinima);
        opts.put("resamples", resamples);
        opts.put("seed", seed);
        opts.put("level", level);
        opts.put("flopModel", flopModel.toString());
        opts.put("compute", hasC ? "column " + computeColumn : "FLOP model");
        ArrayNode groups = root.putArray("groups");
        List<List<String>> table = new ArrayList<>();
        for (IsoFlopGroup g : r.groups()) {
            ObjectNode o = groups.addObject();
            o.put("computeFlops", g.computeFlops());
            o.put("label", g.label());
            o.put("runs", g.runs());
            o.put("models", g.models());
            o.put("computeSpread", g.computeSpread());
            o.put("curvature", g.curvature());
            o.put("parameterCount", g.parameterCount());
            o.put("tokenCount", g.tokenCount());
            o.put("loss", g.loss());
            o.put("status", status(g.status()));
            table.add(List.of(PlanCommand.PlanOutput.sci(g.computeFlops()), Integer.toString(g.runs()),
                    Integer.toString(g.models()), finite(g.parameterCount(), true), finite(g.tokenCount(), true),
                    finite(g.tokensPerParameter(), false), finite(g.loss(), false), status(g.status())));
        }
        powerLaw(root.putObject("parameterLaw"), r.parameters(), r.parameterExponentInterval().orElse(null));
        powerLaw(root.putObject("tokenLaw"), r.tokens(), r.tokenExponentInterval().orElse(null));
        root.put("successfulResamples", r.replicates().size());
        root.put("failedResamples", r.failedResamples());
        ObjectNode atNode = root.putObject("at");
        PlanCommand.PlanOutput.allocation("", a, atNode, new StringBuilder());
        atNode.remove("loss");
        atNode.remove("method");

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(root.toPrettyString());
            out.flush();
        plot.writeAndReport(() -> PlanPlots.isoFlop(r, runs.column("N"), runs.column("D"),
                hasC ? runs.column(computeColumn) : null, runs.column(target), labels), json ? null : out);
            return 0;
        }
        out.println("IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) of " + d.source());
        out.println("  " + r.runs() + " runs, " + r.mergedDuplicates() + " merged into the lowest-loss run of the same N and D; "
                + r.groups().size() + " groups, " + r.usedGroups() + " used");
        out.println("  " + analysis);
        out.println();
        PlainTable.print(out, List.of("C (FLOPs)", "runs", "sizes", "N_opt", "D_opt", "D/N", "loss", "status"), table);
        out.println();
        out.println("N_opt = " + law(r.parameters(), r.parameterExponentInterval().orElse(null)));
        out.println("D_opt = " + law(r.tokens(), r.tokenExponentInterval().orElse(null)));
        out.println("  [regression t interval over groups; bootstrap: " + r.replicates().size() + " resamples of runs within groups"
                + (r.failedResamples() > 0 ? ", " + r.failedResamples() + " failed" : "") + ", seed " + seed + "]");
        StringBuilder text = new StringBuilder();
        PlanCommand.PlanOutput.allocation("At C = " + PlanCommand.PlanOutput.sci(budget) + " FLOPs (extrapolated from the power laws)",
                a, new ObjectMapper().createObjectNode(), text);
        out.print(text);
        out.flush();
        plot.writeAndReport(() -> PlanPlots.isoFlop(r, runs.column("N"), runs.column("D"),
                hasC ? runs.column(computeColumn) : null, runs.column(target), labels), json ? null : out);
        return 0;
    }

    static void powerLaw(ObjectNode o, PowerLaw p, Interval bootstrap) {
        o.put("coefficient", p.coefficient());
        o.put("exponent", p.exponent());
        o.put("exponentStandardError", p.exponentStandardError());
        if (p.exponentInterval() != null) {
            PlanCommand.PlanOutput.interval(p.exponentInterval(), o.putObject("regressionInterval"));
        }
        if (bootstrap != null) {
            PlanCommand.PlanOutput.interval(bootstrap, o.putObject("bootstrapInterval"));
        }
        o.put("rSquared", p.rSquared());
        o.put("points", p.points());
    }

    static String law(PowerLaw p, Interval bootstrap) {
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

    private static String finite(double v, boolean scientific) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return scientific ? PlanCommand.PlanOutput.sci(v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String status(IsoFlopGroup.Status s) {
        return switch (s) {
            case USED -> "used";
            case TOO_FEW_MODELS -> "too few sizes";
            case NO_MINIMUM -> "no minimum";
            case MINIMUM_OUTSIDE_RANGE -> "minimum outside sizes";
        };
    }
}
