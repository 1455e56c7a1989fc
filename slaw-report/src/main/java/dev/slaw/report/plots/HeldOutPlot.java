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
    private HeldOutPlot() {
    }

    /**
     * @param validation the validation to draw
     * @param target     the name of the predicted column, e.g. {@code loss}
     */
    public static Chart of(HeldOutValidation validation, String target) {
        List<HeldOutValidation.HeldOutRow> rows = validation.rows();
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
        List<Series> all = new ArrayList<>();
        if (lo <= hi) {
            all.add(Series.dashed("prediction = truth", new double[]{lo, hi}, new double[]{lo, hi}, 9));
        }
        all.addAll(series);
        all.add(new Series("held-out rows", observed, predicted, Mark.HIGHLIGHT, 2, true));
        return Chart.of("Held-out rows (" + validation.holdout().describe() + "): prediction against truth",
                Axis.linear("observed " + target), Axis.linear("predicted " + target), all);
    }
}
