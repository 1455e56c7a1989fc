package dev.slaw.planning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A planned outcome whose numbers can be recomputed under each bootstrap replicate of the law's
 * parameters, giving each an interval ({@link PlanIntervals}).
 */
public interface Plan {
    /** N, the parameters of the planned model. */
    double parameterCount();

    /** D, the tokens the planned model trains on. */
    double tokenCount();

    /** D / N, Chinchilla's "tokens per parameter" (about 20 in Hoffmann et al. 2022). */
    default double tokensPerParameter() {
        return tokenCount() / parameterCount();
    }

    /** The quantities every plan has, N, D and D / N in that order, for a plan to add its own to. */
    default Map<String, Double> modelSize() {
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("parameterCount", parameterCount());
        q.put("tokenCount", tokenCount());
        q.put("tokensPerParameter", tokensPerParameter());
        return q;
    }

    /**
     * The planned quantities by name, in a stable order: e.g. {@code parameterCount},
     * {@code tokenCount}, {@code tokensPerParameter}, {@code loss}, {@code computeFlops}.
     */
    Map<String, Double> quantities();

    /** Percentile intervals of the quantities over replicates, or {@link Intervals#NONE}. */
    Intervals intervals();
}
