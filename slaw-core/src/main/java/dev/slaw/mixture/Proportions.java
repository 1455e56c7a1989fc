package dev.slaw.mixture;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;

import java.util.List;

/**
 * The check a data mixture passes before a law sees it: every proportion finite and
 * non-negative, every row summing to 1 within a tolerance. Published mixtures are rounded
 * (RegMix's 17 weights to 3 decimals, so its rows sum to 0.996-1.003), so rows within the
 * tolerance are divided by their sum, and the result says how many were.
 *
 * @param data          the dataset with the proportions renormalised
 * @param renormalised  rows whose sum was not 1 (to 1e-12) and was divided out
 * @param lowestSum     the smallest row sum before renormalising
 * @param highestSum    the largest
 * @param tolerance     the largest |sum - 1| accepted
 */
public record Proportions(Dataset data, int renormalised, double lowestSum, double highestSum, double tolerance) {

    /**
     * Rounding each of m proportions to d decimals moves a sum by at most m * 0.5e-d, which is 0.0085 for
     * RegMix's 17 columns at 3 decimals: 0.01 accepts rounded mixtures and refuses wrong ones.
     */
    public static final double DEFAULT_TOLERANCE = 0.01;

    /**
     * Checks and renormalises the proportion columns.
     *
     * @throws BadInputException naming the first row and column that is not a proportion, or the first
     *                           row whose sum is off by more than the tolerance
     */
    public static Proportions check(Dataset data, List<String> columns, double tolerance) {
        if (columns.isEmpty()) {
            throw new BadInputException("a mixture needs its proportion columns (none given)");
        }
        double[][] cols = new double[columns.size()][];
        for (int j = 0; j < columns.size(); j++) {
            String c = columns.get(j);
            if (!data.hasColumn(c)) {
                if (data.label(c).isPresent()) {
                    throw new BadInputException(data.source() + ": proportion column \"" + c
                            + "\" holds text, not numbers");
                }
                throw new BadInputException(data.source() + ": no proportion column \"" + c + "\" (columns: "
                        + String.join(", ", data.columnNames()) + ")");
            }
            cols[j] = data.column(c);
        }
        int n = data.rowCount();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int changed = 0;
        double[][] out = new double[cols.length][n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < cols.length; j++) {
                double v = cols[j][i];
                if (!Double.isFinite(v) || v < 0) {
                    throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \""
                            + columns.get(j) + "\": " + v + " is not a proportion (it must be a number >= 0)");
                }
                sum += v;
            }
            lo = Math.min(lo, sum);
            hi = Math.max(hi, sum);
            if (Math.abs(sum - 1) > tolerance) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ": the proportions "
                        + String.join(", ", columns) + " sum to " + (float) sum + ", not 1 (tolerance "
                        + tolerance + ")");
            }
            if (Math.abs(sum - 1) > 1e-12) {
                changed++;
            }
            for (int j = 0; j < cols.length; j++) {
                out[j][i] = cols[j][i] / sum;
            }
        }
        Dataset d = data;
        for (int j = 0; j < cols.length; j++) {
            d = d.withColumn(columns.get(j), out[j]);
        }
        return new Proportions(d, changed, lo, hi, tolerance);
    }

    /** One line for a fit's notes, or empty when no row needed it. */
    public String note() {
        if (renormalised == 0) {
            return "";
        }
        return "mixture: renormalised " + renormalised + " of " + data.rowCount() + " rows to sum to 1 (sums "
                + String.format(java.util.Locale.ROOT, "%.4f-%.4f", lowestSum, highestSum) + ", tolerance "
                + tolerance + ")";
    }
}
