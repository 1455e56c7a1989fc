package dev.slaw.planning;

import java.util.List;

/**
 * The compute-optimal training precision for a budget (Kumar et al. 2024, section 4.3.2), with the
 * allocation it implies and, for comparison, the best allocation at 16 bits on the same budget.
 *
 * @param computeFlops      budget C = (6/16) N D P, FLOPs
 * @param precisionBits     P of least loss (weights, activations and KV cache alike)
 * @param parameterCount    N of least loss at that P
 * @param tokenCount        D the budget leaves, 16 C / (6 N P)
 * @param effectiveFraction N_eff / N at P where the law says (the catalogue's precision law), else NaN
 * @param loss              predicted loss
 * @param sixteenBitLoss    the least loss on the same budget when training in 16 bits
 * @param sixteenBitParameters N of that 16-bit allocation
 * @param warnings          what a reader should know
 */
public record PrecisionPlan(double computeFlops, double precisionBits, double parameterCount, double tokenCount,
                            double effectiveFraction, double loss, double sixteenBitLoss,
                            double sixteenBitParameters, List<String> warnings) {
    public PrecisionPlan {
        warnings = List.copyOf(warnings);
    }
}
