package dev.slaw.uncertainty;

import java.util.List;
import java.util.Objects;

/**
 * The outcomes of a {@link SensitivitySweep}, one per choice in the sweep's order, failed ones
 * included.
 *
 * @param sweep         the sweep that ran
 * @param target        the column fitted
 * @param outcomes      one per choice
 * @param elapsedMillis wall-clock time of the whole sweep
 */
public record SensitivityResult(SensitivitySweep sweep, String target, List<SensitivitySweep.Outcome> outcomes,
                                double elapsedMillis) {

    public SensitivityResult {
        Objects.requireNonNull(sweep, "sweep");
        outcomes = List.copyOf(outcomes);
    }

    /** Choices that could not be fitted. */
    public long failedCount() {
        return outcomes.stream().filter(SensitivitySweep.Outcome::failed).count();
    }

    /** Choices fitted whose best start did not converge. */
    public long notConvergedCount() {
        return outcomes.stream().filter(o -> !o.failed() && !o.converged()).count();
    }

    /** The smallest and largest finite D/N over converged choices, or NaNs when there are none. */
    public double[] tokensPerParameterRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SensitivitySweep.Outcome o : outcomes) {
            double r = o.tokensPerParameter();
            if (o.converged() && Double.isFinite(r)) {
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
            }
        }
        return lo > hi ? new double[]{Double.NaN, Double.NaN} : new double[]{lo, hi};
    }
}
