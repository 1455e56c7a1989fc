package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Compute-optimal planning when data is scarce (Muennighoff et al. 2023, "Scaling
 * Data-Constrained Language Models", arXiv:2305.16264): with U unique tokens, a run of D tokens
 * sees U_D = min(D, U) unique tokens for D / U_D epochs, and the {@code data-constrained} law
 *
 * <pre>
 *   L = E + A / N'^alpha + B / D'^beta
 *   D' = U_D + U_D R_D* (1 - exp(-R_D / R_D*)),   R_D = D / U_D - 1   (repeated epochs)
 *   N' = U_N + U_N R_N* (1 - exp(-R_N / R_N*)),   R_N = N / U_N - 1   (excess parameters)
 * </pre>
 *
 * discounts repeated tokens (and parameters beyond what the unique data can use). The plan
 * minimises L over log N with D from the budget, as {@link ComputeOptimal} does.
 *
 * <p>U_N, the parameters the unique data can use, follows the paper by default
 * ({@link UniqueParameters#COMPUTE_OPTIMAL}): U_N = min(N, N_opt(U_D)), N_opt(U_D) being the N
 * that Chinchilla's allocation pairs with U_D tokens under the law's own E, A, B, alpha, beta
 * ({@link ChinchillaForm#parametersForTokens}). Because the discount only lowers N' and D', the
 * constrained loss is never below the unconstrained one and equals it at the unconstrained
 * optimum, so with ample data the plan is Chinchilla's. {@link UniqueParameters#ALL} sets
 * U_N = N (no parameter discount), the simpler reading.
 *
 * @param surface       the data-constrained law's surface (variables N, D, U; or N, D, U, UN for
 *                      {@code data-constrained-un})
 * @param uniqueTokens  U, unique tokens available
 * @param uniqueParameters how U_N is chosen
 * @param flops         training compute as a function of N and D
 * @param searchDecades how far from N = sqrt(C/6) the search looks, in decades
 */
public record DataConstrained(LossSurface surface, double uniqueTokens, UniqueParameters uniqueParameters,
                              FlopModel flops, double searchDecades) {
    private static final double LN10 = Math.log(10);

    /** How U_N, the parameters the unique data can use, is set. */
    public enum UniqueParameters {
        /** U_N = min(N, N_opt(U_D)), as Muennighoff et al. 2023. */
        COMPUTE_OPTIMAL,
        /** U_N = N: parameters are never discounted. */
        ALL
    }

    public DataConstrained {
        Objects.requireNonNull(surface);
        Objects.requireNonNull(uniqueParameters);
        Objects.requireNonNull(flops);
        Law law = surface.law();
        if (law == null || !law.variables().containsAll(List.of("N", "D", "U"))) {
            throw new BadInputException("data-constrained planning needs the data-constrained law (variables N, D, U), not "
                    + surface.lawName());
        }
        for (String p : List.of("E", "A", "B", "alpha", "beta", "RD", "RN")) {
            if (!surface.parameters().containsKey(p)) {
                throw new BadInputException("law " + surface.lawName() + " has no parameter " + p
                        + " (the data-constrained law has E, A, B, alpha, beta, RD, RN)");
            }
        }
        if (!(uniqueTokens > 0) || !Double.isFinite(uniqueTokens)) {
            throw new BadInputException("unique tokens must be a positive number, got " + uniqueTokens);
        }
    }

    /** Planning with U unique tokens, the paper's U_N, and C = 6 N D. */
    public static DataConstrained of(LossSurface surface, double uniqueTokens) {
        return new DataConstrained(surface, uniqueTokens, UniqueParameters.COMPUTE_OPTIMAL, FlopModel.STANDARD, 8);
    }

    public DataConstrained withUniqueTokens(double u) {
        return new DataConstrained(surface, u, uniqueParameters, flops, searchDecades);
    }

    public DataConstrained withUniqueParameters(UniqueParameters rule) {
        return new DataConstrained(surface, uniqueTokens, rule, flops, searchDecades);
    }

    public DataConstrained withFlops(FlopModel newFlops) {
        return new DataConstrained(surface, uniqueTokens, uniqueParameters, newFlops, searchDecades);
    }

    public DataConstrained withSurface(LossSurface newSurface) {
        return new DataConstrained(newSurface, uniqueTokens, uniqueParameters, flops, searchDecades);
    }

    /** The law without repetition, L = E + A / N^alpha + B / D^beta, with this law's values. */
    public ChinchillaForm base() {
        return new ChinchillaForm(surface.parameter("E"), surface.parameter("A"), surface.parameter("B"),
                surface.parameter("alpha"), surface.parameter("beta"));
    }

    /**
     * The predicted loss of N parameters trained on D tokens drawn from the U unique ones. The
     * {@code data-constrained} law computes U_N itself; the {@code data-constrained-un} law
     * (variable UN) is given it; {@link UniqueParameters#ALL} evaluates the latter with U_N = N.
     */
    public double loss(double parameterCount, double tokenCount) {
        double used = Math.min(tokenCount, uniqueTokens);
        if (!surface.law().variables().contains("UN") && uniqueParameters == UniqueParameters.COMPUTE_OPTIMAL) {
            return surface.loss(Map.of("N", parameterCount, "D", tokenCount, "U", used));
        }
        LossSurface given = surface.law().variables().contains("UN") ? surface
                : LossSurface.of(catalogueLaw("data-constrained-un"), surface.parameters());
        return given.loss(Map.of("N", parameterCount, "D", tokenCount, "U", used, "UN",
                uniqueParametersFor(parameterCount, used)));
    }

    /** The best N, D and epochs for a budget. */
    public DataConstrainedPlan at(double computeFlops) {
        if (!(computeFlops > 0) || !Double.isFinite(computeFlops)) {
            throw new BadInputException("compute budget must be a positive number of FLOPs, got " + computeFlops);
        }
        DoubleUnaryOperator lossAlong = x -> {
            double n = Math.exp(x);
            double d = flops.tokensFor(n, computeFlops);
            return Double.isFinite(d) && d > 0 ? loss(n, d) : Double.NaN;
        };
        double centre = 0.5 * Math.log(computeFlops / 6);
        OneDimension.Minimum m = OneDimension.minimize(lossAlong, Math.max(0, centre - searchDecades * LN10),
                centre + searchDecades * LN10);
        if (!Double.isFinite(m.x())) {
            throw new BadInputException("law " + surface.lawName() + " gives no finite loss at C = "
                    + Numbers.compact(computeFlops));
        }
        double n = Math.exp(m.x());
        double d = flops.tokensFor(n, computeFlops);
        double used = Math.min(d, uniqueTokens);
        double un = uniqueParametersFor(n, used);
        double rd = surface.parameter("RD");
        double rn = surface.parameter("RN");
        double effectiveTokens = used + used * rd * (1 - Math.exp(-(d / used - 1) / rd));
        double effectiveParameters = un + un * rn * (1 - Math.exp(-(n / un - 1) / rn));
        List<String> warnings = new ArrayList<>();
        if (m.atBoundary()) {
            warnings.add("the optimum lies on the edge of the search (N = " + Numbers.compact(n) + ")");
        }
        Allocation unconstrained = ComputeOptimal.of(LossSurface.of(chinchilla(), Map.of("E", base().e(), "A",
                base().a(), "B", base().b(), "alpha", base().alpha(), "beta", base().beta()))).withFlops(flops)
                .at(computeFlops);
        return new DataConstrainedPlan(computeFlops, uniqueTokens, n, d, loss(n, d), used, d / used, effectiveTokens,
                effectiveParameters, uniqueParameters, unconstrained, warnings, Intervals.NONE);
    }

    private double uniqueParametersFor(double parameterCount, double uniqueTokensUsed) {
        if (uniqueParameters == UniqueParameters.ALL) {
            return parameterCount;
        }
        return Math.min(parameterCount, base().parametersForTokens(uniqueTokensUsed));
    }

    private static Law chinchilla() {
        return catalogueLaw("chinchilla");
    }

    private static Law catalogueLaw(String name) {
        return Catalogue.builtIn().find(name).orElseThrow(
                () -> new IllegalStateException("the catalogue has no " + name + " law"));
    }
}
