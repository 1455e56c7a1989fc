package dev.slaw.planning;

import java.util.Map;

/**
 * A planned outcome whose numbers can be recomputed under each bootstrap replicate of the law's
 * parameters, giving each an interval ({@link PlanIntervals}).
 */
public interface Plan {
    /**
     * The planned quantities by name, in a stable order: e.g. {@code parameterCount},
     * {@code tokenCount}, {@code tokensPerParameter}, {@code loss}, {@code computeFlops}.
     */
    Map<String, Double> quantities();

    /** Percentile intervals of the quantities over replicates, or {@link Intervals#NONE}. */
    Intervals intervals();
}
