package dev.slaw.planning;

import java.util.List;

/**
 * Parallel streams against parameters (ParScale, Chen et al. 2025): one row per number of
 * streams P, either for a model of given size ({@link #targetLoss} NaN) or for a target loss
 * ({@link #parameterCount} NaN, each row's parameters those that reach it).
 *
 * @param parameterCount the model's non-embedding parameters N, or NaN for a target-loss plan
 * @param targetLoss     the loss to reach, or NaN for a plan at given N
 * @param rows           one per P, in the order asked
 * @param warnings       what a reader should know
 */
public record ParallelStreamsPlan(double parameterCount, double targetLoss, List<Row> rows, List<String> warnings) {
    public ParallelStreamsPlan {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    /** Whether the plan answers a target loss (else it is at a given N). */
    public boolean forTarget() {
        return !Double.isNaN(targetLoss);
    }

    /**
     * One number of streams.
     *
     * @param streams              P
     * @param parameterCount       N run as P streams (given, or the N that reaches the target; NaN if none does)
     * @param loss                 predicted loss of N at P
     * @param equivalentParameters the single-stream (P = 1) N of the same loss; NaN if none reaches it
     * @param forwardFlopsPerToken 2 N P: each stream runs the whole network once per token
     */
    public record Row(double streams, double parameterCount, double loss, double equivalentParameters,
                      double forwardFlopsPerToken) {
    }
}
