package dev.slaw.report.plots;

import dev.slaw.mixture.choice.MixtureChoice;
import dev.slaw.mixture.choice.MixtureFunction;
import dev.slaw.mixture.choice.MixtureOptimum;
import dev.slaw.mixture.choice.MixtureSpace;
import dev.slaw.mixture.choice.MixtureTradeoff;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pictures of a chosen mixture: the predicted target along one proportion (two sources), a
 * ternary map of it (three sources), the proportions per source (more), the optimum marked;
 * and the trade-off front between two targets.
 */
public final class MixtureChoicePlots {
    private static final int BINS = 8;

    private MixtureChoicePlots() {
    }

    public static Chart optimum(MixtureChoice choice, MixtureFunction target) {
        MixtureOptimum m = choice.optimum();
        return switch (m.space().size()) {
            case 2 -> alongOneProportion(choice, target);
            case 3 -> ternary(choice, target);
            default -> perSource(choice);
        };
    }

    public static void writeOptimum(MixtureChoice choice, MixtureFunction target, Path file) throws IOException {
        ChartRenderer.write(optimum(choice, target), ChartSize.DEFAULT, file);
    }

    private static Chart alongOneProportion(MixtureChoice choice, MixtureFunction target) {
        MixtureOptimum m = choice.optimum();
        MixtureSpace s = m.space();
        double lo = Math.max(s.lower()[0], 1 - s.upper()[1]);
        double hi = Math.min(s.upper()[0], 1 - s.lower()[1]);
        int n = 201;
        double[][] mixtures = new double[n][];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
            mixtures[i] = new double[]{x[i], 1 - x[i]};
        }
        double[] y = target.values(mixtures);
        String first = s.sources().get(0);
        return Chart.of("Predicted " + choice.target() + " along the mixture", Axis.linear("proportion of " + first
                        + " (the rest " + s.sources().get(1) + ")"), Axis.linear("predicted"),
                List.of(Series.line("prediction", x, y, 0), optimumMark(m.proportions()[0], m.value())));
    }

    private static Series optimumMark(double x, double y) {
        return new Series(String.format(Locale.ROOT, "optimum (%.4f)", x), new double[]{x}, new double[]{y}, Mark.HIGHLIGHT, 3, true);
    }

    /**
     * Three sources as a triangle (corner of source 1 at the left, 2 at the right, 3 at the top),
     * the allowed mixtures on a grid coloured by the predicted target in eight equal-count bins.
     */
    private static Chart ternary(MixtureChoice choice, MixtureFunction target) {
        MixtureOptimum m = choice.optimum();
        MixtureSpace s = m.space();
        int steps = 60;
        List<double[]> grid = new ArrayList<>();
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                double[] r = {(double) a / steps, (double) b / steps, (double) (steps - a - b) / steps};
                if (s.contains(r, 1e-12)) {
                    grid.add(r);
                }
            }
        }
        double[][] mixtures = grid.toArray(double[][]::new);
        double[] values = target.values(mixtures);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = new double[BINS + 1];
        for (int k = 0; k <= BINS; k++) {
            edges[k] = sorted[Math.min(sorted.length - 1, (int) ((long) k * (sorted.length - 1) / BINS))];
        }
        Map<Integer, List<double[]>> byBin = new HashMap<>();
        for (int i = 0; i < mixtures.length; i++) {
            int bin = 0;
            while (bin < BINS - 1 && values[i] > edges[bin + 1]) {
                bin++;
            }
            byBin.computeIfAbsent(bin, k -> new ArrayList<>()).add(mixtures[i]);
        }
        List<Series> series = new ArrayList<>();
        series.add(new Series("allowed simplex", new double[]{0, 1, 0.5, 0}, new double[]{0, 0, Math.sqrt(3) / 2, 0},
                Mark.LINE, 19, false));
        for (int k = 0; k < BINS; k++) {
            List<double[]> points = byBin.getOrDefault(k, List.of());
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = planeX(points.get(i));
                y[i] = planeY(points.get(i));
            }
            series.add(Series.points(String.format(Locale.ROOT, "%.4g to %.4g", edges[k], edges[k + 1]), x, y, k));
        }
        double[] o = m.proportions();
        series.add(new Series(String.format(Locale.ROOT, "optimum (%.3f, %.3f, %.3f)", o[0], o[1], o[2]),
                new double[]{planeX(o)}, new double[]{planeY(o)}, Mark.HIGHLIGHT, 3, true));
        return Chart.of("Predicted " + choice.target() + ": corners " + s.sources().get(0) + " (left), "
                        + s.sources().get(1) + " (right), " + s.sources().get(2) + " (top)",
                new Axis("", dev.slaw.report.chart.Scale.LINEAR, -0.05, 1.05),
                new Axis("", dev.slaw.report.chart.Scale.LINEAR, -0.05, 0.92), series);
    }

    private static double planeX(double[] r) {
        return r[1] + 0.5 * r[2];
    }

    private static double planeY(double[] r) {
        return Math.sqrt(3) / 2 * r[2];
    }

    private static Chart perSource(MixtureChoice choice) {
        MixtureOptimum m = choice.optimum();
        List<String> sources = m.space().sources();
        Map<Integer, String> names = new HashMap<>();
        double[] x = new double[sources.size()];
        for (int i = 0; i < x.length; i++) {
            names.put(i, sources.get(i));
            x[i] = i;
        }
        List<Series> series = new ArrayList<>();
        if (choice.intervals() != null) {
            series.add(Series.points(dev.slaw.io.document.Formats.percent(choice.intervals().level()) + " interval low", x,
                    choice.intervals().lower(), 1));
            series.add(Series.points("interval high", x, choice.intervals().upper(), 1));
        }
        if (choice.extrapolation() != null) {
            series.add(Series.dashed("training max", x, choice.extrapolation().trainingHighest(), 2));
        }
        series.add(new Series("optimum", x, m.proportions(), Mark.HIGHLIGHT, 3, true));
        return new Chart("Optimal mixture for " + choice.target(), Axis.linear("source"), Axis.linear("proportion"),
                series, List.of(), names);
    }

    /** The front: the first target against the second, each point a mixture. */
    public static Chart tradeoff(MixtureTradeoff t, String first, String second) {
        int n = t.front().size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = t.front().get(i).constraintValue();
            y[i] = t.front().get(i).value();
        }
        return Chart.of("Trade-off between " + first + " and " + second, Axis.linear(second), Axis.linear(first),
                List.of(new Series("Pareto front", x, y, Mark.LINE_AND_POINTS, 0, true)));
    }

    public static void writeTradeoff(MixtureTradeoff t, String first, String second, Path file) throws IOException {
        ChartRenderer.write(tradeoff(t, first, second), ChartSize.DEFAULT, file);
    }
}
