package dev.slaw.downstream;

import dev.slaw.fit.Fit;

/**
 * One task's chained prediction: both fits, and the numbers of the paper's table.
 *
 * @param task                the task
 * @param lossFit             step 1 (N, D to task loss)
 * @param accuracyFit         step 2 (task loss to accuracy)
 * @param observedLoss        the target model's task loss
 * @param predictedLoss       step 1 at the target's N and D
 * @param lossFitError        step 1's mean |prediction - x| / x over its training runs
 * @param accuracyAtObserved  step 2 at the observed loss
 * @param chainedAccuracy     step 2 at step 1's prediction
 * @param observedAccuracy    the target model's accuracy
 */
public record ChainPrediction(String task, Fit lossFit, Fit accuracyFit, double observedLoss, double predictedLoss,
                              double lossFitError, double accuracyAtObserved, double chainedAccuracy,
                              double observedAccuracy) {

    /** (predicted - observed) / observed of step 1, signed. */
    public double lossError() {
        return (predictedLoss - observedLoss) / observedLoss;
    }

    /** |chained - observed| / observed: unsigned, as the paper reports it. */
    public double chainedError() {
        return Math.abs(chainedAccuracy - observedAccuracy) / observedAccuracy;
    }
}
