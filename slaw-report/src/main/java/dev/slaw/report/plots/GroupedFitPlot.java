package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.GroupedFit;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A grouped fit against its data: each group's points and, in the same colour, the curve of that
 * group's own fit (solid over its data, dashed beyond), laid out as {@link FitPlot} lays out
 * one fit.
 */
public final class GroupedFitPlot {
    private GroupedFitPlot() {
    }

    /**
     * The chart of a grouped fit.
     *
     * @param grouped    the fits
     * @param data       the rows fitted
     * @param groupOfRow each row's group, as the grouped fit names it
     * @param options    the x variable and extrapolation (the grouping comes from {@code groupOfRow})
     */
    public static Chart chart(GroupedFit grouped, Dataset data, List<String> groupOfRow, FitPlotOptions options) {
        Fit first = grouped.fits().values().iterator().next();
        FitPlot.Layout layout = layout(grouped, data, groupOfRow, options);
        String x = layout.xVariable();
        double[] xs = data.column(x);
        double[] ys = data.column(grouped.target());
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        // the legend in the grouped fit's order (numeric groups by value), not the table's
        List<FitPlot.Group> ordered = new ArrayList<>(layout.groups());
        List<String> order = grouped.groups();
        ordered.sort(java.util.Comparator.comparingInt(g -> order.indexOf(g.label())));
        for (FitPlot.Group g : ordered) {
            Fit fit = grouped.fit(g.label());
            int[] rows = layout.sample().shown(g.rows());
            double[] gx = new double[rows.length];
            double[] gy = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                gx[k] = xs[rows[k]];
                gy[k] = ys[rows[k]];
            }
            String label = grouped.groupColumn() + " = " + g.label();
            points.add(Series.points(label, gx, gy, g.colour()));
            lines.add(new Series("law " + label, g.within().column(x), fit.predict(g.within()), Mark.LINE, g.colour(),
                    false));
            if (g.beyond().rowCount() > 0) {
                lines.add(new Series("extrapolation " + label, g.beyond().column(x), fit.predict(g.beyond()),
                        Mark.DASHED_LINE, g.colour(), false));
            }
        }
        List<Series> all = new ArrayList<>(lines);
        // points last so the data sit on top of the curves
        all.addAll(points);
        double xMin = Arrays.stream(xs).min().orElse(0);
        double xMax = Arrays.stream(xs).max().orElse(0);
        double yMin = Arrays.stream(ys).min().orElse(0);
        double yMax = Arrays.stream(ys).max().orElse(0);
        String meaning = first.law().metadata().variables().get(x);
        String xTitle = meaning == null || meaning.isBlank() ? x : meaning + " " + x;
        Axis xAxis = xMin > 0 && xMax / xMin >= 10 ? Axis.log(xTitle) : Axis.linear(xTitle);
        Axis yAxis = yMin > 0 && yMax / yMin >= 10 ? Axis.log(grouped.target()) : Axis.linear(grouped.target());
        String title = first.law().name() + ", one fit per " + grouped.groupColumn()
                + (grouped.shared().isEmpty() ? "" : " (shared " + String.join(", ", grouped.shared()) + ")")
                + FitPlot.shownOf(layout.sample());
        return new Chart(title, xAxis, yAxis, all, List.of(), Map.of());
    }

    /** The rows {@link #chart} draws as points, with the same arguments. */
    public static PlotSample sample(GroupedFit grouped, Dataset data, List<String> groupOfRow, FitPlotOptions options) {
        return layout(grouped, data, groupOfRow, options).sample();
    }

    private static FitPlot.Layout layout(GroupedFit grouped, Dataset data, List<String> groupOfRow,
                                         FitPlotOptions options) {
        return FitPlot.layout(grouped.fits().values().iterator().next(), data, options.withGroupLabels(groupOfRow));
    }
}
