package dev.slaw.downstream;

import dev.slaw.fit.Fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One task's chained prediction: its fits, and the numbers of the paper's table.
 *
 * @param task                the task
 * @param lossFit             step 1's first fit (N, D or C to the task loss, or to the upstream loss)
 * @param accuracyFit         step 2 (task loss to accuracy, or to error under error-exp)
 * @param observedLoss        the target model's task loss
 * @param predictedLoss       step 1 at the target's N and D
 * @param lossFitError        step 1's mean |prediction - x| / x over its training runs
 * @param accuracyAtObserved  step 2's accuracy at the observed loss
 * @param chainedAccuracy     step 2's accuracy at step 1's prediction
 * @param observedAccuracy    the target model's accuracy
 * @param transferFit         under a loss-to-loss step 1, the upstream-to-task-loss fit
 * @param singleStepFit       the single-step comparison (N, D to accuracy), if asked for
 * @param singleStepAccuracy  its accuracy at the target (NaN without it)
 * @param observedUpstream    under a loss-to-loss step 1, the target's upstream loss (else NaN)
 * @param predictedUpstream   under a loss-to-loss step 1, its prediction at the target (else NaN)
 */
public record ChainPrediction(String task, Fit lossFit, Fit accuracyFit, double observedLoss, double predictedLoss,
                              double lossFitError, double accuracyAtObserved, double chainedAccuracy,
                              double observedAccuracy, Optional<Fit> transferFit, Optional<Fit> singleStepFit,
                              double singleStepAccuracy, double observedUpstream, double predictedUpstream) {

    /** (predicted - observed) / observed of step 1, signed. */
    public double lossError() {
        return (predictedLoss - observedLoss) / observedLoss;
    }

    /** |chained - observed| / observed: unsigned, as the paper reports it. */
    public double chainedError() {
        return Math.abs(chainedAccuracy - observedAccuracy) / observedAccuracy;
    }

    /**
     * What a reader must not miss: an accuracy outside [0, 1] (error-exp has no top: where its
     * fitted k exceeds eps the error falls below 0 at small losses).
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!(chainedAccuracy >= 0 && chainedAccuracy <= 1) || !(accuracyAtObserved >= 0 && accuracyAtObserved <= 1)) {
            out.add(String.format(Locale.ROOT, "%s: step 2 gives an accuracy outside [0, 1] (%.4f chained, %.4f at the "
                    + "actual loss); its law is extrapolated beyond where it means an accuracy", task, chainedAccuracy,
                    accuracyAtObserved));
        }
        return out;
    }

    /** |single step - observed| / observed (NaN without the comparison). */
    public double singleStepError() {
        return Math.abs(singleStepAccuracy - observedAccuracy) / observedAccuracy;
    }
}
