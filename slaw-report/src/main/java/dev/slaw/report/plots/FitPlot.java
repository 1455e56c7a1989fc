package dev.slaw.report.plots;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.law.Target;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.AxisTicks;
import dev.slaw.report.chart.Band;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted law against its data: the target against one law variable, one curve per group of
 * rows, the law solid over each group's data and dashed beyond it, an interval shaded when one
 * is given; and the residuals against the fitted values.
 *
 * <p>Along a group's curve the law's other variables follow the group's own trend: a straight
 * line in log-log space fitted to the group's rows by least squares. That is exact for the two
 * common designs, a fixed model size trained on more tokens (the other variable is constant)
 * and an IsoFLOP profile (log D falls linearly with log N), and a fair summary of the rest.
 */
public final class FitPlot {
    private static final int CURVE_POINTS = 80;
    private static final int EXTRAPOLATION_POINTS = 30;

    private FitPlot() {
    }

    /**
     * A group of rows and the law's curve through them.
     *
     * @param label  the legend entry, e.g. {@code N 4.4e7–1.1e8}
     * @param colour palette index
     * @param rows   indices of the group's rows in the dataset
     * @param within the curve's points over the group's x range (a column per law variable)
     * @param beyond the curve's points past the group's largest x (empty without extrapolation)
     */
    public record Group(String label, int colour, int[] rows, Dataset within, Dataset beyond) {
        public Group {
            rows = rows.clone();
        }

        @Override
        public int[] rows() {
            return rows.clone();
        }
    }

    /**
     * Where a fit plot puts things: which variable is along x, and the groups with their curves.
     * A bootstrap can evaluate its replicates at {@link Group#within()} and {@link Group#beyond()}.
     *
     * @param xVariable the law variable along x
     * @param groups    the groups, in legend order
     * @param sample    the rows drawn as points: all of them up to {@value PlotSample#LIMIT}, else a
     *                  sample that keeps each group's extremes of x and the target
     */
    public record Layout(String xVariable, List<Group> groups, PlotSample sample) {
        public Layout {
            groups = List.copyOf(groups);
        }
    }

    /** Chooses the x variable and the groups, and the points each group's curve passes through. */
    public static Layout layout(Fit fit, Dataset data, FitPlotOptions options) {
        List<String> vars = fit.law().variables();
        if (vars.isEmpty()) {
            throw new BadInputException("law " + fit.law().name() + " has no variables to plot against");
        }
        String x = options.xVariable() != null ? options.xVariable() : vars.get(vars.size() - 1);
        if (!vars.contains(x)) {
            throw new BadInputException("cannot plot against " + x + ": law " + fit.law().name() + " reads "
                    + String.join(", ", vars));
        }
        double[] xs = data.column(x);
        double[] ys = data.hasColumn(fit.target()) ? data.column(fit.target()) : xs;
        List<RowGroup> rowGroups = groups(fit, data, options, x);
        List<Group> out = new ArrayList<>();
        List<int[]> kept = new ArrayList<>();
        for (int g = 0; g < rowGroups.size(); g++) {
            RowGroup rg = rowGroups.get(g);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i : rg.rows) {
                lo = Math.min(lo, xs[i]);
                hi = Math.max(hi, xs[i]);
            }
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                continue;
            }
            boolean logX = lo > 0;
            double[] grid = grid(lo, hi, CURVE_POINTS, logX);
            double[] gridBeyond = options.extrapolateFactor() > 1 && hi > 0
                    ? grid(hi, hi * options.extrapolateFactor(), EXTRAPOLATION_POINTS, true) : new double[0];
            Map<String, double[]> within = new LinkedHashMap<>();
            Map<String, double[]> beyond = new LinkedHashMap<>();
            for (String v : vars) {
                if (v.equals(x)) {
                    within.put(v, grid);
                    beyond.put(v, gridBeyond);
                } else {
                    Trend t = Trend.of(xs, data.column(v), rg.rows);
                    within.put(v, t.at(grid));
                    beyond.put(v, t.at(gridBeyond));
                }
            }
            out.add(new Group(rg.label, g, rg.rows, Dataset.of("fit plot curve", within),
                    Dataset.of("fit plot extrapolation", beyond)));
            kept.add(PlotSample.extremes(rg.rows, xs, ys));
        }
        return new Layout(x, out, PlotSample.of(data.rowCount(), PlotSample.LIMIT, concat(kept)));
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /** The fit plot without an interval. */
    public static Chart chart(Fit fit, Dataset data, FitPlotOptions options) {
        return chart(fit, data, options, null);
    }

    /**
     * The fit plot: data as points, the law as lines, the extrapolation dashed, and the interval
     * (when not null) shaded over both.
     */
    public static Chart chart(Fit fit, Dataset data, FitPlotOptions options, PredictionInterval interval) {
        return sampledChart(fit, data, options, interval).chart();
    }

    /** The fit plot ({@link #chart}) with the rows it draws. */
    public static SampledChart sampledChart(Fit fit, Dataset data, FitPlotOptions options, PredictionInterval interval) {
        Layout layout = layout(fit, data, options);
        double[] xs = data.column(layout.xVariable());
        double[] ys = data.column(fit.target());
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        boolean first = true;
        double xMin = Double.POSITIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Group g : layout.groups()) {
            int[] rows = layout.sample().shown(g.rows());
            double[] gx = new double[rows.length];
            double[] gy = new double[gx.length];
            for (int k = 0; k < gx.length; k++) {
                gx[k] = xs[rows[k]];
                gy[k] = ys[rows[k]];
                xMin = Math.min(xMin, gx[k]);
                yMin = Math.min(yMin, gy[k]);
                yMax = Math.max(yMax, gy[k]);
            }
            points.add(Series.points(g.label(), gx, gy, g.colour()));
            double[] cx = g.within().column(layout.xVariable());
            Series line = new Series(first ? "fitted law" : "law " + g.label(), cx, fit.predict(g.within()), Mark.LINE,
                    g.colour(), first);
            lines.add(line);
            if (g.beyond().rowCount() > 0) {
                lines.add(new Series(first ? "extrapolation" : "extrapolation " + g.label(),
                        g.beyond().column(layout.xVariable()), fit.predict(g.beyond()), Mark.DASHED_LINE, g.colour(), first));
            }
            if (interval != null) {
                bands.add(band(interval, g.within(), layout.xVariable(), g));
                if (g.beyond().rowCount() > 0) {
                    bands.add(band(interval, g.beyond(), layout.xVariable(), g));
                }
            }
            first = false;
        }
        List<Series> all = new ArrayList<>(lines);
        double xMax = Arrays.stream(xs).filter(Double::isFinite).max().orElse(Double.NaN);
        if (layout.groups().stream().anyMatch(g -> g.beyond().rowCount() > 0) && yMin <= yMax) {
            // where the data end and extrapolation begins, for every group at once
            all.add(new Series("end of data (largest " + layout.xVariable() + " = " + AxisTicks.label(xMax) + ")",
                    new double[]{xMax, xMax}, new double[]{yMin, yMax}, Mark.DASHED_LINE, 9, true));
        }
        // points last so the data sit on top of the curves
        all.addAll(points);
        boolean logX = xMin > 0 && spread(xs) >= 10;
        boolean logY = yMin > 0 && yMax / yMin >= 10;
        String xTitle = title(fit, layout.xVariable(), options);
        String yTitle = options.sourceNames().containsKey(fit.target())
                ? options.sourceNames().get(fit.target()) + " (" + fit.target() + ")" : fit.target();
        Axis xAxis = logX ? Axis.log(xTitle) : Axis.linear(xTitle);
        Axis yAxis = logY ? Axis.log(yTitle) : Axis.linear(yTitle);
        String title = fit.law().name() + ": " + fit + shownOf(layout.sample());
        return new SampledChart(new Chart(title, xAxis, yAxis, all, bands, Map.of()), layout.sample());
    }

    /**
     * Residuals against fitted values, on the scale the fit minimised ({@code log y - log f}
     * for a log target), coloured by the same groups as the fit plot, with the zero line.
     */
    public static Chart residuals(Fit fit, Dataset data, FitPlotOptions options) {
        return sampledResiduals(fit, data, options).chart();
    }

    /**
     * A picture of data and the rows of the data it draws.
     *
     * @param chart  the picture
     * @param sample the rows drawn, for a caption ({@link PlotSample#caption})
     */
    public record SampledChart(Chart chart, PlotSample sample) {
    }

    /** The residual plot ({@link #residuals}) with the rows it draws. */
    public static SampledChart sampledResiduals(Fit fit, Dataset data, FitPlotOptions options) {
        Layout layout = layout(fit, data, options);
        double[] f = fit.predict(data);
        double[] residual = residuals(fit, data, f);
        PlotSample sample = residualSample(layout, f, residual);
        boolean log = fit.law().target() == Target.LOG;
        List<Series> series = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Group g : layout.groups()) {
            int[] rows = sample.shown(g.rows());
            double[] fx = new double[rows.length];
            double[] r = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                fx[k] = f[i];
                r[k] = residual[i];
                lo = Math.min(lo, f[i]);
                hi = Math.max(hi, f[i]);
            }
            series.add(Series.points(g.label(), fx, r, g.colour()));
        }
        List<Series> all = new ArrayList<>();
        if (lo <= hi) {
            all.add(new Series("zero", new double[]{lo, hi}, new double[]{0, 0}, Mark.DASHED_LINE, 9, false));
        }
        all.addAll(series);
        String yTitle = log ? "residual: log " + fit.target() + " - log fit" : "residual: " + fit.target() + " - fit";
        return new SampledChart(Chart.of("Residuals of " + fit.law().name() + " (" + data.rowCount() + " rows"
                + shownOf(sample) + ")", Axis.linear("fitted " + fit.target()), Axis.linear(yTitle), all), sample);
    }

    private static double[] residuals(Fit fit, Dataset data, double[] fitted) {
        double[] y = data.column(fit.target());
        boolean log = fit.law().target() == Target.LOG;
        double[] residual = new double[fitted.length];
        for (int i = 0; i < fitted.length; i++) {
            residual[i] = log ? Math.log(y[i]) - Math.log(fitted[i]) : y[i] - fitted[i];
        }
        return residual;
    }

    /**
     * The rows a residual plot draws: the fit plot's sample, plus each group's largest residuals
     * either way and its extremes of the fitted value, since the outliers are what a residual
     * plot is for.
     */
    private static PlotSample residualSample(Layout layout, double[] fitted, double[] residual) {
        if (layout.sample().isComplete()) {
            return layout.sample();
        }
        List<int[]> kept = new ArrayList<>();
        for (Group g : layout.groups()) {
            kept.add(PlotSample.extremes(g.rows(), fitted, residual));
            kept.add(layout.sample().shown(g.rows()));
        }
        return PlotSample.of(fitted.length, PlotSample.LIMIT, concat(kept));
    }

    /** A title's note of a sample: empty, or {@code ; 4,000 of 2,000,000 rows shown}. */
    static String shownOf(PlotSample sample) {
        return sample.isComplete() ? ""
                : String.format(java.util.Locale.ROOT, "; %,d of %,d rows shown", sample.count(), sample.total());
    }

    private static Band band(PredictionInterval interval, Dataset points, String x, Group g) {
        PredictionInterval.Interval iv = interval.at(points);
        // one legend entry for every group's band: what kind of interval, at what level
        return new Band(interval.label(), points.column(x), iv.lower(), iv.upper(), g.colour());
    }

    private static String title(Fit fit, String variable, FitPlotOptions options) {
        String source = options.sourceNames().get(variable);
        if (source != null && !source.equals(variable)) {
            // the reader's own column name says more than the law's generic "the scale variable"
            return source + " (" + variable + ")";
        }
        String meaning = fit.law().metadata().variables().get(variable);
        return meaning == null || meaning.isBlank() ? variable : meaning + " " + variable;
    }

    private static double spread(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return hi / lo;
    }

    private static double[] grid(double lo, double hi, int n, boolean log) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double t = n == 1 ? 0 : (double) i / (n - 1);
            g[i] = log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
        }
        return g;
    }

    /** Rows of one group with its legend label. */
    private record RowGroup(String label, int[] rows) {
    }

    private static List<RowGroup> groups(Fit fit, Dataset data, FitPlotOptions options, String x) {
        int n = data.rowCount();
        if (!options.groupLabels().isEmpty()) {
            if (options.groupLabels().size() != n) {
                throw new IllegalArgumentException("group labels: " + options.groupLabels().size() + " for " + n + " rows");
            }
            return byText(options.groupLabels().toArray(new String[0]), "");
        }
        String column = options.groupColumn();
        if (column == null) {
            for (String v : fit.law().variables()) {
                if (!v.equals(x)) {
                    column = v;
                    break;
                }
            }
        }
        if (column == null) {
            return List.of(new RowGroup("data", indices(n)));
        }
        if (!data.hasColumn(column)) {
            if (data.label(column).isPresent()) {
                return byText(data.label(column).get(), column + " ");
            }
            throw new BadInputException("cannot group the plot by " + column + ": no such column (columns: "
                    + String.join(", ", data.columnNames()) + ")");
        }
        double[] values = data.column(column);
        // sorted values, not a map of boxed rows: a table of two million runs has two million sizes
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int distinct = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            if (Double.compare(sorted[i], sorted[i - 1]) != 0) {
                distinct++;
            }
        }
        List<Double> upper = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (distinct <= options.maxGroups()) {
            for (int i = 0; i < n; i++) {
                if (i == n - 1 || Double.compare(sorted[i], sorted[i + 1]) != 0) {
                    upper.add(sorted[i]);
                    labels.add(column + " = " + AxisTicks.label(sorted[i]));
                }
            }
        } else {
            // too many distinct values (every run its own size): equal-count bins over the sorted values
            int bins = options.maxGroups();
            int start = 0;
            for (int b = 0; b < bins; b++) {
                int end = (int) Math.round((double) n * (b + 1) / bins);
                // rows with equal values stay in one bin
                while (end < n && end > 0 && Double.compare(sorted[end], sorted[end - 1]) == 0) {
                    end++;
                }
                if (end <= start) {
                    continue;
                }
                double lo = sorted[start];
                double hi = sorted[end - 1];
                upper.add(hi);
                labels.add(lo == hi ? column + " = " + AxisTicks.label(lo)
                        : column + " " + AxisTicks.label(lo) + "–" + AxisTicks.label(hi));
                start = end;
            }
        }
        return byUpperBound(values, upper, labels);
    }

    /**
     * Rows put into the groups whose values run up to {@code upper} (ascending, inclusive), each
     * group's rows in table order.
     */
    private static List<RowGroup> byUpperBound(double[] values, List<Double> upper, List<String> labels) {
        double[] bounds = upper.stream().mapToDouble(Double::doubleValue).toArray();
        int[] groupOf = new int[values.length];
        int[] sizes = new int[bounds.length];
        for (int i = 0; i < values.length; i++) {
            int at = Arrays.binarySearch(bounds, values[i]);
            groupOf[i] = at >= 0 ? at : -at - 1;
            sizes[groupOf[i]]++;
        }
        int[][] rows = new int[bounds.length][];
        for (int g = 0; g < bounds.length; g++) {
            rows[g] = new int[sizes[g]];
        }
        int[] filled = new int[bounds.length];
        for (int i = 0; i < values.length; i++) {
            rows[groupOf[i]][filled[groupOf[i]]++] = i;
        }
        List<RowGroup> out = new ArrayList<>();
        for (int g = 0; g < bounds.length; g++) {
            out.add(new RowGroup(labels.get(g), rows[g]));
        }
        return out;
    }

    private static List<RowGroup> byText(String[] labels, String prefix) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            m.computeIfAbsent(labels[i] == null ? "(none)" : labels[i], k -> new ArrayList<>()).add(i);
        }
        List<RowGroup> out = new ArrayList<>();
        m.forEach((k, rows) -> out.add(new RowGroup(prefix + k, toArray(rows))));
        return out;
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] indices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * How another variable moves along x within a group: {@code v = exp(a + b log x)} when both
     * are positive, else {@code v = a + b x}; a constant when x does not vary.
     */
    private record Trend(boolean log, double intercept, double slope) {
        static Trend of(double[] x, double[] v, int[] rows) {
            boolean positive = true;
            for (int i : rows) {
                positive &= x[i] > 0 && v[i] > 0;
            }
            double sx = 0;
            double sv = 0;
            for (int i : rows) {
                sx += positive ? Math.log(x[i]) : x[i];
                sv += positive ? Math.log(v[i]) : v[i];
            }
            double mx = sx / rows.length;
            double mv = sv / rows.length;
            double sxx = 0;
            double sxv = 0;
            for (int i : rows) {
                double dx = (positive ? Math.log(x[i]) : x[i]) - mx;
                double dv = (positive ? Math.log(v[i]) : v[i]) - mv;
                sxx += dx * dx;
                sxv += dx * dv;
            }
            double slope = sxx > 1e-12 * Math.max(1, mx * mx) ? sxv / sxx : 0;
            return new Trend(positive, mv - slope * mx, slope);
        }

        double[] at(double[] xs) {
            double[] out = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                out[i] = log ? Math.exp(intercept + slope * Math.log(xs[i])) : intercept + slope * xs[i];
            }
            return out;
        }
    }
}
