package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.plots.FitPlot;
import dev.slaw.report.plots.FitPlotOptions;
import dev.slaw.report.plots.PlanPlots;
import dev.slaw.report.plots.PredictionInterval;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture options of commands that fit ({@code fit}, {@code report}, {@code bootstrap}), as
 * a picocli mixin: the shared {@link PlotOptions}, which variable goes along x
 * ({@code --plot-x}), which column splits the rows into curves ({@code --plot-group}; default
 * the dataset's {@code --group}, else the law's other variable), and the compute-optimal
 * frontier of a law in N and D ({@code --frontier-plot}).
 */
public class FitPlotSettings {
    @Mixin
    PlotOptions plot = new PlotOptions();

    @Option(names = "--frontier-plot", paramLabel = "FILE",
            description = "For a law in N and D: draw the compute-optimal frontier N_opt(C), D_opt(C) (C = 6ND) to a"
                    + " .png or .svg file.")
    Path frontierPlot;

    @Option(names = "--plot-x", paramLabel = "VAR",
            description = "Law variable along x (default: the law's last variable, e.g. D).")
    String xVariable;

    @Option(names = "--plot-group", paramLabel = "COLUMN",
            description = "Column whose values give one curve each (default: --group, else the law's other variable, binned).")
    String groupColumn;

    /** The fit plot layout asked for. */
    public FitPlotOptions fitPlotOptions(LoadedDataset loaded) {
        FitPlotOptions o = FitPlotOptions.defaults().withXVariable(xVariable)
                .withSourceNames(loaded.recipe().mappings());
        String group = groupColumn != null ? groupColumn : loaded.group().orElse(null);
        return group == null ? o : o.withGroupColumn(group);
    }

    /**
     * Writes the fit plot of a fit on the rows it used to {@code --plot} (with {@code interval}
     * shaded when not null), and its frontier to {@code --frontier-plot}, when asked; returns
     * the files written.
     *
     * @throws dev.slaw.data.BadInputException when a frontier is asked of a law not in N and D
     */
    public List<Path> writeFitPlots(Fit fit, Dataset rows, LoadedDataset loaded, PredictionInterval interval)
            throws IOException {
        List<Path> written = new ArrayList<>();
        if (plot.requested()) {
            plot.write(FitPlot.chart(fit, rows, fitPlotOptions(loaded), interval)).ifPresent(written::add);
        }
        if (frontierPlot != null) {
            ChartRenderer.write(plot.titled(PlanPlots.frontierOverDataChart(fit, rows)),
                    plot.chartSize(), Outputs.staged(frontierPlot));
            written.add(frontierPlot);
        }
        return written;
    }
    /**
     * Writes the plot of a grouped fit (each group's curve from its own fit) to {@code --plot},
     * when asked; a frontier belongs to one fit, so {@code --frontier-plot} is refused.
     */
    public List<Path> writeGroupedFitPlot(dev.slaw.fit.GroupedFit grouped, Dataset rows, LoadedDataset loaded)
            throws IOException {
        if (frontierPlot != null) {
            throw new dev.slaw.data.BadInputException("--frontier-plot draws one fit's frontier; with --group, plan one group "
                    + "from the saved fit: slaw plan FIT.json " + grouped.groupColumn() + "=VALUE ...");
        }
        List<Path> written = new ArrayList<>();
        if (plot.requested()) {
            List<String> groups = List.of(GroupedFits.groupOfRows(loaded, rows));
            plot.write(dev.slaw.report.plots.GroupedFitPlot.chart(grouped, rows, groups,
                    FitPlotOptions.defaults().withXVariable(xVariable))).ifPresent(written::add);
        }
        return written;
    }
}
