package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Compute-optimal planning with a loss surface L(N, D) (Hoffmann et al. 2022): for a budget C,
 * minimise L(N, D) subject to C(N, D) = C.
 *
 * <p>With a Chinchilla law and C = 6 N D the closed form of {@link ChinchillaForm} answers.
 * Otherwise the problem is solved numerically in x = log N: for each N the budget fixes D
 * (exactly D = C / (6 N) for the standard model, else by a root find of the {@link FlopModel} in
 * log D), which leaves a one-dimensional minimisation of g(x) = L(e^x, D(e^x)); a scan over
 * {@code searchDecades} on either side of N = sqrt(C/6) finds the global basin and the root of
 * g' refines it to about 1e-9 relative. An optimum on the edge of the scan is reported with a
 * warning: the law then does not bound the allocation.
 *
 * <p>Built on the same search: the least compute that reaches a target loss, and the
 * inference-aware optimum of Sardana et al. 2024.
 *
 * @param surface       the law to plan with
 * @param flops         training compute as a function of N and D
 * @param forceNumeric  search numerically even when a closed form exists (to check one against the other)
 * @param searchDecades how far from N = sqrt(C/6) the numeric search looks, in decades of N
 */
public record ComputeOptimal(LossSurface surface, FlopModel flops, boolean forceNumeric, double searchDecades) {
    private static final double LN10 = Math.log(10);

    public ComputeOptimal {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(flops, "flops");
        if (!(searchDecades > 0)) {
            throw new IllegalArgumentException("searchDecades must be positive, got " + searchDecades);
        }
    }

    /** Planning with C = 6 N D, the closed form where it exists, searching 8 decades either way. */
    public static ComputeOptimal of(LossSurface surface) {
        return new ComputeOptimal(surface, FlopModel.STANDARD, false, 8);
    }

    public ComputeOptimal withFlops(FlopModel newFlops) {
        return new ComputeOptimal(surface, newFlops, forceNumeric, searchDecades);
    }

    public ComputeOptimal withForceNumeric(boolean newForceNumeric) {
        return new ComputeOptimal(surface, flops, newForceNumeric, searchDecades);
    }

    public ComputeOptimal withSearchDecades(double newSearchDecades) {
        return new ComputeOptimal(surface, flops, forceNumeric, newSearchDecades);
    }

    public ComputeOptimal withSurface(LossSurface newSurface) {
        return new ComputeOptimal(newSurface, flops, forceNumeric, searchDecades);
    }

    /** Whether {@link #at} uses Chinchilla's closed form. */
    public boolean usesClosedForm() {
        return !forceNumeric && flops.isStandard() && surface.closedForm().isPresent()
                && surface.fixedVariables().isEmpty();
    }

    /** The compute-optimal allocation of a budget (FLOPs). */
    public Allocation at(double computeFlops) {
        requireBudget(computeFlops);
        if (usesClosedForm()) {
            return surface.closedForm().get().computeOptimal(computeFlops);
        }
        return numeric(computeFlops);
    }

    /** The compute-optimal allocation found by the numeric search, whatever the law. */
    public Allocation numeric(double computeFlops) {
        requireBudget(computeFlops);
        DoubleUnaryOperator lossAlong = x -> {
            double n = Math.exp(x);
            double d = flops.tokensFor(n, computeFlops);
            return Double.isFinite(d) && d > 0 ? surface.loss(n, d) : Double.NaN;
        };
        double centre = 0.5 * Math.log(computeFlops / 6);
        double lo = Math.max(0, centre - searchDecades * LN10);
        double hi = centre + searchDecades * LN10;
        OneDimension.Minimum m = OneDimension.minimize(lossAlong, lo, hi);
        if (!Double.isFinite(m.x())) {
            throw new BadInputException("law " + surface.lawName() + " gives no finite loss for any N at C = "
                    + Numbers.compact(computeFlops) + " FLOPs");
        }
        double n = Math.exp(m.x());
        double d = flops.tokensFor(n, computeFlops);
        Allocation a = Allocation.of(computeFlops, n, d, surface.loss(n, d), Allocation.Method.NUMERIC);
        if (m.atBoundary()) {
            a = a.withWarning("the optimum lies on the edge of the search (N = " + Numbers.compact(n)
                    + "): the law does not bound the allocation at this budget");
        }
        return a;
    }

    /** The frontier over budgets: one allocation per budget. */
    public Frontier frontier(double[] budgets) {
        List<Allocation> rows = new ArrayList<>();
        for (double c : budgets) {
            rows.add(at(c));
        }
        return new Frontier(surface.lawName(), flops.toString(), rows);
    }

    /**
     * The least compute that reaches a target loss, with its N and D: the budget at which the
     * frontier's loss L_opt(C), which falls with C, equals the target (a root in log C).
     *
     * @throws BadInputException when the law never reaches the target (at or below its floor)
     */
    public Allocation forTargetLoss(double targetLoss) {
        surface.closedForm().filter(f -> targetLoss <= f.e()).ifPresent(f -> {
            throw new BadInputException("target loss " + Numbers.compact(targetLoss)
                    + " is not reachable: the law's irreducible loss E is " + Numbers.compact(f.e()));
        });
        DoubleUnaryOperator excess = logC -> at(Math.exp(logC)).loss() - targetLoss;
        double lo = Math.log(1e12);
        double hi = Math.log(1e28);
        while (excess.applyAsDouble(hi) > 0) {
            hi += 5 * LN10;
            if (hi > 80 * LN10) {
                throw new BadInputException("target loss " + Numbers.compact(targetLoss)
                        + " is not reached with any budget up to 1e80 FLOPs under law " + surface.lawName());
            }
        }
        while (excess.applyAsDouble(lo) < 0) {
            lo -= 3 * LN10;
            if (lo < 0) {
                throw new BadInputException("target loss " + Numbers.compact(targetLoss)
                        + " is reached with almost no compute under law " + surface.lawName());
            }
        }
        return at(Math.exp(OneDimension.root(excess, lo, hi)));
    }

    /**
     * The inference-aware optimum of Sardana et al. 2024 ("Beyond Chinchilla-Optimal: Accounting
     * for Inference in Language Model Scaling Laws", arXiv:2401.00448): among the (N, D) that
     * reach the target loss, the one of least lifetime compute C_train(N, D) + 2 N D_inf, where
     * D_inf is the number of tokens the model will serve (2 N FLOPs per token, a forward pass).
     * For each N the loss constraint fixes D (a root in log D; closed form for Chinchilla laws),
     * leaving a one-dimensional minimisation in log N. With no inference it is the least-compute
     * plan of {@link #forTargetLoss}; as demand grows the optimum moves to smaller models trained
     * on more tokens.
     *
     * @param targetLoss      the loss the model must reach
     * @param inferenceTokens lifetime inference demand D_inf, tokens (>= 0)
     */
    public InferenceAwarePlan inferenceAware(double targetLoss, double inferenceTokens) {
        if (!(inferenceTokens >= 0) || !Double.isFinite(inferenceTokens)) {
            throw new BadInputException("inference tokens must be a finite number >= 0, got "
                    + Numbers.compact(inferenceTokens));
        }
        Allocation trainingOnly = forTargetLoss(targetLoss);
        DoubleUnaryOperator totalLog = x -> {
            double n = Math.exp(x);
            double d = tokensToReach(n, targetLoss);
            if (!Double.isFinite(d)) {
                return Double.NaN;
            }
            return Math.log(flops.flops(n, d) + 2 * n * inferenceTokens);
        };
        double centre = Math.log(trainingOnly.parameterCount());
        OneDimension.Minimum m = OneDimension.minimize(totalLog, Math.max(0, centre - searchDecades * LN10),
                centre + searchDecades * LN10);
        double n = Math.exp(m.x());
        double d = tokensToReach(n, targetLoss);
        List<String> warnings = new ArrayList<>();
        if (m.atBoundary()) {
            warnings.add("the optimum lies on the edge of the search (N = " + Numbers.compact(n) + ")");
        }
        return new InferenceAwarePlan(targetLoss, inferenceTokens, n, d, flops.flops(n, d), 2 * n * inferenceTokens,
                surface.loss(n, d), trainingOnly, warnings, Intervals.NONE);
    }

    /**
     * The tokens D at which a model of N parameters reaches the target loss, or NaN when no D
     * does (the parameter term alone is above the target).
     */
    public double tokensToReach(double parameterCount, double targetLoss) {
        if (surface.closedForm().isPresent() && surface.fixedVariables().isEmpty()) {
            ChinchillaForm f = surface.closedForm().get();
            double rest = targetLoss - f.e() - f.a() / Math.pow(parameterCount, f.alpha());
            return rest > 0 ? Math.pow(f.b() / rest, 1 / f.beta()) : Double.NaN;
        }
        DoubleUnaryOperator excess = y -> surface.loss(parameterCount, Math.exp(y)) - targetLoss;
        double hi = 120;
        if (!(excess.applyAsDouble(hi) < 0)) {
            return Double.NaN;
        }
        double lo = 0;
        if (excess.applyAsDouble(lo) < 0) {
            return 1;
        }
        return Math.exp(OneDimension.root(excess, lo, hi));
    }

    private static void requireBudget(double computeFlops) {
        if (!(computeFlops > 0) || !Double.isFinite(computeFlops)) {
            throw new BadInputException("compute budget must be a positive number of FLOPs, got "
                    + Numbers.compact(computeFlops));
        }
    }
}
