package dev.slaw.planning;

/**
 * One IsoFLOP slice: runs of about the same compute, a parabola of loss in log N through them,
 * and its minimum.
 *
 * @param computeFlops     the slice's compute, the geometric mean of its runs' C
 * @param label            the group's value when grouped by a column, else empty
 * @param runs             runs in the slice (after merging duplicates)
 * @param models           distinct N among them
 * @param computeSpread    max / min C of the runs (1 for an exact IsoFLOP slice)
 * @param curvature        q of L = q x^2 + p x + r (+ s (log C - log C_g)), x = log N - mean;
 *                         must be positive for a minimum
 * @param parameterCount   N_opt, the parabola's minimum (NaN when there is none)
 * @param tokenCount       D_opt, the tokens the slice's compute buys at N_opt
 * @param loss             the parabola's minimum value
 * @param status           whether the minimum is used for the power laws, and if not why
 */
public record IsoFlopGroup(double computeFlops, String label, int runs, int models, double computeSpread,
                           double curvature, double parameterCount, double tokenCount, double loss, Status status) {

    /** Whether a slice's minimum enters the power-law fits. */
    public enum Status {
        /** A minimum inside the slice's range of N: used. */
        USED,
        /** Fewer distinct model sizes (or runs) than a parabola needs. */
        TOO_FEW_MODELS,
        /** The parabola opens downward or is flat: no minimum. */
        NO_MINIMUM,
        /** The minimum lies outside the sizes tried (an extrapolation): left out. */
        MINIMUM_OUTSIDE_RANGE
    }

    public double tokensPerParameter() {
        return tokenCount / parameterCount;
    }
}
