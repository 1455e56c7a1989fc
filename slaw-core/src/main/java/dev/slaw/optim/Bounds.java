package dev.slaw.optim;

import java.util.Arrays;

/**
 * Box constraints {@code lower[i] <= x[i] <= upper[i]}; infinite entries mean unbounded.
 */
public record Bounds(double[] lower, double[] upper) {
    public Bounds {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower has " + lower.length + " entries, upper " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new IllegalArgumentException("contradictory bounds for variable " + i + ": ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    public static Bounds unbounded(int dimension) {
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Bounds(lo, hi);
    }

    public int dimension() {
        return lower.length;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    /** The nearest point of the box to {@code x}. */
    public double[] project(double[] x) {
        double[] p = x.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(upper[i], Math.max(lower[i], p[i]));
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Bounds" + Arrays.toString(lower) + ".." + Arrays.toString(upper);
    }
}
