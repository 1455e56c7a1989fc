package dev.slaw.report.plots;

import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.IntervalPrediction;

import java.util.ArrayList;
import java.util.List;

/**
 * A held-out check as a parity plot: each held-out row's prediction against its observed value,
 * with the prediction interval (where a new observation should fall) and, inside it, the
 * confidence interval (where the law's mean lies) as vertical bars, and the line where
 * prediction equals truth. A bar that misses the line is a row its interval does not cover.
 */
public final class HeldOutPlot {
    /** The most held-out rows drawn. */
    public static final int BARS = 500;

    private HeldOutPlot() {
    }

    /**
     * @param validation the validation to draw
     * @param target     the name of the predicted column, e.g. {@code loss}
     */
    public static Chart of(HeldOutValidation validation, String target) {
        PlotSample sample = sample(validation);
        List<HeldOutValidation.HeldOutRow> all = validation.rows();
        List<HeldOutValidation.HeldOutRow> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (sample.shows(i)) {
                rows.add(all.get(i));
            }
        }
        String pct = Math.round(100 * validation.level()) + "%";
        List<Series> series = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] observed = new double[rows.size()];
        double[] predicted = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            HeldOutValidation.HeldOutRow r = rows.get(i);
            IntervalPrediction p = r.prediction();
            observed[i] = r.observed();
            predicted[i] = p.estimate();
            double[] x = {r.observed(), r.observed()};
            // one two-point line per bar: a single series would join the bars of different rows
            series.add(new Series(pct + " prediction interval", x,
                    new double[]{p.prediction().lower(), p.prediction().upper()}, Mark.LINE, 0, i == 0));
            series.add(new Series(pct + " confidence interval", x,
                    new double[]{p.confidence().lower(), p.confidence().upper()}, Mark.LINE, 1, i == 0));
            for (double v : new double[]{r.observed(), p.prediction().lower(), p.prediction().upper()}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        List<Series> drawn = new ArrayList<>();
        if (lo <= hi) {
            drawn.add(Series.dashed("prediction = truth", new double[]{lo, hi}, new double[]{lo, hi}, 9));
        }
        drawn.addAll(series);
        drawn.add(new Series("held-out rows", observed, predicted, Mark.HIGHLIGHT, 2, true));
        return Chart.of("Held-out rows (" + validation.holdout().describe() + "): prediction against truth",
                Axis.linear("observed " + target), Axis.linear("predicted " + target), drawn);
    }

    /**
     * The held-out rows the plot draws (indices into {@link HeldOutValidation#rows()}): all of
     * them up to {@value #BARS}, else those with the extremes of the observed value, the
     * prediction and its relative error, and an even draw of the rest. Each row is two bars, so
     * fewer than the points of a scatter.
     */
    public static PlotSample sample(HeldOutValidation validation) {
        List<HeldOutValidation.HeldOutRow> rows = validation.rows();
        double[] observed = new double[rows.size()];
        double[] predicted = new double[rows.size()];
        double[] error = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            observed[i] = rows.get(i).observed();
            predicted[i] = rows.get(i).prediction().estimate();
            error[i] = (predicted[i] - observed[i]) / observed[i];
        }
        int[] all = java.util.stream.IntStream.range(0, rows.size()).toArray();
        return PlotSample.of(rows.size(), BARS, PlotSample.extremes(all, observed, predicted, error));
    }
}
