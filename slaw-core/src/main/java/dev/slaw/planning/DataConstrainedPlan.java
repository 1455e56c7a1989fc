package dev.slaw.planning;

import java.util.List;
import java.util.Map;

/**
 * The compute-optimal run when only U unique tokens exist.
 *
 * @param computeFlops        budget C, FLOPs
 * @param uniqueTokens        U, unique tokens available
 * @param parameterCount      N
 * @param tokenCount          D, training tokens (repeats counted)
 * @param loss                predicted loss
 * @param uniqueTokensUsed    U_D = min(D, U)
 * @param epochs              D / U_D (1 when the data suffices)
 * @param effectiveTokens     D', what the repeated tokens are worth as fresh ones
 * @param effectiveParameters N', what the parameters are worth given the unique data
 * @param uniqueParameters    how U_N was chosen
 * @param unconstrained       the plan with unlimited data (Chinchilla's allocation), for comparison
 * @param warnings            what a reader should know
 * @param intervals           percentile intervals over replicates, or {@link Intervals#NONE}
 */
public record DataConstrainedPlan(double computeFlops, double uniqueTokens, double parameterCount, double tokenCount,
                                  double loss, double uniqueTokensUsed, double epochs, double effectiveTokens,
                                  double effectiveParameters, DataConstrained.UniqueParameters uniqueParameters,
                                  Allocation unconstrained, List<String> warnings, Intervals intervals)
        implements Plan {
    public DataConstrainedPlan {
        warnings = List.copyOf(warnings);
    }

    public DataConstrainedPlan withIntervals(Intervals newIntervals) {
        return new DataConstrainedPlan(computeFlops, uniqueTokens, parameterCount, tokenCount, loss, uniqueTokensUsed,
                epochs, effectiveTokens, effectiveParameters, uniqueParameters, unconstrained, warnings, newIntervals);
    }

    @Override
    public Map<String, Double> quantities() {
        Map<String, Double> q = modelSize();
        q.put("epochs", epochs);
        q.put("effectiveTokens", effectiveTokens);
        q.put("loss", loss);
        return q;
    }
}
