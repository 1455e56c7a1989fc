package dev.slaw.fit;

import java.util.List;

/**
 * Every choice that shapes a fit, with the Chinchilla protocol's defaults; all recorded in the
 * {@link Fit}.
 *
 * @param objective what is minimised
 * @param optimizer the local optimiser
 * @param starts    where the multi-start begins
 * @param threads   worker threads (the result does not depend on it)
 * @param seed      seed of every random choice
 * @param notes     what was done to the data before the fit (filters, dropped rows), for the record
 * @param functionTolerance L-BFGS-B's relative-reduction stop (scipy's default 2.2e-9 of max(|f|, 1))
 * @param gradientTolerance L-BFGS-B's projected-gradient stop (scipy's default 1e-5)
 */
public record FitOptions(Objective objective, Optimizer optimizer, Starts starts, int threads, long seed,
                         List<String> notes, double functionTolerance, double gradientTolerance) {

    /** scipy's L-BFGS-B default {@code factr * eps = 1e7 * 2.22e-16}. */
    public static final double SCIPY_FUNCTION_TOLERANCE = 2.220446049250313e-09;
    /** scipy's L-BFGS-B default {@code pgtol}. */
    public static final double SCIPY_GRADIENT_TOLERANCE = 1e-5;

    public FitOptions {
        notes = List.copyOf(notes);
        if (threads < 1) {
            throw new dev.slaw.data.BadInputException("threads must be at least 1, got " + threads);
        }
    }

    /** Huber(1e-3) summed, L-BFGS-B, the law's default grid, all cores, seed 0. */
    public static FitOptions defaults() {
        return new FitOptions(Objective.huber(), Optimizer.LBFGSB, Starts.lawGrid(),
                Runtime.getRuntime().availableProcessors(), 0, List.of(), SCIPY_FUNCTION_TOLERANCE,
                SCIPY_GRADIENT_TOLERANCE);
    }

    public FitOptions withObjective(Objective o) {
        return new FitOptions(o, optimizer, starts, threads, seed, notes, functionTolerance, gradientTolerance);
    }

    public FitOptions withOptimizer(Optimizer o) {
        return new FitOptions(objective, o, starts, threads, seed, notes, functionTolerance, gradientTolerance);
    }

    public FitOptions withStarts(Starts s) {
        return new FitOptions(objective, optimizer, s, threads, seed, notes, functionTolerance, gradientTolerance);
    }

    public FitOptions withThreads(int t) {
        return new FitOptions(objective, optimizer, starts, t, seed, notes, functionTolerance, gradientTolerance);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(objective, optimizer, starts, threads, s, notes, functionTolerance, gradientTolerance);
    }

    /** Tighter (or looser) L-BFGS-B stopping rules, e.g. for noiseless data whose objective tends to 0. */
    public FitOptions withTolerances(double function, double gradient) {
        return new FitOptions(objective, optimizer, starts, threads, seed, notes, function, gradient);
    }

    public FitOptions withNotes(List<String> n) {
        return new FitOptions(objective, optimizer, starts, threads, seed, n, functionTolerance, gradientTolerance);
    }
}
