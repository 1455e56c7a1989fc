package dev.slaw.mixture.choice;

import dev.slaw.data.BadInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The mixtures allowed: proportions {@code r_i} of the named sources with
 * {@code lower_i <= r_i <= upper_i} and {@code sum r_i = 1}. Token availability enters as an upper
 * bound: a source with {@code A_i} tokens, in a run of {@code D} tokens that may see each token at
 * most {@code e} times, has {@code r_i <= e A_i / D} (the simple cap; a data-constrained law that
 * discounts repeated tokens would replace it).
 */
public record MixtureSpace(List<String> sources, double[] lower, double[] upper) {
    public MixtureSpace {
        sources = List.copyOf(sources);
        lower = lower.clone();
        upper = upper.clone();
        if (sources.size() < 2) {
            throw new BadInputException("a mixture needs at least two sources, got " + sources.size());
        }
        if (lower.length != sources.size() || upper.length != sources.size()) {
            throw new IllegalArgumentException("one lower and one upper bound per source");
        }
        double low = 0;
        double high = 0;
        for (int i = 0; i < lower.length; i++) {
            if (!(lower[i] >= 0) || !(upper[i] <= 1) || !(lower[i] <= upper[i])) {
                throw new BadInputException("bounds of " + sources.get(i) + " [" + number(lower[i]) + ", "
                        + number(upper[i]) + "] are not an interval inside [0, 1]");
            }
            low += lower[i];
            high += upper[i];
        }
        if (low > 1 + 1e-12) {
            throw new BadInputException("the lower bounds sum to " + number(low) + " > 1: no mixture meets them");
        }
        if (high < 1 - 1e-12) {
            throw new BadInputException("the upper bounds (with token availability) sum to " + number(high)
                    + " < 1: no mixture meets them");
        }
    }

    /** The whole simplex over these sources. */
    public static MixtureSpace simplex(List<String> sources) {
        double[] lo = new double[sources.size()];
        double[] hi = new double[sources.size()];
        Arrays.fill(hi, 1);
        return new MixtureSpace(sources, lo, hi);
    }

    /** The same space with source {@code i} restricted to {@code [lo, hi]} (within its present bounds). */
    public MixtureSpace withBounds(int i, double lo, double hi) {
        double[] l = lower.clone();
        double[] u = upper.clone();
        l[i] = Math.max(l[i], lo);
        u[i] = Math.min(u[i], hi);
        if (l[i] > u[i]) {
            throw new BadInputException("bounds of " + sources.get(i) + " leave no value: [" + number(l[i]) + ", "
                    + number(u[i]) + "]");
        }
        return new MixtureSpace(sources, l, u);
    }

    public int size() {
        return sources.size();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * The nearest allowed mixture in Euclidean distance: {@code r_i = clip(y_i - tau, lower_i,
     * upper_i)} with the shift {@code tau} that makes the sum 1 (the sum falls monotonically in
     * tau, so bisection finds it to the last bit).
     */
    public double[] project(double[] y) {
        int n = size();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, y[i] - upper[i]);
            hi = Math.max(hi, y[i] - lower[i]);
        }
        // at tau = lo every source sits at its upper bound (sum >= 1), at tau = hi at its lower (sum <= 1)
        for (int iteration = 0; iteration < 200 && hi - lo > 0; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (sum(y, mid) > 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double tau = 0.5 * (lo + hi);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.min(upper[i], Math.max(lower[i], y[i] - tau));
        }
        return repairSum(r);
    }

    private double sum(double[] y, double tau) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.min(upper[i], Math.max(lower[i], y[i] - tau));
        }
        return s;
    }

    /** Puts the rounding left in the sum on the source with the most room, so the sum is 1 to the last bit or two. */
    private double[] repairSum(double[] r) {
        double s = 0;
        for (double v : r) {
            s += v;
        }
        double gap = 1 - s;
        int best = -1;
        double room = -1;
        for (int i = 0; i < r.length; i++) {
            double roomHere = gap > 0 ? upper[i] - r[i] : r[i] - lower[i];
            if (roomHere > room) {
                room = roomHere;
                best = i;
            }
        }
        if (best >= 0 && room >= Math.abs(gap)) {
            r[best] += gap;
        }
        return r;
    }

    /** Whether a mixture is allowed, to within {@code tolerance} in each bound and in the sum. */
    public boolean contains(double[] r, double tolerance) {
        double s = 0;
        for (int i = 0; i < size(); i++) {
            if (r[i] < lower[i] - tolerance || r[i] > upper[i] + tolerance) {
                return false;
            }
            s += r[i];
        }
        return Math.abs(s - 1) <= tolerance;
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x).replaceAll("\\.?0+(?=$|e)", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureSpace s && sources.equals(s.sources) && Arrays.equals(lower, s.lower)
                && Arrays.equals(upper, s.upper);
    }

    @Override
    public int hashCode() {
        return sources.hashCode() * 31 + Arrays.hashCode(lower) * 17 + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "MixtureSpace" + sources + " lower " + Arrays.toString(lower) + " upper " + Arrays.toString(upper);
    }
}
