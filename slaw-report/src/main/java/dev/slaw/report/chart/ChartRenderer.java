package dev.slaw.report.chart;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.slaw.data.BadInputException;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Chart} with XChart: to an {@link XYChart} (the model tests inspect), to PNG
 * bytes, to SVG text, or to a file chosen by its extension. Runs headless.
 */
public final class ChartRenderer {
    static {
        // charts are drawn on servers and in CI: never ask for a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Tick label font size in points; {@link AxisTicks} spaces labels by it. */
    static final int TICK_FONT_SIZE = 13;
    /**
     * Tableau 10 (distinguishable, and still readable for the common forms of colour blindness),
     * then ten more of Tableau 20's colours unlike any of the first ten, so a picture of up to 19
     * groups (index 9, grey, is kept for reference marks) gives each group its own colour.
     */
    private static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
            new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
            new Color(0xA0CBE8), new Color(0xFFBE7D), new Color(0x8CD17D), new Color(0xB6992D), new Color(0x499894),
            new Color(0x79706E), new Color(0xD37295), new Color(0xD4A6C8), new Color(0x2F4B7C), new Color(0x7F3B08)};
    /** Legend entries are broken into lines of about this many characters. */
    private static final int WRAP_AT = 32;
    /** Legend entries longer than this (four lines or more) go below the plot, where they have the chart's width. */
    private static final int LONG_LEGEND_ENTRY = 3 * WRAP_AT;
    /** How many distinct colours the palette has. */
    public static final int COLOURS = 20;
    private static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[]{7f, 5f}, 0f);
    private static final double DASH_ON = 9;
    private static final double DASH_OFF = 6;
    /** Pixels of a chart's width taken by the y axis labels and the legend, for tick spacing. */
    private static final int X_AXIS_RESERVE = 260;
    /** Pixels of a chart's height taken by the title, the x axis labels and its title. */
    private static final int Y_AXIS_RESERVE = 130;

    private ChartRenderer() {
    }

    /** The colour of a palette index (indices wrap around). */
    public static Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /**
     * The XChart model of a chart at a size, ready to paint: an {@link XYChart}, or a
     * {@link CategoryChart} when the chart names categories along x.
     */
    public static AxesChart<?, ?> toXChart(Chart chart, ChartSize size) {
        if (!chart.categories().isEmpty()) {
            return toCategoryChart(chart, size);
        }
        chart = withReadableLinearAxes(chart);
        XYChart x = new XYChart(size.width(), size.height());
        x.setTitle(chart.title());
        x.setXAxisTitle(chart.x().title());
        x.setYAxisTitle(chart.y().title());
        XYStyler s = x.getStyler();
        style(s);
        int total = chart.series().stream().mapToInt(Series::size).sum();
        s.setMarkerSize(total > 2000 ? 4 : 7);
        boolean anyInLegend = chart.series().stream().anyMatch(Series::inLegend) || !chart.bands().isEmpty();
        s.setLegendVisible(anyInLegend);
        if (!anyInLegend) {
            s.setChartPadding(12);
        }
        boolean legendBelow = legendBelow(chart);
        if (legendBelow) {
            s.setLegendPosition(Styler.LegendPosition.OutsideS);
            s.setLegendLayout(Styler.LegendLayout.Vertical);
        }
        double xLength = size.width() - (anyInLegend && !legendBelow ? X_AXIS_RESERVE : X_AXIS_RESERVE - 150);
        double yLength = size.height() - Y_AXIS_RESERVE - (legendBelow ? 20 * legendEntries(chart) : 0);
        Range xRange = Range.of(chart, true);
        Range yRange = Range.of(chart, false);
        Span xSpan = configureAxis(s, chart.x(), xRange, xLength, true);
        Span ySpan = configureAxis(s, chart.y(), yRange, yLength, false);
        // a long title (a fitted law with its numbers) is set smaller rather than cut at both ends
        int titleSize = (int) Math.max(10, Math.min(16, (size.width() - X_AXIS_RESERVE) / (0.6 * Math.max(1, chart.title().length()))));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        Set<String> names = new HashSet<>();
        Set<String> bandsInLegend = new HashSet<>();
        for (Band b : chart.bands()) {
            addBand(x, chart, b, names, bandsInLegend);
        }
        for (Series series : chart.series()) {
            addSeries(x, chart, series, names, total, new Span[]{xSpan.scaled(xLength), ySpan.scaled(yLength)});
        }
        return x;
    }

    /**
     * A chart of values per named choice. Series x values are category positions 0..n-1; every
     * series must give a value for every category (XChart draws categories, not positions).
     */
    private static CategoryChart toCategoryChart(Chart chart, ChartSize size) {
        CategoryChart c = new CategoryChart(size.width(), size.height());
        c.setTitle(chart.title());
        c.setXAxisTitle(chart.x().title());
        c.setYAxisTitle(chart.y().title());
        CategoryStyler s = c.getStyler();
        style(s);
        s.setMarkerSize(10);
        s.setOverlapped(true);
        s.setLegendVisible(chart.series().stream().anyMatch(Series::inLegend));
        int n = chart.categories().size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(chart.categories().getOrDefault(i, Integer.toString(i)));
        }
        if (names.stream().mapToInt(String::length).sum() * 0.6 * TICK_FONT_SIZE > size.width() - X_AXIS_RESERVE) {
            // upright labels need the width of a line each, not of their text: every choice is named
            s.setXAxisLabelRotation(90);
            s.setXAxisTickMarkSpacingHint(1);
            s.setXAxisMaxLabelCount(n);
        }
        configureAxis(s, chart.y(), Range.of(chart, false), size.height() - Y_AXIS_RESERVE, false);
        Set<String> used = new HashSet<>();
        for (Series series : chart.series()) {
            double[] sx = series.x();
            double[] sy = series.y();
            List<Double> values = new ArrayList<>(java.util.Collections.nCopies(n, Double.NaN));
            for (int i = 0; i < sx.length; i++) {
                int k = (int) Math.round(sx[i]);
                if (k >= 0 && k < n) {
                    values.set(k, sy[i]);
                }
            }
            CategorySeries cs = c.addSeries(unique(series.label(), used), names, values);
            Color col = colour(series.colour());
            cs.setShowInLegend(series.inLegend());
            switch (series.mark()) {
                case LINE, DASHED_LINE -> {
                    cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
                    cs.setMarker(SeriesMarkers.NONE);
                    cs.setLineColor(col);
                    cs.setLineStyle(series.mark() == Mark.LINE ? SOLID : DASHED);
                }
                default -> {
                    cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                    cs.setMarker(series.mark() == Mark.HIGHLIGHT ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
                    cs.setMarkerColor(series.mark() == Mark.HIGHLIGHT ? col.darker() : col);
                }
            }
        }
        return c;
    }

    /** The chart as a PNG image. */
    public static byte[] png(Chart chart, ChartSize size) {
        return png(Figure.of(chart), size);
    }

    /** The figure as a PNG image, each panel at {@code panel} size. */
    public static byte[] png(Figure figure, ChartSize panel) {
        ChartSize whole = figure.sizeFor(panel);
        BufferedImage image = new BufferedImage(whole.width(), whole.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paint(figure, panel, g);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed in memory", e);
        }
        return out.toByteArray();
    }

    /** The chart as an SVG document (drawn through VectorGraphics2D). */
    public static String svg(Chart chart, ChartSize size) {
        return svg(Figure.of(chart), size);
    }

    /** The figure as one SVG document, each panel at {@code panel} size. */
    public static String svg(Figure figure, ChartSize panel) {
        ChartSize whole = figure.sizeFor(panel);
        VectorGraphics2D g = new VectorGraphics2D();
        paint(figure, panel, g);
        Document document = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, whole.width(), whole.height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            document.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding failed in memory", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes the chart to a {@code .png} or {@code .svg} file, creating its folder.
     *
     * @throws BadInputException for any other extension
     */
    public static void write(Chart chart, ChartSize size, Path file) throws IOException {
        write(Figure.of(chart), size, file);
    }

    /**
     * Writes the figure to a {@code .png} or {@code .svg} file (or its numbers to a {@code .json} one), each panel at {@code panel} size,
     * creating its folder.
     *
     * @throws BadInputException for any other extension
     */
    public static void write(Figure figure, ChartSize panel, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png(figure, panel);
        } else if (name.endsWith(".svg")) {
            bytes = svg(figure, panel).getBytes(StandardCharsets.UTF_8);
        } else if (name.endsWith(".json")) {
            // the numbers drawn, for a page or notebook that draws them itself
            bytes = (FigureJson.of(figure) + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            throw new BadInputException(file + ": a plot is written as .png, .svg or .json (its numbers)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }

    /**
     * Checks that a file can hold a picture ({@code .png}, {@code .svg} or {@code .json}), before any work.
     *
     * @throws BadInputException for any other extension
     */
    public static void checkFormat(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg") && !name.endsWith(".json")) {
            throw new BadInputException(file + ": a plot is written as .png, .svg or .json (its numbers)");
        }
    }

    /** Paints each panel into its own translated and clipped copy of the graphics. */
    private static void paint(Figure figure, ChartSize panel, Graphics2D g) {
        for (int i = 0; i < figure.panels().size(); i++) {
            Graphics2D p = (Graphics2D) g.create();
            p.translate(i * panel.width(), 0);
            p.clipRect(0, 0, panel.width(), panel.height());
            toXChart(figure.panels().get(i), panel).paint(p, panel.width(), panel.height());
            p.dispose();
        }
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xE4E4E4));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, TICK_FONT_SIZE));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
    }

    private static Span configureAxis(AxesChartStyler s, Axis axis, Range range, double length, boolean horizontal) {
        double min = Double.isFinite(axis.min()) ? axis.min() : range.min(axis.scale());
        double max = Double.isFinite(axis.max()) ? axis.max() : range.max();
        if (axis.scale() == Scale.LOG) {
            if (!(min > 0) || !Double.isFinite(max)) {
                throw new BadInputException("axis '" + axis.title() + "' is logarithmic but has no positive values to show");
            }
            AxisTicks ticks = AxisTicks.log(min, max, length, horizontal, TICK_FONT_SIZE);
            if (horizontal) {
                s.setXAxisLogarithmic(true);
                s.setXAxisLogarithmicDecadeOnly(false);
                s.setXAxisTickLabelsFormattingFunction(ticks::labelAt);
                s.setXAxisMin(ticks.lower());
                s.setXAxisMax(ticks.upper());
            } else {
                s.setYAxisLogarithmic(true);
                s.setYAxisLogarithmicDecadeOnly(false);
                s.setYAxisTickLabelsFormattingFunction(ticks::labelAt);
                s.setYAxisMin(ticks.lower());
                s.setYAxisMax(ticks.upper());
            }
            return new Span(true, ticks.lower(), ticks.upper(), length);
        } else if (Double.isFinite(min) && Double.isFinite(max)) {
            if (min == max) {
                // XChart labels a flat range with one tick; open it up so the axis has a scale
                double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
                min -= pad;
                max += pad;
            }
            double lower = min;
            double upper = max;
            if (horizontal) {
                s.setXAxisMin(min);
                s.setXAxisMax(max);
                s.setXAxisTickLabelsFormattingFunction(v -> AxisTicks.linearLabel(v, lower, upper));
            } else {
                s.setYAxisMin(min);
                s.setYAxisMax(max);
                s.setYAxisTickLabelsFormattingFunction(v -> AxisTicks.linearLabel(v, lower, upper));
            }
        }
        return new Span(false, min, max, length);
    }

    /**
     * XChart labels a linear axis of values far below one (learning rates of 3e-4) at its data
     * values, dozens of overlapping labels; such an axis is drawn in units of a power of ten
     * instead, named in its title ("learning rate (x 1e-4)").
     */
    static Chart withReadableLinearAxes(Chart chart) {
        if (!chart.categories().isEmpty()) {
            return chart;
        }
        double fx = unitScale(chart.x(), Range.of(chart, true));
        double fy = unitScale(chart.y(), Range.of(chart, false));
        if (fx == 1 && fy == 1) {
            return chart;
        }
        List<Series> series = new ArrayList<>();
        for (Series s : chart.series()) {
            series.add(new Series(s.label(), times(s.x(), fx), times(s.y(), fy), s.mark(), s.colour(), s.inLegend()));
        }
        List<Band> bands = new ArrayList<>();
        for (Band b : chart.bands()) {
            bands.add(new Band(b.label(), times(b.x(), fx), times(b.lower(), fy), times(b.upper(), fy), b.colour()));
        }
        return new Chart(chart.title(), scaled(chart.x(), fx), scaled(chart.y(), fy), series, bands, chart.categories());
    }

    /** 1, or the power of ten that brings a linear axis of small values to between 1 and 10. */
    private static double unitScale(Axis axis, Range range) {
        double largest = Math.max(Math.abs(range.min()), Math.abs(range.max()));
        if (Double.isFinite(axis.max())) {
            largest = Math.max(Math.abs(axis.min()), Math.abs(axis.max()));
        }
        if (axis.scale() != Scale.LINEAR || !(largest > 0) || !Double.isFinite(largest) || largest >= 1e-2) {
            return 1;
        }
        return Math.pow(10, -Math.floor(Math.log10(largest)));
    }

    private static Axis scaled(Axis axis, double factor) {
        if (factor == 1) {
            return axis;
        }
        String unit = "1e" + Math.round(-Math.log10(factor));
        return new Axis(axis.title() + " (x " + unit + ")", axis.scale(), axis.min() * factor, axis.max() * factor);
    }

    private static double[] times(double[] v, double factor) {
        if (factor == 1) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    private static boolean legendBelow(Chart chart) {
        return chart.series().stream().filter(Series::inLegend).anyMatch(s -> s.label().length() > LONG_LEGEND_ENTRY)
                || chart.bands().stream().anyMatch(b -> b.label().length() > LONG_LEGEND_ENTRY);
    }

    private static int legendEntries(Chart chart) {
        return (int) (chart.series().stream().filter(Series::inLegend).count()
                + chart.bands().stream().map(Band::label).distinct().count());
    }

    /** Shades a band; the first band of each label is listed in the legend under that label. */
    private static void addBand(XYChart x, Chart chart, Band b, Set<String> names, Set<String> inLegend) {
        double[] bx = b.x();
        double[] lo = b.lower();
        double[] hi = b.upper();
        int n = bx.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep(chart, bx[i], hi[i]) && keep(chart, bx[i], lo[i])) {
                px[k] = bx[i];
                py[k++] = hi[i];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (keep(chart, bx[i], hi[i]) && keep(chart, bx[i], lo[i])) {
                px[k] = bx[i];
                py[k++] = lo[i];
            }
        }
        if (k < 4) {
            return;
        }
        XYSeries s = x.addSeries(unique(b.label(), names), java.util.Arrays.copyOf(px, k), java.util.Arrays.copyOf(py, k));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color c = colour(b.colour());
        s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
        s.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(inLegend.add(b.label()));
    }

    private static void addSeries(XYChart x, Chart chart, Series series, Set<String> names, int total, Span[] spans) {
        double[] sx = series.x();
        double[] sy = series.y();
        double[] fx = new double[sx.length];
        double[] fy = new double[sy.length];
        int k = 0;
        for (int i = 0; i < sx.length; i++) {
            if (keep(chart, sx[i], sy[i])) {
                fx[k] = sx[i];
                fy[k++] = sy[i];
            }
        }
        if (k == 0) {
            return;
        }
        fx = java.util.Arrays.copyOf(fx, k);
        fy = java.util.Arrays.copyOf(fy, k);
        if (series.mark() == Mark.DASHED_LINE) {
            double[][] dashed = dash(fx, fy, spans[0], spans[1]);
            fx = dashed[0];
            fy = dashed[1];
        }
        XYSeries s = x.addSeries(unique(series.label(), names), fx, fy);
        Color c = colour(series.colour());
        s.setShowInLegend(series.inLegend());
        switch (series.mark()) {
            case POINTS -> {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                // thousands of points overplot: let density show through
                int alpha = total > 1000 ? 110 : 210;
                s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha));
            }
            case LINE, DASHED_LINE -> {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(c);
                // the dashes are cut into the data (see dash); the stroke shows them in the legend
                s.setLineStyle(series.mark() == Mark.LINE ? SOLID : DASHED);
            }
            case LINE_AND_POINTS -> {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(c);
                s.setLineColor(c);
                s.setLineStyle(SOLID);
            }
            case HIGHLIGHT -> {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(c.darker());
            }
        }
    }

    /**
     * A polyline cut into dashes of {@link #DASH_ON} pixels with gaps of {@link #DASH_OFF},
     * the gaps as NaN points (where XChart lifts the pen). XChart strokes each segment on its
     * own, so a dashed stroke restarts at every point and a finely sampled curve looks solid.
     */
    static double[][] dash(double[] x, double[] y, Span sx, Span sy) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        if (x.length == 0) {
            return new double[][]{x, y};
        }
        out.add(new double[]{x[0], y[0]});
        boolean on = true;
        double left = DASH_ON;
        for (int i = 1; i < x.length; i++) {
            double u0 = sx.pixel(x[i - 1]);
            double v0 = sy.pixel(y[i - 1]);
            double u1 = sx.pixel(x[i]);
            double v1 = sy.pixel(y[i]);
            double length = Math.hypot(u1 - u0, v1 - v0);
            double position = 0;
            while (length - position > left) {
                position += left;
                double f = position / length;
                double[] p = {sx.value(u0 + f * (u1 - u0)), sy.value(v0 + f * (v1 - v0))};
                out.add(p);
                if (on) {
                    out.add(new double[]{Double.NaN, Double.NaN});
                }
                on = !on;
                left = on ? DASH_ON : DASH_OFF;
            }
            left -= length - position;
            if (on) {
                out.add(new double[]{x[i], y[i]});
            }
        }
        double[][] xy = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            xy[0][i] = out.get(i)[0];
            xy[1][i] = out.get(i)[1];
        }
        return xy;
    }

    /** Where an axis puts values, roughly in pixels: enough to lay dashes along a curve. */
    record Span(boolean log, double min, double max, double length) {
        Span scaled(double pixels) {
            return new Span(log, min, max, pixels);
        }

        double pixel(double v) {
            double a = log ? Math.log10(min) : min;
            double b = log ? Math.log10(max) : max;
            double t = log ? Math.log10(v) : v;
            return b == a || !Double.isFinite(a) || !Double.isFinite(b) ? 0 : (t - a) / (b - a) * length;
        }

        double value(double pixel) {
            double a = log ? Math.log10(min) : min;
            double b = log ? Math.log10(max) : max;
            double t = b == a || !Double.isFinite(a) || !Double.isFinite(b) ? a : a + pixel / length * (b - a);
            return log ? Math.pow(10, t) : t;
        }
    }

    /** Whether a point can be drawn: finite, and positive on a log axis. */
    private static boolean keep(Chart chart, double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (chart.x().scale() != Scale.LOG || x > 0)
                && (chart.y().scale() != Scale.LOG || y > 0);
    }

    /**
     * A legend entry XChart shows whole: it cuts an entry wider than 45% of the chart with an
     * ellipsis ("tot..."), so a long label (a schedule's text) is broken into lines after its
     * commas or spaces.
     */
    static String wrapped(String label) {
        if (label.length() <= WRAP_AT) {
            return label;
        }
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        int lastBreak = -1;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ' ' || c == ',') {
                lastBreak = i;
            }
            if (i - lineStart >= WRAP_AT && lastBreak > lineStart) {
                out.append(label.substring(lineStart, lastBreak + 1).stripTrailing()).append('\n');
                lineStart = lastBreak + 1;
                while (lineStart < label.length() && label.charAt(lineStart) == ' ') {
                    lineStart++;
                }
                lastBreak = -1;
            }
        }
        return out.append(label.substring(Math.min(lineStart, label.length()))).toString().strip();
    }

    private static String unique(String label, Set<String> names) {
        String l = label.isBlank() ? "series" : wrapped(label);
        // XChart keys series by name; a repeated label must still draw
        while (!names.add(l)) {
            l = l + " ";
        }
        return l;
    }

    /** The range of the drawable values of a chart along one axis. */
    private record Range(double min, double minPositive, double max) {
        double min(Scale scale) {
            return scale == Scale.LOG ? minPositive : min;
        }

        static Range of(Chart chart, boolean horizontal) {
            double min = Double.POSITIVE_INFINITY;
            double minPositive = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Series s : chart.series()) {
                for (double v : horizontal ? s.x() : s.y()) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        if (v > 0) {
                            minPositive = Math.min(minPositive, v);
                        }
                    }
                }
            }
            for (Band b : chart.bands()) {
                double[][] arrays = horizontal ? new double[][]{b.x()} : new double[][]{b.lower(), b.upper()};
                for (double[] a : arrays) {
                    for (double v : a) {
                        if (Double.isFinite(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                            if (v > 0) {
                                minPositive = Math.min(minPositive, v);
                            }
                        }
                    }
                }
            }
            return new Range(min, minPositive, max);
        }
    }
}
