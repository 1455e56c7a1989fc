package dev.slaw.downstream;

import dev.slaw.fit.FitOptions;
import dev.slaw.law.Law;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The fitting choices of a chain: which law each step fits (its parameter declarations are the
 * bounds) with which options, and the helper point step 2 adds to its data.
 *
 * @param stepOne          how step 1 reaches the task loss from the target's N and D
 * @param lossLaw          step 1's first law: chinchilla in N and D (the task loss, or under
 *                         {@link StepOne#LOSS_TO_LOSS} the upstream loss), or power-offset in x = C
 * @param lossOptions      its fit options
 * @param transferLaw      under {@link StepOne#LOSS_TO_LOSS}: loss-to-loss from the upstream loss
 *                         L1 to the task loss L2; empty otherwise
 * @param transferOptions  its fit options (unused without a transfer law)
 * @param stepTwo          the law from task loss to accuracy
 * @param accuracyLaw      step 2: sigmoid-link (x to accuracy y) or error-exp (L to error Err)
 * @param accuracyOptions  step 2's fit options, given the task's chance accuracy (the
 *                         paper's starts depend on it)
 * @param helperLoss       the helper point's loss (Bhagia et al.: 0), empty for none
 * @param helperAccuracy   the helper point's accuracy (Bhagia et al.: 1)
 * @param singleStepLaw    N, D straight to accuracy, fitted for comparison; empty for none
 * @param singleStepOptions its fit options given the task's chance accuracy (unused without it)
 */
public record ChainSettings(StepOne stepOne, Law lossLaw, FitOptions lossOptions, Optional<Law> transferLaw,
                            FitOptions transferOptions, StepTwo stepTwo, Law accuracyLaw,
                            Function<Double, FitOptions> accuracyOptions, OptionalDouble helperLoss,
                            double helperAccuracy, Optional<Law> singleStepLaw,
                            Function<Double, FitOptions> singleStepOptions) {

    /** How step 1 predicts the task loss. */
    public enum StepOne {
        /** Chinchilla's law in N and D, fitted to the task loss. */
        CHINCHILLA("chinchilla"),
        /** A power law with offset in compute C = 6 N D alone. */
        COMPUTE("compute"),
        /** Chinchilla in N and D to an upstream loss, then loss-to-loss from it to the task loss. */
        LOSS_TO_LOSS("loss-to-loss");

        private final String word;

        StepOne(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** How step 2 maps the task loss to accuracy. */
    public enum StepTwo {
        /** Bhagia et al.'s sigmoid of the loss, fitted to accuracy. */
        SIGMOID_LINK("sigmoid-link"),
        /** Gadre et al.'s Err = eps - k exp(-gamma L), fitted to the error 1 - accuracy. */
        ERROR_EXP("error-exp");

        private final String word;

        StepTwo(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public ChainSettings {
        if (stepOne == StepOne.LOSS_TO_LOSS && transferLaw.isEmpty()) {
            throw new IllegalArgumentException("a loss-to-loss step 1 needs its transfer law");
        }
    }

    /** Bhagia et al.'s two steps: chinchilla to the task loss, sigmoid-link to accuracy, no comparison. */
    public ChainSettings(Law lossLaw, FitOptions lossOptions, Law accuracyLaw,
                         Function<Double, FitOptions> accuracyOptions, OptionalDouble helperLoss, double helperAccuracy) {
        this(StepOne.CHINCHILLA, lossLaw, lossOptions, Optional.empty(), lossOptions, StepTwo.SIGMOID_LINK, accuracyLaw,
                accuracyOptions, helperLoss, helperAccuracy, Optional.empty(), chance -> lossOptions);
    }

    /** The single step's options for a task with this chance accuracy. */
    public FitOptions singleStepOptions(double chance) {
        return singleStepOptions.apply(chance);
    }

    /** Step 2's options for a task with this chance accuracy. */
    public FitOptions accuracyOptions(double chance) {
        return accuracyOptions.apply(chance);
    }

    /** The same settings with another step 1. */
    public ChainSettings withStepOne(StepOne s, Law loss, FitOptions options, Optional<Law> transfer,
                                     FitOptions transferFitOptions) {
        return new ChainSettings(s, loss, options, transfer, transferFitOptions, stepTwo, accuracyLaw, accuracyOptions,
                helperLoss, helperAccuracy, singleStepLaw, singleStepOptions);
    }

    /** The same settings with another step 2 and helper point. */
    public ChainSettings withStepTwo(StepTwo s, Law accuracy, Function<Double, FitOptions> options,
                                     OptionalDouble helper, double helperAcc) {
        return new ChainSettings(stepOne, lossLaw, lossOptions, transferLaw, transferOptions, s, accuracy, options,
                helper, helperAcc, singleStepLaw, singleStepOptions);
    }

    /** The same settings with the single-step comparison. */
    public ChainSettings withSingleStep(Law law, Function<Double, FitOptions> options) {
        return new ChainSettings(stepOne, lossLaw, lossOptions, transferLaw, transferOptions, stepTwo, accuracyLaw,
                accuracyOptions, helperLoss, helperAccuracy, Optional.of(law), options);
    }

    /** The same settings with each step's laws replaced (e.g. bounds declared on them). */
    public ChainSettings withLaws(Law loss, Law accuracy) {
        return new ChainSettings(stepOne, loss, lossOptions, transferLaw, transferOptions, stepTwo, accuracy,
                accuracyOptions, helperLoss, helperAccuracy, singleStepLaw, singleStepOptions);
    }

    /** The same settings with every fit's options changed alike (starts, stopping rule). */
    public ChainSettings withEveryFit(UnaryOperator<FitOptions> change) {
        return new ChainSettings(stepOne, lossLaw, change.apply(lossOptions), transferLaw,
                change.apply(transferOptions), stepTwo, accuracyLaw, accuracyOptions.andThen(change), helperLoss,
                helperAccuracy, singleStepLaw, singleStepOptions.andThen(change));
    }

    /** The variables of step 1 that a target names. */
    static Map<String, Double> lossPoint(double n, double d) {
        return Map.of("N", n, "D", d);
    }
}
