package dev.slaw.planning;

import java.util.List;

/**
 * The critical batch size for a planned number of training tokens (Zhang et al. 2024), and for a
 * given batch its steps and how it stands against the critical batch.
 *
 * @param tokens            D, training tokens
 * @param criticalBatch     B_crit(D), tokens
 * @param sequenceLength    tokens per sequence, NaN when not given
 * @param criticalSequences B_crit in sequences, NaN without a sequence length
 * @param criticalSteps     D / B_crit, the steps of a run at the critical batch
 * @param batchTokens       the run's batch B in tokens, NaN when not given
 * @param steps             D / B, NaN without a batch
 * @param batchRatio        B / B_crit, NaN without a batch
 * @param warnings          what a reader should know
 */
public record CriticalBatchFromDataPlan(double tokens, double criticalBatch, double sequenceLength,
                                        double criticalSequences, double criticalSteps, double batchTokens,
                                        double steps, double batchRatio, List<String> warnings) {
    public CriticalBatchFromDataPlan {
        warnings = List.copyOf(warnings);
    }
}
