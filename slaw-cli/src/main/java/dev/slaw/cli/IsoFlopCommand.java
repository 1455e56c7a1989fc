package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.IsoFlopDocuments;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.IsoFlopAnalysis;
import dev.slaw.planning.IsoFlopResult;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code slaw plan isoflop DATA}: Chinchilla's Approach 2 on a table of runs. */
@Command(name = "isoflop", mixinStandardHelpOptions = true,
        description = "IsoFLOP analysis (Chinchilla Approach 2): parabola minima per compute group, then N_opt = k C^a, D_opt = k' C^b.",
        footer = {"", "Columns: N (parameters), D (tokens), the target (default loss) and, when present, C (FLOPs;",
                "else from --flops). Runs of equal N and D (a learning-rate sweep) are merged into the lowest loss.",
                "Groups: --group COLUMN (an IsoFLOP label per run), else runs within --tolerance decades of C.",
                "", "Example:", "  slaw plan isoflop examples/misfitting/scaling_results_last_ckpt_only.csv --compute 5.88e23 --plot isoflop.png"})
public final class IsoFlopCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs (or a project dataset).")
    String source;

    @Mixin
    DataOptions data;

    @Option(names = "--target", defaultValue = "loss", paramLabel = "COLUMN", description = "The loss column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--compute-column", paramLabel = "COLUMN",
            description = "Compute per run, FLOPs; when absent from the data, C comes from --flops (default: the column C when there is one).")
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

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        int resamples = resampling.replicates();
        double level = resampling.level();
        LoadedDataset loaded = data.load(source);
        Dataset d = loaded.dataset();
        // a column named on the command line must be there; only the default C may be absent
        if (computeColumn != null && !d.hasColumn(computeColumn)) {
            throw new dev.slaw.data.BadInputException("--compute-column " + computeColumn + ": no such column (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        if (computeColumn == null) {
            computeColumn = "C";
        }
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
        String grouping = labels == null ? "compute within " + tolerance + " decades" : "column " + loaded.group().get();
        output.print(() -> IsoFlopDocuments.csvTable(r), () -> IsoFlopDocuments.json(r, runs.source(), grouping,
                hasC ? "column " + computeColumn : "FLOP model", budget), () -> IsoFlopDocuments.text(r, runs.source(), budget));
        plot.writeAndReport(() -> PlanPlots.isoFlop(r, runs.column("N"), runs.column("D"),
                hasC ? runs.column(computeColumn) : null, runs.column(target), labels), output.notes());
        IsoFlopAnalysis.checkpointWarning(d.column("N"), d.column("D"))
                .ifPresent(w -> spec.commandLine().getErr().println("slaw plan isoflop: warning: " + w));
        return 0;
    }
}
