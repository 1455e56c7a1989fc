package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.Formats;
import dev.slaw.io.document.PlanDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.LossEnvelope;
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
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw plan envelope DATA}: Chinchilla's Approach 1 on a table of checkpoints. */
@Command(name = "envelope", mixinStandardHelpOptions = true,
        description = "Loss envelope (Chinchilla Approach 1): the least-loss checkpoint per compute bin, then N_opt = k C^a, D_opt = k' C^b.",
        footer = {"", "Columns: N, D (tokens seen at the checkpoint), the target (default loss) and C when present.",
                "", "Example:", "  slaw plan envelope examples/misfitting/scaling_results.csv --bins-per-decade 5 --plot envelope.png"})
public final class EnvelopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of checkpoints.")
    String source;

    @Mixin
    DataOptions data;

    @Option(names = "--target", defaultValue = "loss", description = "The loss column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--compute-column", defaultValue = "C", description = "Compute column; else from --flops (default: ${DEFAULT-VALUE}).")
    String computeColumn;

    @Option(names = "--flops", defaultValue = "6*N*D", description = "Training FLOPs (default: ${DEFAULT-VALUE}).")
    String flops;

    @Option(names = "--bins-per-decade", defaultValue = "10", description = "Compute bins per decade (default: ${DEFAULT-VALUE}).")
    int binsPerDecade;

    @Option(names = "--level", defaultValue = "0.95", description = "Interval level (default: ${DEFAULT-VALUE}).")
    double level;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        boolean csv = output.csv();
        Assignments.requireLevel(level);
        LoadedDataset loaded = data.load(source);
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
        PrintWriter out = spec.commandLine().getOut();
        if (csv || output.json) {
            printDocument(out, d, r, csv);
            out.flush();
            plot.writeAndReport(() -> PlanPlots.envelope(r, computeFlops, d.column(target)), null);
            return 0;
        }
        out.println("Loss envelope (Hoffmann et al. 2022, Approach 1) of " + d.source());
        out.println("  " + d.rowCount() + " checkpoints, " + binsPerDecade + " compute bins per decade, "
                + r.points().size() + " non-empty");
        out.println();
        List<List<String>> table = new ArrayList<>();
        for (LossEnvelope.Point p : r.points()) {
            table.add(List.of(Formats.sci(p.computeFlops()), Formats.sci(p.parameterCount()),
                    Formats.sci(p.tokenCount()), Formats.num(p.tokenCount() / p.parameterCount()),
                    String.format(Locale.ROOT, "%.4f", p.loss())));
        }
        out.print(new Table(List.of("C (FLOPs)", "N", "D", "D/N", "loss"), table).text());
        out.println();
        out.println("N_opt = " + PlanDocuments.text(r.parameters(), null));
        out.println("D_opt = " + PlanDocuments.text(r.tokens(), null));
        out.println("  [regression t intervals over the envelope points]");
        out.flush();
        plot.writeAndReport(() -> PlanPlots.envelope(r, computeFlops, d.column(target)), out);
        return 0;
    }

    /** The envelope's points as CSV, or the whole result as JSON. */
    private void printDocument(PrintWriter out, Dataset d, LossEnvelope.Result r, boolean csv) {
        if (csv) {
            List<List<String>> rows = new ArrayList<>();
            for (LossEnvelope.Point p : r.points()) {
                rows.add(List.of(Double.toString(p.computeFlops()), Double.toString(p.parameterCount()),
                        Double.toString(p.tokenCount()), Double.toString(p.loss())));
            }
            out.print(new Table(List.of("compute_flops", "parameter_count", "token_count", "loss"), rows).csv());
        } else {
            JsonObject root = new JsonObject();
            root.put("source", d.source());
            root.put("checkpoints", d.rowCount());
            root.put("bins_per_decade", binsPerDecade);
            JsonArray pts = root.putArray("points");
            for (LossEnvelope.Point p : r.points()) {
                pts.addObject().put("compute_flops", p.computeFlops()).put("parameter_count", p.parameterCount())
                        .put("token_count", p.tokenCount()).put("loss", p.loss());
            }
            root.put("parameter_law", PlanDocuments.json(r.parameters(), null));
            root.put("token_law", PlanDocuments.json(r.tokens(), null));
            out.println(root);
        }
    }
}
