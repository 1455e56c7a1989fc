package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.OptimizationResult;

/**
 * The local optimiser a {@link FitOptions} names, bound to one thread's {@link FitProblem}: runs
 * it from one start and ranks what it found by the fit's own objective.
 */
final class LocalSearch {
    private final FitOptions options;
    private final FitProblem problem;

    LocalSearch(FitOptions options, FitProblem problem) {
        check(options);
        this.options = options;
        this.problem = problem;
    }

    /** Refuses an optimiser that cannot minimise the options' objective. */
    static void check(FitOptions options) {
        String why = options.optimizer().refusal(options.objective());
        if (why != null) {
            throw new BadInputException(why);
        }
    }

    /** One local optimisation from {@code start} (projected into the bounds first). */
    OptimizationResult minimize(double[] start, Bounds bounds) {
        return options.optimizer().minimize(problem, bounds.project(start), bounds, options);
    }

    /**
     * The fit's objective where {@code r} ended, by which starts are ranked; +infinity outside
     * the bounds, so that such an end point is never the fit.
     */
    double objective(OptimizationResult r) {
        return r.status() == OptimizationResult.Status.OUT_OF_BOUNDS ? Double.POSITIVE_INFINITY : r.value();
    }
}
