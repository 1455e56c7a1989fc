package dev.slaw.compare;

import java.util.Arrays;

/**
 * One recipe's law sampled along a scale axis: the point estimate and every bootstrap replicate
 * at the same increasing scales. A comparison reads laws only through these samples, so it does
 * not care whether they came from a fit, a saved bootstrap or a formula.
 *
 * @param recipe     the recipe's name (a group value or a file)
 * @param scale      increasing positive scales (compute, N, D, accelerator-hours)
 * @param point      the point estimate at each scale
 * @param replicates per replicate, its law at each scale; empty when there is no bootstrap
 */
public record LawSamples(String recipe, double[] scale, double[] point, double[][] replicates) {
    public LawSamples {
        if (scale.length < 2 || point.length != scale.length) {
            throw new IllegalArgumentException("a sampled law needs at least two scales and a value at each");
        }
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || (i > 0 && !(scale[i] > scale[i - 1]))) {
                throw new IllegalArgumentException("scales must be positive and increasing");
            }
        }
        for (double[] r : replicates) {
            if (r.length != scale.length) {
                throw new IllegalArgumentException("a replicate has " + r.length + " values for " + scale.length
                        + " scales");
            }
        }
        scale = scale.clone();
        point = point.clone();
        replicates = Arrays.stream(replicates).map(double[]::clone).toArray(double[][]::new);
    }

    /** The scales {@code count} points evenly spaced in log from {@code lo} to {@code hi}. */
    public static double[] logGrid(double lo, double hi, int count) {
        double[] g = new double[count];
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < count; i++) {
            g[i] = Math.exp(a + (b - a) * i / (count - 1));
        }
        g[0] = lo;
        g[count - 1] = hi;
        return g;
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    @Override
    public double[][] replicates() {
        return Arrays.stream(replicates).map(double[]::clone).toArray(double[][]::new);
    }

    double[] pointRef() {
        return point;
    }

    double[] scaleRef() {
        return scale;
    }

    double[] replicateRef(int r) {
        return replicates[r];
    }

    int replicateCount() {
        return replicates.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LawSamples s && recipe.equals(s.recipe) && Arrays.equals(scale, s.scale)
                && Arrays.equals(point, s.point) && Arrays.deepEquals(replicates, s.replicates);
    }

    @Override
    public int hashCode() {
        return recipe.hashCode() * 31 + Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return "LawSamples[" + recipe + ", " + scale.length + " scales, " + replicates.length + " replicates]";
    }
}
