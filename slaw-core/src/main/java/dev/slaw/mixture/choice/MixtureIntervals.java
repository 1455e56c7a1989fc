package dev.slaw.mixture.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Percentile intervals on the optimum mixture: the optimum searched again under each bootstrap
 * replicate's parameters (from the point optimum and the centre, since a replicate moves the
 * optimum a little), and the percentiles of each proportion and of the optimal value.
 *
 * @param level           e.g. 0.95
 * @param optima          one row per replicate: its optimal proportions
 * @param values          the optimal value under each replicate
 * @param lower           per source, the lower percentile of its optimal proportion
 * @param upper           per source, the upper percentile
 * @param valueLower      the lower percentile of the optimal value
 * @param valueUpper      the upper percentile of the optimal value
 */
public record MixtureIntervals(double level, double[][] optima, double[] values, double[] lower, double[] upper,
                               double valueLower, double valueUpper) {
    public MixtureIntervals {
        optima = Arrays.stream(optima).map(double[]::clone).toArray(double[][]::new);
        values = values.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /**
     * Searches under each replicate.
     *
     * @param replicates the target under each replicate's parameters
     * @param point      the optimum under the point estimate
     */
    public static MixtureIntervals of(List<MixtureFunction> replicates, MixtureOptimum point, MixtureSearch search,
                                      double level) {
        MixtureSpace space = point.space();
        int n = space.size();
        double[] centre = new double[n];
        Arrays.fill(centre, 1.0 / n);
        List<double[]> starts = List.of(point.proportions(), centre);
        double[][] optima = new double[replicates.size()][];
        double[] values = new double[replicates.size()];
        for (int k = 0; k < replicates.size(); k++) {
            MixtureOptimum m = search.minimizeFrom(replicates.get(k), space, starts);
            optima[k] = m.proportions();
            values[k] = m.value();
        }
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            double[] column = new double[optima.length];
            for (int k = 0; k < optima.length; k++) {
                column[k] = optima[k][i];
            }
            lower[i] = percentile(column, (1 - level) / 2);
            upper[i] = percentile(column, (1 + level) / 2);
        }
        return new MixtureIntervals(level, optima, values, lower, upper, percentile(values, (1 - level) / 2),
                percentile(values, (1 + level) / 2));
    }

    public int replicates() {
        return values.length;
    }

    /** The p-quantile with linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] values, double p) {
        List<Double> finite = new ArrayList<>();
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite.add(v);
            }
        }
        if (finite.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = finite.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public double[][] optima() {
        return Arrays.stream(optima).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] values() {
        return values.clone();
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
