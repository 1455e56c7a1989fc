package dev.slaw.report.plots;

import dev.slaw.compare.LawSamples;
import dev.slaw.compare.RecipeComparison;
import dev.slaw.planning.Interval;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Band;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recipes compared by their laws ({@code slaw compare --plot}): each recipe's data and law in its own
 * colour with the law's bootstrap band, and the crossover marked with its interval.
 */
public final class ComparisonPlot {
    private ComparisonPlot() {
    }

    /**
     * The chart.
     *
     * @param axisTitle  the x axis's name
     * @param target     the metric
     * @param laws       each recipe's law sampled along the axis
     * @param observed   per recipe, its rows' {x, y}
     * @param comparison the comparison of two recipes, or null
     * @param lo         the left end of the chart
     * @param hi         the right end
     * @param level      the bands' coverage
     */
    public static Chart chart(String axisTitle, String target, List<LawSamples> laws, Map<String, double[][]> observed,
                              RecipeComparison comparison, double lo, double hi, double level) {
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int colour = 0;
        for (LawSamples law : laws) {
            double[] scale = law.scale();
            double[] point = law.point();
            double[][] replicates = law.replicates();
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < scale.length; i++) {
                if (scale[i] >= lo && scale[i] <= hi) {
                    kept.add(i);
                }
            }
            double[] x = new double[kept.size()];
            double[] y = new double[kept.size()];
            double[] bandLo = new double[kept.size()];
            double[] bandHi = new double[kept.size()];
            for (int k = 0; k < x.length; k++) {
                int i = kept.get(k);
                x[k] = scale[i];
                y[k] = point[i];
                yMin = Math.min(yMin, y[k]);
                yMax = Math.max(yMax, y[k]);
                if (replicates.length > 1) {
                    double[] at = new double[replicates.length];
                    for (int r = 0; r < at.length; r++) {
                        at[r] = replicates[r][i];
                    }
                    Interval band = Interval.percentile(at, level);
                    bandLo[k] = band.lower();
                    bandHi[k] = band.upper();
                }
            }
            lines.add(new Series("law " + law.recipe(), x, y, Mark.LINE, colour, false));
            if (replicates.length > 1) {
                bands.add(new Band(Math.round(100 * level) + "% bootstrap band", x, bandLo, bandHi, colour));
            }
            double[][] xy = observed.get(law.recipe());
            if (xy != null) {
                points.add(Series.points(law.recipe(), xy[0], xy[1], colour));
                for (double v : xy[1]) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
            colour++;
        }
        List<Series> all = new ArrayList<>(lines);
        all.addAll(points);
        String title = "one law per recipe";
        if (comparison != null && !comparison.crossover().points().isEmpty()) {
            LawSamples first = laws.get(0);
            double cx = comparison.crossover().first();
            double cy = valueAt(first, cx);
            all.add(new Series("crossover " + dev.slaw.law.Numbers.compact(Double.parseDouble(
                    String.format(java.util.Locale.ROOT, "%.3g", cx))), new double[]{cx}, new double[]{cy},
                    Mark.HIGHLIGHT, colour, true));
            if (!Double.isNaN(comparison.crossover().lower())) {
                all.add(new Series(Math.round(100 * level) + "% interval of the crossover",
                        new double[]{Math.max(lo, comparison.crossover().lower()), Math.min(hi, comparison.crossover().upper())},
                        new double[]{cy, cy}, Mark.DASHED_LINE, colour, true));
            }
            title = "one law per recipe, crossing at " + dev.slaw.law.Numbers.compact(Double.parseDouble(
                    String.format(java.util.Locale.ROOT, "%.3g", cx)));
        } else if (comparison != null) {
            title = "one law per recipe, no crossover in the range";
        }
        Axis xAxis = hi / lo >= 10 ? Axis.log(axisTitle) : Axis.linear(axisTitle);
        Axis yAxis = yMin > 0 && yMax / yMin >= 10 ? Axis.log(target) : Axis.linear(target);
        return new Chart(title, xAxis, yAxis, all, bands, Map.of());
    }

    private static double valueAt(LawSamples law, double x) {
        double[] s = law.scale();
        double[] y = law.point();
        for (int i = 1; i < s.length; i++) {
            if (s[i] >= x) {
                double t = (Math.log(x) - Math.log(s[i - 1])) / (Math.log(s[i]) - Math.log(s[i - 1]));
                return y[i - 1] + t * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }
}
