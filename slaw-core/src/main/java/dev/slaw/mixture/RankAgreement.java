package dev.slaw.mixture;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well predictions order the mixtures: Spearman's rank correlation (Pearson's correlation
 * of the ranks, ties given their mean rank), the figure RegMix reports, beside the mean
 * absolute error.
 *
 * @param rows              rows compared
 * @param spearman          Spearman's rho
 * @param meanAbsoluteError mean |predicted - actual|
 */
public record RankAgreement(int rows, double spearman, double meanAbsoluteError) {

    public static RankAgreement of(double[] predicted, double[] actual) {
        if (predicted.length != actual.length || predicted.length < 2) {
            throw new IllegalArgumentException("rank agreement needs two equally long series of at least 2 values");
        }
        double mae = 0;
        for (int i = 0; i < actual.length; i++) {
            mae += Math.abs(predicted[i] - actual[i]);
        }
        return new RankAgreement(actual.length, spearman(predicted, actual), mae / actual.length);
    }

    /** Spearman's rho; NaN when either series is constant. */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /** 1-based ranks, tied values sharing their mean rank. */
    static double[] ranks(double[] x) {
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}
