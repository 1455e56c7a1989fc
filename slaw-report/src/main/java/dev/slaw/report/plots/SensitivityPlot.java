package dev.slaw.report.plots;

import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spread of one conclusion across analysis choices: a dot per choice on a log axis (a
 * ratio such as D/N spreads over factors, not differences), the ends of its interval as small
 * dots, and the first choice (the baseline) as a dashed reference line.
 */
public final class SensitivityPlot {
    private SensitivityPlot() {
    }

    /**
     * @param conclusion what is compared, e.g. {@code D/N at 1e24 FLOPs}
     * @param choices    the choices, the baseline first
     */
    public static Chart of(String conclusion, List<Choice> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a sensitivity plot needs at least one choice");
        }
        List<Series> series = new ArrayList<>();
        Map<Integer, String> categories = new HashMap<>();
        int n = choices.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        double[] base = new double[n];
        boolean anyInterval = false;
        for (int i = 0; i < n; i++) {
            Choice c = choices.get(i);
            categories.put(i, c.label());
            x[i] = i;
            y[i] = c.value();
            boolean has = Double.isFinite(c.lower()) && Double.isFinite(c.upper());
            anyInterval |= has;
            // a choice without an interval puts both ends on its dot, where they are hidden
            lower[i] = has ? c.lower() : c.value();
            upper[i] = has ? c.upper() : c.value();
            base[i] = choices.get(0).value();
        }
        series.add(new Series("baseline (" + choices.get(0).label() + ")", x, base, Mark.DASHED_LINE, 9, true));
        if (anyInterval) {
            series.add(new Series("interval", x, lower, Mark.POINTS, 0, true));
            series.add(new Series("interval upper", x, upper, Mark.POINTS, 0, false));
        }
        series.add(new Series(conclusion, x, y, Mark.HIGHLIGHT, 0, true));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Choice c : choices) {
            lo = Math.min(lo, Math.min(c.value(), Double.isFinite(c.lower()) ? c.lower() : c.value()));
            hi = Math.max(hi, Math.max(c.value(), Double.isFinite(c.upper()) ? c.upper() : c.value()));
        }
        Axis yAxis = lo > 0 ? Axis.log(conclusion) : Axis.linear(conclusion);
        return new Chart("Spread of " + conclusion + " across " + choices.size() + " choices", Axis.linear("choice"),
                yAxis, series, List.of(), categories);
    }
}
