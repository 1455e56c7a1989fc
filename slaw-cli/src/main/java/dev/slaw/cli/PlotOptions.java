package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.plots.FitPlot;
import dev.slaw.report.plots.ClosedFormFrontier;
import dev.slaw.report.plots.FitPlotOptions;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The picture options every command with a result worth seeing shares, as a picocli mixin:
 * {@code --plot FILE.png|svg}, {@code --plot-size WxH}, {@code --title}, and for fits which
 * variable goes along x ({@code --plot-x}) and which column splits the rows into curves
 * ({@code --plot-group}; default the dataset's {@code --group}, else the law's other variable).
 */
public class PlotOptions {
    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the result to a .png or .svg file.")
    Path plot;

    @Option(names = "--frontier-plot", paramLabel = "FILE",
            description = "For a Chinchilla-form fit (E, A, B, alpha, beta over N, D): draw the compute-optimal frontier"
                    + " N_opt(C), D_opt(C) in closed form to a .png or .svg file.")
    Path frontierPlot;

    @Option(names = "--plot-size", paramLabel = "WxH", defaultValue = "900x600",
            description = "Plot size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--title", paramLabel = "TEXT", description = "Plot (and report) title instead of the default.")
    String title;

    @Option(names = "--plot-x", paramLabel = "VAR",
            description = "Law variable along x (default: the law's last variable, e.g. D).")
    String xVariable;

    @Option(names = "--plot-group", paramLabel = "COLUMN",
            description = "Column whose values give one curve each (default: --group, else the law's other variable, binned).")
    String groupColumn;

    /** The chart size asked for. */
    public ChartSize chartSize() {
        return ChartSize.parse(size);
    }

    /** The fit plot layout asked for. */
    public FitPlotOptions fitPlotOptions(LoadedDataset loaded) {
        FitPlotOptions o = FitPlotOptions.defaults().withXVariable(xVariable);
        String group = groupColumn != null ? groupColumn : loaded.group().orElse(null);
        return group == null ? o : o.withGroupColumn(group);
    }

    /** The chart under {@code --title} when one was given. */
    public Chart titled(Chart chart) {
        return title == null ? chart : chart.withTitle(title);
    }

    /** Writes any chart to {@code --plot} when given; returns the file written. */
    public Optional<Path> write(Chart chart) throws IOException {
        if (plot == null) {
            return Optional.empty();
        }
        ChartRenderer.write(titled(chart), chartSize(), plot);
        return Optional.of(plot);
    }

    /**
     * Writes the fit plot of a fit on the rows it used to {@code --plot}, and its closed-form
     * frontier to {@code --frontier-plot}, when asked; returns the files written.
     *
     * @throws BadInputException when a frontier is asked of a law that has no closed form here
     */
    public List<Path> writeFitPlots(Fit fit, Dataset rows, LoadedDataset loaded) throws IOException {
        List<Path> written = new ArrayList<>();
        if (plot != null) {
            write(FitPlot.chart(fit, rows, fitPlotOptions(loaded))).ifPresent(written::add);
        }
        if (frontierPlot != null) {
            if (!ClosedFormFrontier.applies(fit, rows)) {
                throw new BadInputException("--frontier-plot needs a Chinchilla-form law (E, A, B, alpha, beta over N"
                        + " and D); " + fit.law().name() + " is not one");
            }
            ChartRenderer.write(titled(PlanPlots.frontier(ClosedFormFrontier.overData(fit, rows, 60), List.of())),
                    chartSize(), frontierPlot);
            written.add(frontierPlot);
        }
        return written;
    }
}
