package dev.slaw.downstream;

import dev.slaw.fit.FitOptions;
import dev.slaw.law.Law;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The fitting choices of a chain: each step's law (its parameter declarations are the bounds)
 * and options, and the helper point step 2 adds to its data.
 *
 * @param lossLaw          step 1, variables N and D, target the task loss
 * @param lossOptions      step 1's fit options
 * @param accuracyLaw      step 2, variable x (the task loss), target y (accuracy)
 * @param accuracyOptions  step 2's fit options, given the task's chance accuracy (the
 *                         paper's starts depend on it)
 * @param helperLoss       the helper point's loss (Bhagia et al.: 0), empty for none
 * @param helperAccuracy   the helper point's accuracy (Bhagia et al.: 1)
 */
public record ChainSettings(Law lossLaw, FitOptions lossOptions, Law accuracyLaw,
                            Function<Double, FitOptions> accuracyOptions, OptionalDouble helperLoss,
                            double helperAccuracy) {

    /** Step 2's options for a task with this chance accuracy. */
    public FitOptions accuracyOptions(double chance) {
        return accuracyOptions.apply(chance);
    }

    /** The variables of step 1 that a target names. */
    static Map<String, Double> lossPoint(double n, double d) {
        return Map.of("N", n, "D", d);
    }
}
