package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.EnvelopeDocuments;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.LossEnvelope;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw plan envelope DATA}: Chinchilla's Approach 1 on a table of checkpoints. */
@Command(name = "envelope", mixinStandardHelpOptions = true,
        description = "Loss envelope (Chinchilla Approach 1): the least-loss checkpoint per compute bin, then N_opt = k C^a, D_opt = k' C^b.",
        footer = {"", "Columns: N, D (tokens seen at the checkpoint), the target (default loss) and C when present.",
                "", "Example:", "  slaw plan envelope examples/misfitting/scaling_results.csv --bins-per-decade 5 --plot envelope.png"})
public final class EnvelopeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of checkpoints.")
    String source;

    @Mixin
    DataOptions data;

    @Option(names = "--target", defaultValue = "loss", description = "The loss column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--compute-column", description = "Compute column; else from --flops (default: the column C when there is one).")
    String computeColumn;

    @Option(names = "--flops", defaultValue = "6*N*D", description = "Training FLOPs (default: ${DEFAULT-VALUE}).")
    String flops;

    @Option(names = "--bins-per-decade", defaultValue = "10", description = "Compute bins per decade (default: ${DEFAULT-VALUE}).")
    int binsPerDecade;

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        double level = interval.level();
        LoadedDataset loaded = data.load(source);
        // a column named on the command line must be there; only the default C may be absent
        if (computeColumn != null && !loaded.dataset().hasColumn(computeColumn)) {
            throw new dev.slaw.data.BadInputException("--compute-column " + computeColumn + ": no such column (columns: "
                    + String.join(", ", loaded.dataset().columnNames()) + ")");
        }
        if (computeColumn == null) {
            computeColumn = "C";
        }
        boolean hasC = loaded.dataset().hasColumn(computeColumn);
        List<String> needed = new ArrayList<>(List.of("N", "D", target));
        if (hasC) {
            needed.add(computeColumn);
        }
        Dataset d = loaded.requireComplete(needed).dataset();
        double[] c = hasC ? d.column(computeColumn) : null;
        if (c == null) {
            FlopModel f = FlopModel.of(flops, Map.of());
            c = new double[d.rowCount()];
            for (int i = 0; i < c.length; i++) {
                c[i] = f.flops(d.value("N", i), d.value("D", i));
            }
        }
        double[] computeFlops = c;
        LossEnvelope.Result r = LossEnvelope.of(d.column("N"), d.column("D"), c, d.column(target), binsPerDecade, level);
        output.print(() -> EnvelopeDocuments.csvTable(r), () -> EnvelopeDocuments.json(r, d.source(), d.rowCount()),
                () -> EnvelopeDocuments.text(r, d.source(), d.rowCount()));
        plot.writeAndReport(() -> PlanPlots.envelope(r, computeFlops, d.column(target)), output.notes());
        for (String w : r.warnings()) {
            spec.commandLine().getErr().println("slaw plan envelope: warning: " + w);
        }
        return 0;
    }
}
