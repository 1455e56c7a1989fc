package dev.slaw.planning;

import java.util.List;

/**
 * The critical batch size at one target loss (Kaplan et al. 2020), and for a given run the fewest
 * steps and tokens that reach the same loss.
 *
 * @param loss              L, nats per token
 * @param criticalBatch     B_crit(L), tokens
 * @param sequenceLength    tokens per sequence, NaN when not given
 * @param criticalSequences B_crit in sequences, NaN without a sequence length
 * @param batchTokens       the run's batch B in tokens, NaN when not given
 * @param tokens            the run's tokens E = B S, NaN when not given
 * @param steps             S = E / B, NaN without a run
 * @param fewestSteps       S_min = S / (1 + B_crit/B) (eq. 5.4), NaN without a run
 * @param fewestTokens      E_min = E / (1 + B/B_crit), NaN without a run
 * @param warnings          what a reader should know
 */
public record CriticalBatchPlan(double loss, double criticalBatch, double sequenceLength, double criticalSequences,
                                double batchTokens, double tokens, double steps, double fewestSteps,
                                double fewestTokens, List<String> warnings) {
    public CriticalBatchPlan {
        warnings = List.copyOf(warnings);
    }
}
