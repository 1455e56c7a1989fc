package dev.slaw.report.plots;

import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.AxisTicks;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;
import dev.slaw.schedule.Schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Pictures of whole loss curves: observed against predicted, and the schedules behind them. */
public final class CurvePlots {
    private CurvePlots() {
    }

    /**
     * Observed loss as points and predicted loss as a line, one colour per run; the lines are
     * drawn over the points, which for logged curves are dense enough to hide them.
     */
    public static Chart lossCurves(List<LossCurve> curves) {
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        boolean observed = false;
        for (int i = 0; i < curves.size(); i++) {
            LossCurve c = curves.get(i);
            if (c.hasObservations()) {
                observed = true;
                points.add(Series.points(c.label(), c.step(), c.observed(), i));
                // one legend entry says what the lines are; the points name the runs
                lines.add(new Series(i == 0 ? "predicted" : "predicted " + c.label(), c.step(), c.predicted(), Mark.LINE,
                        i, i == 0));
            } else {
                lines.add(Series.line(c.label(), c.step(), c.predicted(), i));
            }
        }
        List<Series> all = new ArrayList<>(points);
        all.addAll(lines);
        String title = observed ? "Observed (points) and predicted (lines) loss" : "Predicted loss";
        Axis loss = Axis.linear("loss");
        double from = Double.NaN;
        for (LossCurve c : curves) {
            from = Double.isNaN(from) ? warmupEnd(c) : Math.min(from, warmupEnd(c));
        }
        double[] range = lossRange(curves, from);
        double[] whole = lossRange(curves, Double.NEGATIVE_INFINITY);
        if (range != null && whole != null && whole[1] - whole[0] > 2 * (range[1] - range[0])) {
            // the early loss (tens of nats while warming up) would flatten the curves a reader
            // compares to one line; the axis shows the loss from the end of warm-up, and says so
            double pad = 0.05 * Math.max(range[1] - range[0], 1e-3 * Math.abs(range[1]));
            loss = loss.withRange(range[0] - pad, range[1] + pad);
            title += ", from step " + AxisTicks.label(from);
        }
        return Chart.of(title, Axis.linear("step"), loss, all);
    }

    /**
     * The step where a curve's warm-up ends (its learning rate first reaches its peak), or, for a
     * schedule without warm-up, the step at 5% of the run, past the steepest early drop.
     */
    static double warmupEnd(LossCurve c) {
        double[] lr = c.learningRate();
        double[] step = c.step();
        if (step.length == 0) {
            return Double.NaN;
        }
        double peak = Arrays.stream(lr).filter(Double::isFinite).max().orElse(Double.NaN);
        int i = 0;
        while (i < lr.length && !(lr[i] >= peak * (1 - 1e-9))) {
            i++;
        }
        if (i == 0 || i == lr.length) {
            return step[0] + 0.05 * (step[step.length - 1] - step[0]);
        }
        return step[i];
    }

    /** Least and largest loss (observed or predicted) at steps from {@code from} on, or null. */
    private static double[] lossRange(List<LossCurve> curves, double from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LossCurve c : curves) {
            double[] step = c.step();
            for (double[] v : new double[][]{c.observed(), c.predicted()}) {
                for (int i = 0; i < v.length; i++) {
                    if (step[i] >= from && Double.isFinite(v[i])) {
                        lo = Math.min(lo, v[i]);
                        hi = Math.max(hi, v[i]);
                    }
                }
            }
        }
        return lo <= hi ? new double[]{lo, hi} : null;
    }

    /** The learning rate against step, one line per curve in the same colour as its loss. */
    public static Chart schedules(List<LossCurve> curves) {
        List<Series> lines = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            LossCurve c = curves.get(i);
            lines.add(Series.line(c.label(), c.step(), c.learningRate(), i));
        }
        return Chart.of("Learning-rate schedules", Axis.linear("step"), Axis.linear("learning rate"), lines);
    }

    /** The loss curves beside the schedules that produced them: the picture of {@code slaw curve}. */
    public static Figure figure(List<LossCurve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a curve picture needs at least one curve");
        }
        return Figure.of(lossCurves(curves), schedules(curves));
    }

    /**
     * Each fitted run's logged loss (the {@link CurveLaw#LOSS} column of {@code rows}) beside the
     * fit's prediction at the same steps, with its schedule's learning rate.
     *
     * @param law        the fitted law, holding each run's schedule
     * @param parameters its values, in the law's order
     * @param rows the rows the fit was made on: a run label, a step and the loss per row
     */
    public static List<LossCurve> fitted(CurveLaw law, double[] parameters, Dataset rows) {
        if (!rows.hasColumn(law.stepColumn()) || !rows.hasColumn(CurveLaw.LOSS)) {
            throw new BadInputException(rows.source() + ": curve rows need columns " + law.stepColumn() + " and "
                    + CurveLaw.LOSS);
        }
        double[] step = rows.column(law.stepColumn());
        double[] loss = rows.column(CurveLaw.LOSS);
        String[] runs = rows.label(law.runColumn()).orElse(null);
        List<LossCurve> out = new ArrayList<>();
        for (Map.Entry<String, Schedule> e : law.schedules().entrySet()) {
            Integer[] order = java.util.stream.IntStream.range(0, step.length)
                    .filter(i -> runs == null ? law.schedules().size() == 1 : e.getKey().equals(runs[i]))
                    .boxed().sorted(Comparator.comparingDouble(i -> step[i])).toArray(Integer[]::new);
            if (order.length == 0) {
                continue;
            }
            int[] steps = Arrays.stream(order).mapToInt(i -> (int) step[i]).toArray();
            double[] observed = Arrays.stream(order).mapToDouble(i -> loss[i]).toArray();
            double[] lr = Arrays.stream(steps).mapToDouble(s -> e.getValue().lrAt(s)).toArray();
            out.add(new LossCurve(e.getKey(), Arrays.stream(steps).asDoubleStream().toArray(), observed,
                    law.predict(parameters, e.getValue(), steps), lr));
        }
        return out;
    }
}
