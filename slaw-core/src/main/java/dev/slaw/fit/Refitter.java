package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.OptimizationResult;

import java.util.List;

/**
 * Refits one law to one dataset many times under different per-row multiplicities, the form a
 * bootstrap resample takes: drawing rows with replacement and summing the objective over the
 * draws equals weighting each row by how often it was drawn, sum_i c_i w_i rho(r_i).
 *
 * <p>The rows are checked and bound once ({@link #prepare}); each thread then takes its own
 * {@link Worker}, which reuses one evaluator and one objective, so a replicate costs only its
 * optimiser runs. Fitting the resampled rows with {@link Fitter#fit} gives the same optimum
 * (up to the order of floating-point sums) at several times the cost.
 */
public final class Refitter {
    private final Law law;
    private final Dataset data;
    private final FitOptions options;
    private final Fitter.Prepared prepared;
    private final List<double[]> starts;
    /** The full data's curvature at the first start, for L-BFGS-B under the relative rule; else null. */
    private final Preconditioner preconditioner;

    private Refitter(Law law, Dataset data, FitOptions options, Fitter.Prepared prepared, List<double[]> starts,
                     Preconditioner preconditioner) {
        this.law = law;
        this.data = data;
        this.options = options;
        this.prepared = prepared;
        this.starts = starts;
        this.preconditioner = preconditioner;
    }

    /**
     * Checks the rows once, as {@link Fitter#fit} does, and fixes the starts every refit uses.
     *
     * @throws dev.slaw.data.BadInputException for unusable data, with the same messages as a fit
     */
    public static Refitter prepare(Law law, Dataset data, String target, FitOptions options) {
        Fitter.Prepared prep = Fitter.prepare(law, data, target, options.objective());
        List<double[]> starts = options.starts().generate(law, prep.problem().parametrization(), data,
                data.column(target), options.threads());
        if (starts.isEmpty()) {
            throw new dev.slaw.data.BadInputException("no start points");
        }
        LocalSearch.check(options);
        // refits start at (or around) a fit's optimum: its curvature preconditions them (Preconditioner);
        // scipy's rule and the other optimisers stay as published
        Preconditioner preconditioner = options.optimizer() == LocalOptimizer.LBFGSB
                && options.stoppingRule() == dev.slaw.optim.StoppingRule.RELATIVE
                ? Preconditioner.at(prep.problem(), prep.problem().parametrization().bounds().project(starts.get(0)))
                .orElse(null) : null;
        return new Refitter(law, data, options, prep, starts, preconditioner);
    }

    /** Rows of the data. */
    public int rows() {
        return prepared.y().length;
    }

    /** A refitter for one thread. */
    public Worker worker() {
        return new Worker();
    }

    /**
     * The outcome of one refit.
     *
     * @param values         every parameter in the law's order, or null when no start reached a
     *                       finite objective
     * @param objectiveValue the weighted objective at the optimum
     * @param converged      whether the best start converged
     * @param message        the best start's stop reason, or why no start succeeded
     */
    public record Refit(double[] values, double objectiveValue, boolean converged, String message) {
        public boolean succeeded() {
            return values != null;
        }
    }

    /** Holds one thread's evaluator, objective and multiplicity buffer. */
    public final class Worker {
        private final double[] weights;
        private final FitProblem problem;
        private final Parametrization map;
        private final Bounds bounds;
        private final LocalSearch search;

        private Worker() {
            weights = new double[rows()];
            map = new Parametrization(law.parameters());
            // the problem reads this worker's weights array, rewritten before each refit
            problem = new FitProblem(law, () -> law.evaluator(data), map, options.objective(), prepared.y(), weights);
            bounds = map.bounds();
            search = new LocalSearch(options, problem);
        }

        /**
         * The objective over every row counted once (times its weight, if weighted) at the given
         * parameter values, in the law's order: what a refit's parameters score on all the data.
         */
        public double objectiveAt(double[] parameterValues) {
            double[] base = prepared.weights();
            for (int i = 0; i < weights.length; i++) {
                weights[i] = base == null ? 1 : base[i];
            }
            double[] u = map.toOptimizer(parameterValues);
            return problem.valueAndGradient(u, new double[u.length]);
        }

        /**
         * Refits with row i counted {@code multiplicity[i]} times (times its weight, if the
         * objective is weighted), from every start, keeping the lowest objective (the first
         * start on ties).
         */
        public Refit refit(double[] multiplicity) {
            if (multiplicity.length != weights.length) {
                throw new IllegalArgumentException(multiplicity.length + " multiplicities for " + weights.length + " rows");
            }
            double[] base = prepared.weights();
            for (int i = 0; i < weights.length; i++) {
                weights[i] = base == null ? multiplicity[i] : base[i] * multiplicity[i];
            }
            OptimizationResult best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            String lastMessage = "";
            for (double[] s : starts) {
                OptimizationResult r = preconditioner == null ? search.minimize(s, bounds)
                        : preconditioner.minimize(LocalOptimizer.LimitedMemoryBfgsB.configured(options), problem,
                        bounds.project(s), bounds).orElseGet(() -> search.minimize(s, bounds));
                lastMessage = r.message();
                double v = search.objective(r);
                if (Double.isFinite(v) && v < bestValue) {
                    bestValue = v;
                    best = r;
                }
            }
            if (best == null) {
                return new Refit(null, Double.NaN, false, "no start of " + starts.size()
                        + " reached a finite objective within the bounds (last: " + lastMessage + ")");
            }
            return new Refit(map.toParameters(best.point()), bestValue, best.converged(), best.message());
        }
    }
}
