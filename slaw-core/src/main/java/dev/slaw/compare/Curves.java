package dev.slaw.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sampled curves on one log-spaced axis: values between samples, sign changes, inverses. */
final class Curves {
    private Curves() {
    }

    /** The curve at {@code x}, linear in log x between samples; NaN outside the samples. */
    static double at(double[] scale, double[] y, double x) {
        int n = scale.length;
        if (!(x >= scale[0] && x <= scale[n - 1])) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(scale, x);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (Math.log(x) - Math.log(scale[lo])) / (Math.log(scale[hi]) - Math.log(scale[lo]));
        return y[lo] + t * (y[hi] - y[lo]);
    }

    /** Scales in [lo, hi] where {@code b - a} changes sign, in increasing order (log-interpolated). */
    static List<Double> crossings(double[] scale, double[] a, double[] b, double lo, double hi) {
        List<Double> out = new ArrayList<>();
        double prevX = Double.NaN;
        double prevG = Double.NaN;
        for (int i = 0; i < scale.length; i++) {
            double x = scale[i];
            if (x < lo || x > hi) {
                continue;
            }
            double g = b[i] - a[i];
            if (!Double.isFinite(g)) {
                prevG = Double.NaN;
                continue;
            }
            if (g == 0) {
                out.add(x);
            } else if (Double.isFinite(prevG) && prevG != 0 && Math.signum(g) != Math.signum(prevG)) {
                double t = prevG / (prevG - g);
                out.add(Math.exp(Math.log(prevX) + t * (Math.log(x) - Math.log(prevX))));
            }
            prevX = x;
            prevG = g;
        }
        return out;
    }

    /**
     * The smallest scale where the curve first becomes as good as {@code level}
     * (log-interpolated): 0 when it is already there at the first sample, +infinity when it never
     * gets there over the samples.
     */
    static double reach(double[] scale, double[] y, double level, boolean lowerIsBetter) {
        double sign = lowerIsBetter ? 1 : -1;
        double prev = Double.NaN;
        for (int i = 0; i < scale.length; i++) {
            // d <= 0: as good as the level
            double d = sign * (y[i] - level);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            if (d <= 0) {
                if (i == 0) {
                    return 0;
                }
                double t = prev / (prev - d);
                return Math.exp(Math.log(scale[i - 1]) + t * (Math.log(scale[i]) - Math.log(scale[i - 1])));
            }
            prev = d;
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The {@code q}-quantile of values that may hold infinities (a multiplier beyond the sampled
     * axis): linear between order statistics as {@link dev.slaw.planning.Interval#percentile}, but an
     * infinite neighbour is the answer rather than NaN.
     */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= s.length - 1) {
            return s[s.length - 1];
        }
        double f = pos - i;
        if (f == 0 || s[i] == s[i + 1]) {
            return s[i];
        }
        if (Double.isInfinite(s[i])) {
            return s[i];
        }
        if (Double.isInfinite(s[i + 1])) {
            return s[i + 1];
        }
        return s[i] + f * (s[i + 1] - s[i]);
    }
}
