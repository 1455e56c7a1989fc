package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.optim.Bfgs;
import dev.slaw.optim.Bounds;
import dev.slaw.optim.Lbfgsb;
import dev.slaw.optim.OptimizationResult;
import dev.slaw.optim.StoppingRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local optimiser run from each start: one method, {@link #minimize}, which takes a start in
 * the optimiser's coordinates and returns where it ended with the fit's own objective there (so
 * that every optimiser's end points are ranked alike). The tolerances of {@link FitOptions} apply
 * to the optimisers that have them; {@link #unusedTolerances} names those a fit set that its
 * optimiser does not use, and the fit records them as a warning.
 */
public sealed interface LocalOptimizer permits LocalOptimizer.LimitedMemoryBfgsB, LocalOptimizer.UnconstrainedBfgs,
        LocalOptimizer.LevenbergMarquardt, AdamW, GaussNewton {

    /** L-BFGS-B under the options' stopping rule and tolerances (the default). */
    LocalOptimizer LBFGSB = new LimitedMemoryBfgsB();
    /**
     * Unconstrained BFGS as scipy's {@code minimize(method="BFGS")} (the Epoch replication's
     * bootstrap refits); bounds are not enforced, and an end point outside them is not counted
     * as converged.
     */
    LocalOptimizer BFGS = new UnconstrainedBfgs();
    /** Levenberg-Marquardt (Hipparchus) on the residuals: least squares only. */
    LocalOptimizer LEVENBERG_MARQUARDT = new LevenbergMarquardt();

    /**
     * One local optimisation of {@code problem} from {@code start} (within {@code bounds}); the
     * result's value is the fit's objective at its point.
     */
    OptimizationResult minimize(FitProblem problem, double[] start, Bounds bounds, FitOptions options);

    /** The name provenance and the command line use: lbfgsb, bfgs, levenberg_marquardt, adamw. */
    String name();

    /** Whether the optimiser can minimise {@code objective}; null if it can, else why not. */
    default String refusal(Objective objective) {
        return null;
    }

    /**
     * The optimiser as provenance records it, e.g. {@code lbfgsb (relative stop: ftol 2.22e-09,
     * gtol 0.01 of |f|)}; the tolerances are named only where they are used.
     */
    default String describe(FitOptions options) {
        return name();
    }

    /**
     * The tolerances of {@code options} this optimiser does not use although they differ from
     * their stopping rule's defaults (so someone set them), e.g. {@code ftol 1e-12}.
     */
    default List<String> unusedTolerances(FitOptions options) {
        List<String> out = new ArrayList<>();
        FitOptions defaults = options.withStoppingRule(options.stoppingRule());
        if (!usesFunctionTolerance() && options.functionTolerance() != defaults.functionTolerance()) {
            out.add("ftol " + FitOptions.short3(options.functionTolerance()));
        }
        if (!usesGradientTolerance() && options.gradientTolerance() != defaults.gradientTolerance()) {
            out.add("gtol " + FitOptions.short3(options.gradientTolerance()));
        }
        return out;
    }

    /** Whether {@link FitOptions#functionTolerance()} stops this optimiser (none but L-BFGS-B's does). */
    default boolean usesFunctionTolerance() {
        return false;
    }

    /** Whether {@link FitOptions#gradientTolerance()} stops this optimiser (L-BFGS-B's and BFGS's). */
    default boolean usesGradientTolerance() {
        return false;
    }

    /** The optimiser a command-line name stands for: lbfgsb (l-bfgs-b), bfgs, lm (levenberg-marquardt). */
    static LocalOptimizer parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "lbfgsb", "l-bfgs-b" -> LBFGSB;
            case "bfgs" -> BFGS;
            case "lm", "levenberg-marquardt", "levenberg_marquardt" -> LEVENBERG_MARQUARDT;
            default -> throw new BadInputException("--optimizer " + text + ": expected lbfgsb, bfgs or lm");
        };
    }

    /** The stopping rule and tolerances as provenance names them, e.g. {@code relative stop: gtol 0.01 of |f|}. */
    private static String stop(FitOptions options, boolean withFunctionTolerance) {
        StoppingRule rule = options.stoppingRule();
        return rule.label() + " stop: " + (withFunctionTolerance ? "ftol " + FitOptions.short3(options.functionTolerance())
                + ", " : "") + "gtol " + FitOptions.short3(options.gradientTolerance())
                + (rule == StoppingRule.RELATIVE ? " of |f|" : "");
    }

    /** L-BFGS-B (in-house, scipy's algorithm) with the options' stopping rule and both tolerances. */
    record LimitedMemoryBfgsB() implements LocalOptimizer {
        @Override
        public OptimizationResult minimize(FitProblem problem, double[] start, Bounds bounds, FitOptions options) {
            return configured(options).minimize(problem, start, bounds);
        }

        /** L-BFGS-B with the options' stopping rule and tolerances. */
        static Lbfgsb configured(FitOptions options) {
            return Lbfgsb.withDefaults().withFunctionTolerance(options.functionTolerance())
                    .withGradientTolerance(options.gradientTolerance()).withStoppingRule(options.stoppingRule());
        }

        @Override
        public String name() {
            return "lbfgsb";
        }

        @Override
        public String describe(FitOptions options) {
            return name() + " (" + stop(options, true) + ")";
        }

        @Override
        public boolean usesFunctionTolerance() {
            return true;
        }

        @Override
        public boolean usesGradientTolerance() {
            return true;
        }
    }

    /** scipy's BFGS: the gradient tolerance and stopping rule apply; there is no function tolerance. */
    record UnconstrainedBfgs() implements LocalOptimizer {
        @Override
        public OptimizationResult minimize(FitProblem problem, double[] start, Bounds bounds, FitOptions options) {
            OptimizationResult r = Bfgs.withDefaults().withGradientTolerance(options.gradientTolerance())
                    .withStoppingRule(options.stoppingRule()).minimize(problem, start);
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

        @Override
        public String name() {
            return "bfgs";
        }

        @Override
        public String describe(FitOptions options) {
            return name() + " (" + stop(options, false) + ")";
        }

        @Override
        public boolean usesGradientTolerance() {
            return true;
        }
    }

    /**
     * Levenberg-Marquardt (Hipparchus) on the weighted residuals, with its own relative stopping
     * tests (MINPACK's); the fit's tolerances do not apply.
     */
    record LevenbergMarquardt() implements LocalOptimizer {
        @Override
        public OptimizationResult minimize(FitProblem problem, double[] start, Bounds bounds, FitOptions options) {
            OptimizationResult r = dev.slaw.optim.LevenbergMarquardt.withDefaults()
                    .minimize(new Fitter.WeightedResiduals(problem), start, bounds);
            // it reports half the sum of squares; starts are ranked by the fit's objective
            double value = problem.valueAndGradient(r.point(), new double[r.point().length]);
            return new OptimizationResult(r.point(), value, r.gradient(), r.iterations(), r.evaluations(), r.status(),
                    r.message());
        }

        @Override
        public String name() {
            return "levenberg_marquardt";
        }

        @Override
        public String refusal(Objective objective) {
            return objective.loss() == Loss.SQUARED ? null
                    : "Levenberg-Marquardt minimises squared residuals; choose the squared loss or the L-BFGS-B optimiser";
        }
    }
}
