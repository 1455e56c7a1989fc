package dev.slaw.report.plots;

import dev.slaw.downstream.ChainBootstrap;
import dev.slaw.downstream.ChainPrediction;
import dev.slaw.report.chart.Axis;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * A chained prediction against what the target model measured, task by task: the chained
 * accuracy against the actual one (with the joint bootstrap's interval where there is one),
 * beside step 1's task loss against the actual loss, so a miss is seen and placed in its step.
 * A task on the dashed diagonal was predicted exactly.
 */
public final class ChainPlots {

    private ChainPlots() {
    }

    /**
     * @param target     the target model's name, for the titles
     * @param bootstraps each task's joint bootstrap, in the order of {@code predictions}, or empty
     */
    public static Figure predictedAgainstActual(String target, List<ChainPrediction> predictions,
                                                List<ChainBootstrap> bootstraps) {
        List<Series> accuracy = new ArrayList<>();
        List<Series> loss = new ArrayList<>();
        double accLow = Double.POSITIVE_INFINITY;
        double accHigh = Double.NEGATIVE_INFINITY;
        double lossLow = Double.POSITIVE_INFINITY;
        double lossHigh = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < predictions.size(); i++) {
            ChainPrediction p = predictions.get(i);
            accuracy.add(Series.points(p.task(), new double[]{p.observedAccuracy()}, new double[]{p.chainedAccuracy()}, i));
            loss.add(Series.points(p.task(), new double[]{p.observedLoss()}, new double[]{p.predictedLoss()}, i));
            accLow = Math.min(accLow, Math.min(p.observedAccuracy(), p.chainedAccuracy()));
            accHigh = Math.max(accHigh, Math.max(p.observedAccuracy(), p.chainedAccuracy()));
            lossLow = Math.min(lossLow, Math.min(p.observedLoss(), p.predictedLoss()));
            lossHigh = Math.max(lossHigh, Math.max(p.observedLoss(), p.predictedLoss()));
            if (!bootstraps.isEmpty()) {
                ChainBootstrap b = bootstraps.get(i);
                double[] x = {p.observedAccuracy(), p.observedAccuracy()};
                double[] y = {b.chained().lower(), b.chained().upper()};
                accuracy.add(new Series(p.task() + " " + Math.round(100 * b.chained().level()) + "% interval", x, y,
                        Mark.LINE, i, false));
                accLow = Math.min(accLow, y[0]);
                accHigh = Math.max(accHigh, y[1]);
            }
        }
        accuracy.add(diagonal(accLow, accHigh));
        loss.add(diagonal(lossLow, lossHigh));
        Chart chained = Chart.of("Chained accuracy of " + target + " against its actual accuracy",
                Axis.linear("actual accuracy"), Axis.linear("chained prediction"), accuracy);
        Chart stepOne = Chart.of("Step 1: task loss (bpb) of " + target + " against its actual loss",
                Axis.linear("actual task bpb"), Axis.linear("predicted task bpb"), loss);
        return Figure.of(chained, stepOne);
    }

    /** The line of exact predictions, a little beyond the points. */
    private static Series diagonal(double low, double high) {
        double pad = 0.05 * Math.max(high - low, 1e-3);
        double[] ends = {low - pad, high + pad};
        return new Series("exact prediction", ends, ends, Mark.DASHED_LINE, 9, true);
    }
}
