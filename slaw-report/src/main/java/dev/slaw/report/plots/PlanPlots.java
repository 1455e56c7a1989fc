package dev.slaw.report.plots;

import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;

/** Pictures of a compute plan: the frontier, loss along it, and IsoFLOP profiles. */
public final class PlanPlots {
    private PlanPlots() {
    }

    /**
     * N_opt(C) and D_opt(C) against compute on log-log axes; {@code observed} adds points such
     * as the IsoFLOP minima the frontier was fitted to (may be empty).
     */
    public static Chart frontier(Frontier f, List<Series> observed) {
        List<Series> s = new ArrayList<>();
        s.add(Series.line("parameters N_opt", f.computeFlops(), f.parameterCount(), 0));
        s.add(Series.line("tokens D_opt", f.computeFlops(), f.tokenCount(), 1));
        s.addAll(observed);
        return Chart.of("Compute-optimal frontier (" + f.source() + ")", Axis.log("training compute C (FLOPs)"),
                Axis.log("parameters N, tokens D"), s);
    }

    /** The loss the frontier predicts against compute (log compute, linear loss). */
    public static Chart lossAlongFrontier(Frontier f) {
        return Chart.of("Loss at the compute-optimal allocation", Axis.log("training compute C (FLOPs)"),
                Axis.linear("loss"), List.of(Series.line("L(N_opt, D_opt)", f.computeFlops(), f.loss(), 2)));
    }

    /** IsoFLOP profiles: runs as points, each parabola as a line, each minimum highlighted. */
    public static Chart isoFlop(List<IsoFlopProfile> profiles) {
        List<Series> lines = new ArrayList<>();
        List<Series> points = new ArrayList<>();
        double[] minN = new double[profiles.size()];
        double[] minLoss = new double[profiles.size()];
        for (int i = 0; i < profiles.size(); i++) {
            IsoFlopProfile p = profiles.get(i);
            points.add(Series.points(p.label(), p.parameterCount(), p.loss(), i));
            lines.add(new Series("parabola " + p.label(), p.curveParameterCount(), p.curveLoss(), Mark.LINE, i, false));
            minN[i] = p.optimalParameterCount();
            minLoss[i] = p.optimalLoss();
        }
        List<Series> all = new ArrayList<>(lines);
        all.addAll(points);
        all.add(new Series("minima", minN, minLoss, Mark.HIGHLIGHT, 9, true));
        return Chart.of("IsoFLOP profiles and their minima", Axis.log("parameters N"), Axis.linear("loss"), all);
    }
}
