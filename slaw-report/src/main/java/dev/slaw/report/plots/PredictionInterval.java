package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.report.chart.AxisTicks;

import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.IntervalPrediction;

import java.util.List;

/**
 * Lower and upper predictions of a law at given points: what a fit plot shades around its
 * curve. The bootstrap supplies one ({@link #confidence}, the percentile band of its replicates);
 * the plot asks it for the points it draws, so the two never need to agree on a grid.
 */
@FunctionalInterface
public interface PredictionInterval {

    /**
     * The interval at each row of {@code points}, which has a column for each of the law's
     * variables.
     */
    Interval at(Dataset points);

    /** What the band is called, e.g. {@code 95% interval}. */
    default String label() {
        return "interval";
    }

    /**
     * Lower and upper curves, one value per point.
     *
     * @param lower lower bound at each point
     * @param upper upper bound at each point
     */
    record Interval(double[] lower, double[] upper) {
        public Interval {
            if (lower.length != upper.length) {
                throw new IllegalArgumentException("an interval needs as many lower as upper values (got "
                        + lower.length + " and " + upper.length + ")");
            }
            lower = lower.clone();
            upper = upper.clone();
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    /**
     * The bootstrap's confidence band: at each point, the percentile interval of the successful
     * replicates' predictions at the bootstrap's level ({@link BootstrapResult#intervals}), where
     * the law's mean lies given the parameter uncertainty.
     */
    static PredictionInterval confidence(BootstrapResult bootstrap) {
        double level = bootstrap.options().level();
        String name = AxisTicks.label(100 * level) + "% bootstrap confidence interval of the law (" + bootstrap.successful()
                + " replicates)";
        return new PredictionInterval() {
            @Override
            public Interval at(Dataset points) {
                List<IntervalPrediction> predictions = bootstrap.intervals(points, level);
                double[] lower = new double[predictions.size()];
                double[] upper = new double[predictions.size()];
                for (int i = 0; i < lower.length; i++) {
                    lower[i] = predictions.get(i).confidence().lower();
                    upper[i] = predictions.get(i).confidence().upper();
                }
                return new Interval(lower, upper);
            }

            @Override
            public String label() {
                return name;
            }
        };
    }
}
