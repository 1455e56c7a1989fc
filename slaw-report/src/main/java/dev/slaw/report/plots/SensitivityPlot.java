package dev.slaw.report.plots;

import dev.slaw.data.BadInputException;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.AxisTicks;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;

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

    /**
     * The spread of a sensitivity sweep's conclusion across its choices: D/N at the sweep's
     * compute when it planned one, else the predicted target at the sweep's point. Choices that
     * failed are left out; choices whose fit did not converge say so in their label.
     *
     * @throws BadInputException when the sweep computed neither
     */
    public static Chart of(SensitivityResult result) {
        SensitivitySweep sweep = result.sweep();
        boolean ratio = result.outcomes().stream().anyMatch(o -> Double.isFinite(o.tokensPerParameter()));
        if (!ratio && sweep.at().isEmpty()) {
            throw new BadInputException("a sensitivity plot needs a conclusion to compare: D/N at --compute (a law in N"
                    + " and D) or the prediction at --at");
        }
        String conclusion = ratio ? "D/N at " + AxisTicks.label(sweep.computeFlops()) + " FLOPs"
                : result.target() + " at " + pointText(sweep.at());
        List<Choice> choices = new ArrayList<>();
        for (SensitivitySweep.Outcome o : result.outcomes()) {
            double v = ratio ? o.tokensPerParameter() : o.predictedLoss();
            if (o.failed() || !Double.isFinite(v)) {
                continue;
            }
            String label = o.choice().name() + (o.converged() ? "" : " (not converged)");
            choices.add(Choice.of(label, v));
        }
        if (choices.isEmpty()) {
            throw new BadInputException("no choice of the sweep gave " + conclusion);
        }
        return of(conclusion, choices);
    }

    private static String pointText(Map<String, Double> point) {
        List<String> parts = new ArrayList<>();
        point.forEach((k, v) -> parts.add(k + " = " + AxisTicks.label(v)));
        return String.join(", ", parts);
    }
}
