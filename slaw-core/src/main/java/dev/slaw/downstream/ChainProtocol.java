package dev.slaw.downstream;

import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Starts;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.optim.StoppingRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every choice of a ladder chain: how each run's checkpoints are summarised (step 1: the mean of
 * the last {@code lastMean}; step 2: checkpoints after the first {@code skipFraction}, smoothed
 * by a trailing {@code movingAverage}-point mean) and how the two steps are fitted.
 *
 * @param name          the protocol's name, for the record
 * @param lastMean      step 1's x per run: the mean over this many last checkpoints
 * @param skipFraction  step 2 drops the first ceil(fraction n) checkpoints of each run
 * @param movingAverage step 2's trailing moving average (1: none)
 * @param settings      the laws, their bounds, the fit options and the helper point
 */
public record ChainProtocol(String name, int lastMean, double skipFraction, int movingAverage,
                            ChainSettings settings) {

    /** Bhagia et al.'s step-1 bounds: a, b, alpha, beta, E >= 0, with A = exp(a). */
    public static final List<String> BHAGIA_LOSS_BOUNDS = List.of("A in [1, inf] log", "B in [1, inf] log",
            "alpha in [0, inf]", "beta in [0, inf]", "E >= 0");
    /** Bhagia et al.'s step-2 bounds: a in [-1, 0], k, x0 >= 0, b in [0, 1] (a falling sigmoid). */
    public static final List<String> BHAGIA_ACCURACY_BOUNDS = List.of("a in [-1, 0]", "k >= 0", "x0 >= 0",
            "b in [0, 1]");

    public ChainProtocol {
        if (lastMean < 1 || movingAverage < 1) {
            throw new dev.slaw.data.BadInputException("--last-mean and --moving-average must be at least 1");
        }
        if (!(skipFraction >= 0 && skipFraction < 1)) {
            throw new dev.slaw.data.BadInputException("--skip-fraction must be in [0, 1), got " + skipFraction);
        }
    }

    /**
     * Bhagia et al. 2024 as their scripts run it: step 1 L-BFGS-B from (a, b, alpha, beta, E) =
     * (3, 6, 0.1, 0.2, 1) on summed Huber(1e-3) of log residuals, ftol 0, gtol 1e-10; step 2
     * least squares from (a, x0, k, b) = (chance - 1, 0.9, 3, 1), helper point (0, 1).
     */
    public static ChainProtocol bhagia2024(int threads) {
        Catalogue catalogue = Catalogue.builtIn();
        Law loss = declare(catalogue.find("chinchilla").orElseThrow(), BHAGIA_LOSS_BOUNDS);
        Law accuracy = declare(catalogue.find("sigmoid-link").orElseThrow(), BHAGIA_ACCURACY_BOUNDS);
        FitOptions lossOptions = FitOptions.defaults().withThreads(threads)
                .withStarts(Starts.at(List.of(Map.of("A", Math.exp(3), "B", Math.exp(6), "alpha", 0.1,
                        "beta", 0.2, "E", 1.0))))
                .withStoppingRule(StoppingRule.SCIPY).withTolerances(0, 1e-10);
        ChainSettings settings = new ChainSettings(loss, lossOptions, accuracy,
                chance -> FitOptions.defaults().withThreads(threads).withObjective(Objective.of(Loss.SQUARED))
                        .withStarts(Starts.at(List.of(Map.of("a", chance - 1, "x0", 0.9, "k", 3.0, "b", 1.0))))
                        .withStoppingRule(StoppingRule.SCIPY).withTolerances(0, 1e-10),
                OptionalDouble.of(0), 1.0);
        return new ChainProtocol("bhagia-2024", 5, 0.1, 5, settings);
    }

    /**
     * slaw's defaults: the same summaries, bounds and helper point as Bhagia et al., but each
     * step fitted as {@code slaw fit} fits a law: step 1 the catalogue's chinchilla from its
     * 4,500-start grid, step 2 from starts made from the data, both under the relative stopping
     * rule (no start point to know in advance, and no early stop on small objectives).
     */
    public static ChainProtocol defaults(int threads) {
        Catalogue catalogue = Catalogue.builtIn();
        Law loss = catalogue.find("chinchilla").orElseThrow();
        Law accuracy = declare(catalogue.find("sigmoid-link").orElseThrow(), BHAGIA_ACCURACY_BOUNDS);
        FitOptions lossOptions = FitOptions.defaults().withThreads(threads);
        ChainSettings settings = new ChainSettings(loss, lossOptions, accuracy,
                chance -> FitOptions.defaults().withThreads(threads).withObjective(Objective.of(Loss.SQUARED)),
                OptionalDouble.of(0), 1.0);
        return new ChainProtocol("slaw", 5, 0.1, 5, settings);
    }

    /**
     * The single-step comparison of Bhagia et al. (their {@code single_step.py}): accuracy straight
     * from N and D, a falling sigmoid of chinchilla's form without its E, fitted to each run's
     * accuracy as step 1 is fitted to its loss (Huber of log residuals).
     */
    public static final Law SINGLE_STEP = dev.slaw.law.Catalogue.parse("the single-step law", """
            name: single-step
            formula: acc = a / (1 + exp(-(A / N^alpha + B / D^beta + c))) + b
            description: Accuracy from parameters N and tokens D in one step: a falling sigmoid of chinchilla's form.
            variables: N = parameters, D = training tokens
            param: A > 0
            param: B > 0
            param: alpha in [0, 3]
            param: beta in [0, 3]
            param: c free
            param: a in [-1, 0]
            param: b in [0, 1]
            target: log
            start: A = exp(0, 5, 10)
            start: B = exp(0, 5, 10)
            start: alpha = 0.2, 0.5
            start: beta = 0.2, 0.5
            start: c = -2, 0, 2
            cite: Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient Model Ladders" (arXiv:2412.04403), the single-step comparison
            """);

    /** Bhagia et al.'s single-step bounds: A, B >= 1 (they fit log A, log B >= 0), alpha, beta >= 0, a in [-1, 0], b in [0, 1]. */
    public static final List<String> BHAGIA_SINGLE_STEP_BOUNDS = List.of("A in [1, inf] log", "B in [1, inf] log",
            "alpha in [0, inf]", "beta in [0, inf]", "a in [-1, 0]", "b in [0, 1]");

    /**
     * This protocol with the single-step comparison, fitted as the protocol fits step 1:
     * bhagia-2024 from the paper's one start (log A, log B, alpha, beta, c, a, b) = (3, 5, 0.2, 0.3,
     * 0, chance - 1, 1) within its bounds, slaw's default from the law's 108-point grid.
     */
    public ChainProtocol withSingleStep(boolean paperStarts) {
        FitOptions base = settings.lossOptions();
        if (!paperStarts) {
            return withSettings(settings.withSingleStep(SINGLE_STEP, chance -> base.withStarts(Starts.lawGrid())));
        }
        return withSettings(settings.withSingleStep(declare(SINGLE_STEP, BHAGIA_SINGLE_STEP_BOUNDS),
                chance -> base.withStarts(Starts.at(List.of(Map.of("A", Math.exp(3), "B", Math.exp(5), "alpha", 0.2,
                        "beta", 0.3, "c", 0.0, "a", chance - 1, "b", 1.0))))));
    }

    /**
     * This protocol with another step 1. {@code compute} fits the catalogue's power-offset in
     * x = C = 6ND; {@code loss-to-loss} fits step 1's chinchilla to the upstream loss and the
     * catalogue's loss-to-loss from it to the task loss. The new laws start from their own grids
     * (a protocol's given start is for its own law), under the protocol's objective and stopping rule.
     */
    public ChainProtocol withStepOne(ChainSettings.StepOne stepOne) {
        ChainSettings s = settings;
        FitOptions lawsOwnStarts = s.lossOptions().withStarts(Starts.lawGrid());
        Catalogue catalogue = Catalogue.builtIn();
        return switch (stepOne) {
            case CHINCHILLA -> this;
            case COMPUTE -> withSettings(s.withStepOne(stepOne, catalogue.find("power-offset").orElseThrow(),
                    lawsOwnStarts, Optional.empty(), lawsOwnStarts));
            case LOSS_TO_LOSS -> withSettings(s.withStepOne(stepOne, s.lossLaw(), s.lossOptions(),
                    catalogue.find("loss-to-loss"), lawsOwnStarts));
        };
    }

    /**
     * This protocol with another step 2. {@code error-exp} is fitted to the error with its own
     * starts, step 2's objective and stopping rule, and no helper point (the point pins a
     * sigmoid's top; error-exp has none to pin).
     */
    public ChainProtocol withStepTwo(ChainSettings.StepTwo stepTwo) {
        if (stepTwo == ChainSettings.StepTwo.SIGMOID_LINK) {
            return this;
        }
        ChainSettings s = settings;
        Law errorExp = Catalogue.builtIn().find("error-exp").orElseThrow();
        return withSettings(s.withStepTwo(stepTwo, errorExp,
                chance -> s.accuracyOptions(chance).withStarts(Starts.lawGrid()), OptionalDouble.empty(), 1.0));
    }

    /** This protocol with a new name (e.g. marked as changed). */
    public ChainProtocol named(String newName) {
        return new ChainProtocol(newName, lastMean, skipFraction, movingAverage, settings);
    }

    /** The law with these declarations applied to its parameters. */
    public static Law declare(Law law, List<String> declarations) {
        return law.withParameters(ParameterDeclaration.applyAll(law.parameters(), declarations, law.name()));
    }

    public ChainProtocol withLastMean(int k) {
        return new ChainProtocol(name, k, skipFraction, movingAverage, settings);
    }

    public ChainProtocol withSkipFraction(double f) {
        return new ChainProtocol(name, lastMean, f, movingAverage, settings);
    }

    public ChainProtocol withMovingAverage(int k) {
        return new ChainProtocol(name, lastMean, skipFraction, k, settings);
    }

    public ChainProtocol withSettings(ChainSettings s) {
        return new ChainProtocol(name, lastMean, skipFraction, movingAverage, s);
    }
}
