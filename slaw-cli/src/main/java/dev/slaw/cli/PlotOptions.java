package dev.slaw.cli;

import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Figure;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The picture options every command with a result worth seeing shares, as a picocli mixin:
 * {@code --plot FILE.png|svg}, {@code --plot-size WxH} (of each panel) and {@code --title}.
 * A command builds its picture and hands it to {@link #write}; without {@code --plot} that
 * does nothing, so the picture is only built when asked for ({@link #requested}).
 */
public class PlotOptions {
    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the result to a .png or .svg file (.json: the numbers drawn).")
    Path plot;

    @Option(names = "--plot-size", paramLabel = "WxH", defaultValue = "900x600",
            description = "Plot size in pixels, of each panel of a several-panel picture (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--title", paramLabel = "TEXT", description = "Plot (and report) title instead of the default.")
    String title;

    /** Whether {@code --plot} was given. */
    public boolean requested() {
        return plot != null;
    }

    /** The chart (or panel) size asked for. */
    public ChartSize chartSize() {
        return ChartSize.parse(size);
    }

    /** The chart under {@code --title} when one was given. */
    public Chart titled(Chart chart) {
        return title == null ? chart : chart.withTitle(title);
    }

    /** Writes a chart to {@code --plot} when given; returns the file written. */
    public Optional<Path> write(Chart chart) throws IOException {
        return write(Figure.of(chart));
    }

    /** Writes a figure to {@code --plot} when given, {@code --title} on its first panel; returns the file written. */
    public Optional<Path> write(Figure figure) throws IOException {
        if (plot == null) {
            return Optional.empty();
        }
        ChartRenderer.write(title == null ? figure : figure.withTitle(title), chartSize(), Outputs.staged(plot));
        return Optional.of(plot);
    }

    /**
     * Writes the picture built by {@code picture} to {@code --plot} when given, and says so on
     * {@code out} (a command printing JSON passes null, to keep its output parseable).
     */
    public void writeAndReport(PictureSource picture, PrintWriter out) throws IOException {
        if (plot == null) {
            return;
        }
        write(picture.figure());
        if (out != null) {
            Outputs.say(out, "plotted " + plot);
        }
    }

    /** Builds a command's picture on demand (only when {@code --plot} is given). */
    @FunctionalInterface
    public interface PictureSource {
        Figure figure() throws IOException;
    }
}
