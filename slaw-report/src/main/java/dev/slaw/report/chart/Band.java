package dev.slaw.report.chart;

import java.util.Arrays;

/**
 * A shaded region between a lower and an upper curve over the same x values: a confidence or
 * prediction interval around a law. The bootstrap supplies the two curves; the chart only
 * shades between them.
 *
 * @param label  the legend entry, naming the interval's kind and level (e.g. {@code 95% bootstrap
 *               confidence interval of the law}); bands of one label share one entry
 * @param x      x values, increasing
 * @param lower  lower curve
 * @param upper  upper curve
 * @param colour palette index, the same as the law it surrounds
 */
public record Band(String label, double[] x, double[] lower, double[] upper, int colour) {

    public Band {
        if (x.length != lower.length || x.length != upper.length) {
            throw new IllegalArgumentException("band '" + label + "' needs as many lower and upper values as x values"
                    + " (got " + x.length + ", " + lower.length + ", " + upper.length + ")");
        }
        x = x.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Band b && label.equals(b.label) && Arrays.equals(x, b.x)
                && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper) && colour == b.colour;
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "Band[" + label + ", " + x.length + " points]";
    }
}
