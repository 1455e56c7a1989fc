package dev.slaw.report.plots;

import dev.slaw.curve.CurveFit;
import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.report.chart.Axis;
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
        return Chart.of(observed ? "Observed (points) and predicted (lines) loss" : "Predicted loss",
                Axis.linear("step"), Axis.linear("loss"), all);
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
     * @param rows the rows the fit was made on: a run label, a step and the loss per row
     */
    public static List<LossCurve> fitted(CurveFit fit, Dataset rows) {
        CurveLaw law = fit.law();
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
                    fit.predict(e.getValue(), steps), lr));
        }
        return out;
    }
}
