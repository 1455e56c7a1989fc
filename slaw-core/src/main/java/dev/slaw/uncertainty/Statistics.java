package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;
import java.util.Arrays;

/** Sample statistics of replicate values. */
final class Statistics {

    private Statistics() {
    }

    /**
     * The {@code p}-quantile of sorted values by linear interpolation between order statistics
     * (Hyndman and Fan 1996 type 7, numpy's default): h = (n - 1) p, q = x[floor h] + (h -
     * floor h)(x[floor h + 1] - x[floor h]).
     */
    static double quantileOfSorted(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return Interval.quantile(sorted, p);
    }

    /** The equal-tailed percentile interval at {@code level}: quantiles (1 -+ level) / 2. */
    static Interval percentileInterval(double[] values, double level) {
        double[] s = sortedFinite(values);
        double tail = (1 - level) / 2;
        return new Interval(quantileOfSorted(s, tail), quantileOfSorted(s, 1 - tail), level);
    }

    static double median(double[] values) {
        return quantileOfSorted(sortedFinite(values), 0.5);
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Sample standard deviation (divisor n - 1). */
    static double standardDeviation(double[] values) {
        int n = values.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (n - 1));
    }

    /** Sample covariance matrix (divisor n - 1) of columns {@code [replicate][variable]}. */
    static double[][] covariance(double[][] rows) {
        int n = rows.length;
        int k = n == 0 ? 0 : rows[0].length;
        double[] m = new double[k];
        for (double[] r : rows) {
            for (int a = 0; a < k; a++) {
                m[a] += r[a] / n;
            }
        }
        double[][] c = new double[k][k];
        for (double[] r : rows) {
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    c[a][b] += (r[a] - m[a]) * (r[b] - m[b]);
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                c[a][b] /= n - 1;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    private static double[] sortedFinite(double[] values) {
        double[] s = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(s);
        return s;
    }
}
