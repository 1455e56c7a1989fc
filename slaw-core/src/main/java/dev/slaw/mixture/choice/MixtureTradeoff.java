package dev.slaw.mixture.choice;

import java.util.List;

/**
 * The trade-off between two targets: each point the lowest first target under a cap on the
 * second ({@link MixtureOptimum#constraintValue()}), from the first target's optimum to the
 * second's.
 *
 * @param front       the points, the first at the first target's optimum, caps falling
 * @param firstAlone  the first target's optimum without a cap
 * @param secondAlone the second target's own optimum
 */
public record MixtureTradeoff(List<MixtureOptimum> front, MixtureOptimum firstAlone, MixtureOptimum secondAlone) {
    public MixtureTradeoff {
        front = List.copyOf(front);
    }
}
