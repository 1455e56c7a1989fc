package dev.slaw.report.plots;

import dev.slaw.data.Dataset;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Lower and upper predictions of a law at given points: what a fit plot shades around its
 * curve. The bootstrap supplies one (for example {@link #percentile} over its replicate fits);
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
     * The central {@code level} share of the replicates' predictions at each point (percentile
     * interval), e.g. level 0.95 takes the 2.5th and 97.5th percentiles. Each replicate maps a
     * dataset of points to its predictions, as {@code Fit::predict} does.
     *
     * @throws IllegalArgumentException with fewer than two replicates or a level outside (0, 1)
     */
    static PredictionInterval percentile(List<Function<Dataset, double[]>> replicates, double level) {
        if (replicates.size() < 2) {
            throw new IllegalArgumentException("a percentile interval needs at least 2 replicates, got "
                    + replicates.size());
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
        }
        List<Function<Dataset, double[]>> copy = List.copyOf(replicates);
        String name = Math.round(level * 1000) / 10.0 + "% interval (" + copy.size() + " replicates)";
        return new PredictionInterval() {
            @Override
            public Interval at(Dataset points) {
                int n = points.rowCount();
                double[][] byReplicate = new double[copy.size()][];
                for (int r = 0; r < copy.size(); r++) {
                    byReplicate[r] = copy.get(r).apply(points);
                }
                double[] lower = new double[n];
                double[] upper = new double[n];
                double[] column = new double[copy.size()];
                for (int i = 0; i < n; i++) {
                    int k = 0;
                    for (double[] p : byReplicate) {
                        if (Double.isFinite(p[i])) {
                            column[k++] = p[i];
                        }
                    }
                    if (k < 2) {
                        lower[i] = Double.NaN;
                        upper[i] = Double.NaN;
                        continue;
                    }
                    double[] sorted = Arrays.copyOf(column, k);
                    Arrays.sort(sorted);
                    lower[i] = quantile(sorted, (1 - level) / 2);
                    upper[i] = quantile(sorted, 1 - (1 - level) / 2);
                }
                return new Interval(lower, upper);
            }

            @Override
            public String label() {
                return name;
            }
        };
    }

    /** Linear interpolation between order statistics (numpy's default, type 7). */
    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
