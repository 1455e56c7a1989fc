package dev.slaw.fit;

import dev.slaw.optim.StoppingRule;

import java.util.List;
import java.util.Locale;

/**
 * Every choice that shapes a fit, with the Chinchilla protocol's defaults; all recorded in the
 * {@link Fit}.
 *
 * @param objective what is minimised
 * @param optimizer the local optimiser run from each start
 * @param starts    where the multi-start begins
 * @param threads   worker threads (the result does not depend on it)
 * @param seed      seed of every random choice
 * @param notes     what was done to the data before the fit (filters, dropped rows), for the record
 * @param functionTolerance L-BFGS-B's relative-reduction stop (default 2.2e-9, scipy's)
 * @param gradientTolerance L-BFGS-B's projected-gradient stop and BFGS's gradient stop
 *                          (default 1e-2 of |f|; 1e-5 under scipy's rule); an optimiser that
 *                          uses neither says so in the fit's warnings
 * @param stoppingRule      what L-BFGS-B's tolerances are measured against: the objective's
 *                          magnitude (relative, the default, scale-free) or scipy's 1 (for
 *                          reproducing published scipy fits)
 * @param screening         on large data, the rows the starts are screened on first
 *                          ({@link Screening})
 */
public record FitOptions(Objective objective, LocalOptimizer optimizer, Starts starts, int threads, long seed,
                         List<String> notes, double functionTolerance, double gradientTolerance,
                         StoppingRule stoppingRule, Screening screening) {

    /** scipy's L-BFGS-B default {@code factr * eps = 1e7 * 2.22e-16}. */
    public static final double SCIPY_FUNCTION_TOLERANCE = 2.220446049250313e-09;
    /** scipy's L-BFGS-B default {@code pgtol}. */
    public static final double SCIPY_GRADIENT_TOLERANCE = 1e-5;
    /**
     * The relative rule's gradient tolerance: stop when a unit step in the optimiser's
     * coordinates (log A, alpha) would change the objective by at most 1 %. L-BFGS-B converges
     * superlinearly there, so the end objective agrees with a 1e-5 tolerance to 12 digits on the
     * Chinchilla and OLMo-ladder fits, at two thirds of the evaluations.
     */
    public static final double RELATIVE_GRADIENT_TOLERANCE = 1e-2;

    public FitOptions {
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(stoppingRule, "stoppingRule");
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(screening, "screening");
        if (threads < 1) {
            throw new dev.slaw.data.BadInputException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * Huber(1e-3) summed, L-BFGS-B under the relative stopping rule (ftol 2.2e-9, gtol 1e-2, both
     * of |f|), the law's default grid, all cores, seed 0, starts screened on a sample of data
     * larger than {@link Screening#DEFAULT}'s threshold.
     */
    public static FitOptions defaults() {
        return new FitOptions(Objective.huber(), LocalOptimizer.LBFGSB, Starts.lawGrid(),
                Runtime.getRuntime().availableProcessors(), 0, List.of(), SCIPY_FUNCTION_TOLERANCE,
                RELATIVE_GRADIENT_TOLERANCE, StoppingRule.RELATIVE, Screening.DEFAULT);
    }

    /**
     * The same options under another stopping rule, with that rule's default tolerances
     * (override them after with {@link #withTolerances}). {@link StoppingRule#SCIPY} is what a
     * reproduction of a published scipy fit (Besiroglu et al. 2024, the OLMo ladder) must use,
     * since where such a fit stopped is part of its published result.
     */
    public FitOptions withStoppingRule(StoppingRule rule) {
        double gradient = rule == StoppingRule.RELATIVE ? RELATIVE_GRADIENT_TOLERANCE : SCIPY_GRADIENT_TOLERANCE;
        return new FitOptions(objective, optimizer, starts, threads, seed, notes, SCIPY_FUNCTION_TOLERANCE, gradient,
                rule, screening);
    }

    /**
     * The local optimiser as provenance records it, e.g. {@code lbfgsb (relative stop: ftol 2.22e-09,
     * gtol 1e-05)}; the tolerances are named only for the optimisers that use them.
     */
    public String describeOptimizer() {
        return optimizer.describe(this);
    }

    /** Three significant digits without trailing zeros: 2.22e-09, 0.01, 1e-05. */
    static String short3(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.\\d*?)0+(?=e|$)", "$1").replaceAll("\\.(?=e|$)", "");
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(o, optimizer, starts, threads, seed, notes, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }

    public FitOptions withOptimizer(LocalOptimizer o) {
        return new FitOptions(objective, o, starts, threads, seed, notes, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }

    public FitOptions withStarts(Starts s) {
        return new FitOptions(objective, optimizer, s, threads, seed, notes, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }

    public FitOptions withThreads(int t) {
        return new FitOptions(objective, optimizer, starts, t, seed, notes, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(objective, optimizer, starts, threads, s, notes, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }

    /** Tighter (or looser) stopping rules of the optimisers that have them, e.g. for noiseless data whose objective tends to 0. */
    public FitOptions withTolerances(double function, double gradient) {
        return new FitOptions(objective, optimizer, starts, threads, seed, notes, function, gradient, stoppingRule, screening);
    }

    /** The same options screening starts as {@code s} says ({@link Screening#NEVER}: every start on every row). */
    public FitOptions withScreening(Screening s) {
        return new FitOptions(objective, optimizer, starts, threads, seed, notes, functionTolerance, gradientTolerance,
                stoppingRule, s);
    }

    public FitOptions withNotes(List<String> n) {
        return new FitOptions(objective, optimizer, starts, threads, seed, n, functionTolerance, gradientTolerance,
                stoppingRule, screening);
    }
}
