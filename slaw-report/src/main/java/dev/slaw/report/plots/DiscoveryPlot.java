package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.discover.CandidateScore;
import dev.slaw.discover.Discovery;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * A law search as two panels: the rollout error of the top candidates at each rung (how the
 * extrapolation error falls as more scales are fitted), and the winner's fit drawn along the
 * extrapolated variable, continued past the data ({@link FitPlot}).
 */
public final class DiscoveryPlot {
    private DiscoveryPlot() {
    }

    /** The top {@code top} candidates' rung errors, and the winner over {@code data}. */
    public static Figure of(Discovery d, Dataset data, int top) {
        List<Series> series = new ArrayList<>();
        int shown = 0;
        for (CandidateScore c : d.ranked()) {
            if (!c.scored() || shown >= top) {
                break;
            }
            double[] x = c.rungs().stream().mapToDouble(CandidateScore.Rung::largestFitted).toArray();
            double[] y = c.rungs().stream().mapToDouble(r -> 100 * r.meanRelativeError()).toArray();
            String label = (shown + 1) + ". " + (c.candidate().catalogue() ? c.name() : c.candidate().formula());
            series.add(new Series(label, x, y, Mark.LINE_AND_POINTS, shown, true));
            shown++;
        }
        Chart errors = Chart.of("Rollout: error on every larger " + d.extrapolate() + ", fitting up to it",
                Axis.log("largest " + d.extrapolate() + " fitted"), Axis.log("mean relative error of held-out rows (%)"), series);
        if (d.winnerFit().isEmpty()) {
            return Figure.of(errors);
        }
        Chart winner = FitPlot.chart(d.winnerFit().get(), data, FitPlotOptions.defaults().withXVariable(d.extrapolate())
                .withExtrapolateFactor(10));
        return Figure.of(errors, winner.withTitle("Winner: " + d.winnerFit().get().law().formula()));
    }
}
