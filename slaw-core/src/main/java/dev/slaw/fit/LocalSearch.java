package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.optim.Bfgs;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.LevenbergMarquardt;
import dev.slaw.optim.OptimizationResult;

/**
 * The local optimiser a {@link FitOptions} names, bound to one thread's {@link FitProblem}: runs
 * it from one start and ranks what it found by the fit's own objective.
 */
final class LocalSearch {
    private final Optimizer kind;
    private final FitProblem problem;
    private final Lbfgsb lbfgsb;
    private final Bfgs bfgs;
    private final LevenbergMarquardt lm;
    private final Fitter.WeightedResiduals residuals;

    LocalSearch(FitOptions options, FitProblem problem) {
        check(options);
        this.kind = options.optimizer();
        this.problem = problem;
        this.lbfgsb = Lbfgsb.withDefaults().withFunctionTolerance(options.functionTolerance())
                .withGradientTolerance(options.gradientTolerance()).withStoppingRule(options.stoppingRule());
        this.bfgs = Bfgs.withDefaults().withGradientTolerance(options.gradientTolerance())
                .withStoppingRule(options.stoppingRule());
        this.lm = LevenbergMarquardt.withDefaults();
        this.residuals = kind == Optimizer.LEVENBERG_MARQUARDT ? new Fitter.WeightedResiduals(problem) : null;
    }

    /** Refuses an optimiser that cannot minimise the options' objective. */
    static void check(FitOptions options) {
        if (options.optimizer() == Optimizer.LEVENBERG_MARQUARDT && options.objective().loss() != Loss.SQUARED) {
            throw new BadInputException("Levenberg-Marquardt minimises squared residuals; choose the squared loss "
                    + "or the L-BFGS-B optimiser");
        }
    }

    /** One local optimisation from {@code start} (projected into the bounds first). */
    OptimizationResult minimize(double[] start, Bounds bounds) {
        double[] x0 = bounds.project(start);
        return switch (kind) {
            case LBFGSB -> lbfgsb.minimize(problem, x0, bounds);
            case LEVENBERG_MARQUARDT -> lm.minimize(residuals, x0, bounds);
            case BFGS -> withinBounds(bfgs.minimize(problem, x0), bounds);
        };
    }

    /**
     * The fit's objective where {@code r} ended, by which starts are ranked; +infinity outside
     * the bounds, so that such an end point is never the fit. (Levenberg-Marquardt reports half
     * the sum of squares, hence the re-evaluation.)
     */
    double objective(OptimizationResult r) {
        if (r.status() == OptimizationResult.Status.OUT_OF_BOUNDS) {
            return Double.POSITIVE_INFINITY;
        }
        return kind == Optimizer.LEVENBERG_MARQUARDT ? problem.valueAndGradient(r.point(), new double[r.point().length])
                : r.value();
    }

    /** BFGS does not enforce bounds: an end point outside them does not count as converged. */
    private static OptimizationResult withinBounds(OptimizationResult r, Bounds bounds) {
        double[] x = r.point();
        for (int i = 0; i < x.length; i++) {
            if (x[i] < bounds.lower(i) || x[i] > bounds.upper(i)) {
                return new OptimizationResult(x, r.value(), r.gradient(), r.iterations(), r.evaluations(),
                        OptimizationResult.Status.OUT_OF_BOUNDS, "BFGS ended outside the declared bounds ("
                        + r.message() + ")");
            }
        }
        return r;
    }
}
