package dev.slaw.observational;

/**
 * A family's compute efficiency: each capability component as a straight line in log10 compute
 * over the family's models, {@code PC_j = intercept_j + slope_j log10(C)}.
 *
 * @param family     the family
 * @param models     how many of its models have compute
 * @param slopes     per component, the gain per tenfold compute
 * @param intercepts per component, the value at compute 1 (in the table's unit)
 * @param r2         per component, the line's R-squared over the family (NaN for two models)
 */
public record FamilyEfficiency(String family, int models, double[] slopes, double[] intercepts, double[] r2) {

    /** Component {@code j} at compute {@code c}. */
    public double at(int j, double c) {
        return intercepts[j] + slopes[j] * Math.log10(c);
    }
}
