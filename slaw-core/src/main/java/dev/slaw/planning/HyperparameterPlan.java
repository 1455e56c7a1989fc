package dev.slaw.planning;

import java.util.List;

/**
 * The learning rate and batch size for one model and one token budget.
 *
 * @param parameterCount  N, non-embedding parameters (NaN when not given)
 * @param tokenCount      D, training tokens (NaN when not given)
 * @param computeFlops    C, the compute budget (NaN when not given)
 * @param learningRate    peak learning rate
 * @param batchTokens     batch size in tokens (sequences times sequence length)
 * @param sequenceLength  tokens per sequence, NaN when not given
 * @param batchSequences  batch size in sequences, NaN when no sequence length was given
 * @param steps           optimizer steps, D / B
 * @param timescale       the AdamW timescale tau = B / (eta lambda D) of a timescale law, NaN without one
 * @param weightDecay     the AdamW weight decay lambda = B / (eta tau D), NaN without a timescale law
 * @param warnings        what a reader should know
 */
public record HyperparameterPlan(double parameterCount, double tokenCount, double computeFlops, double learningRate,
                                 double batchTokens, double sequenceLength, double batchSequences, double steps, double timescale,
                                 double weightDecay, List<String> warnings) {
    public HyperparameterPlan {
        warnings = List.copyOf(warnings);
    }
}
