package dev.slaw.planning;

import java.util.Arrays;

/**
 * A two-sided interval for a planned quantity.
 *
 * @param lower lower end
 * @param upper upper end
 * @param level nominal coverage, e.g. 0.95
 */
public record Interval(double lower, double upper, double level) {
    public Interval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must lie in (0, 1), got " + level);
        }
    }

    /**
     * The percentile interval of a sample: the (1 - level)/2 and (1 + level)/2 quantiles, each
     * by linear interpolation between order statistics (numpy's default, so figures match a
     * Python bootstrap on the same replicates).
     */
    public static Interval percentile(double[] sample, double level) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no values to take percentiles of");
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        return new Interval(quantile(s, (1 - level) / 2), quantile(s, (1 + level) / 2), level);
    }

    /**
     * The {@code q}-quantile of sorted values by linear interpolation between order statistics
     * (Hyndman and Fan 1996 type 7, numpy's default).
     */
    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double frac = pos - i;
        return sorted[i] + frac * (sorted[i + 1] - sorted[i]);
    }

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
