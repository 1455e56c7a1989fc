package dev.slaw.report.plots;

import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;

/** Pictures of whole loss curves: observed against predicted, and the schedules behind them. */
public final class CurvePlots {
    private CurvePlots() {
    }

    /** Observed loss as points and predicted loss as a line, one colour per run. */
    public static Chart lossCurves(List<LossCurve> curves) {
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            LossCurve c = curves.get(i);
            points.add(Series.points(c.label(), c.step(), c.observed(), i));
            lines.add(new Series("predicted " + c.label(), c.step(), c.predicted(), Mark.LINE, i, i == 0));
        }
        List<Series> all = new ArrayList<>(lines);
        all.addAll(points);
        return Chart.of("Observed (points) and predicted (lines) loss", Axis.linear("step"), Axis.linear("loss"), all);
    }

    /**
     * Learning-rate schedules against step, one line per schedule; each series holds steps
     * as x and the learning rate as y.
     */
    public static Chart schedules(List<Series> schedules) {
        List<Series> lines = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            Series s = schedules.get(i);
            lines.add(new Series(s.label(), s.x(), s.y(), Mark.LINE, i, true));
        }
        return Chart.of("Learning-rate schedules", Axis.linear("step"), Axis.linear("learning rate"), lines);
    }
}
