package dev.slaw.uncertainty;

import dev.slaw.law.Law;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ChinchillaForm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A quantity computed from a law's parameters, reported with its own bootstrap interval (each
 * replicate's parameters give one value), e.g. the compute-optimal exponents.
 *
 * @param name     short name, e.g. {@code a_opt}
 * @param formula  how it is computed, for reports, e.g. {@code beta / (alpha + beta)}
 * @param function parameter name to value, to the quantity
 */
public record DerivedQuantity(String name, String formula, ToDoubleFunction<Map<String, Double>> function) {

    public DerivedQuantity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(function, "function");
    }

    public double valueAt(Map<String, Double> parameters) {
        return function.applyAsDouble(parameters);
    }

    /**
     * For Chinchilla-form laws (parameters A, B, alpha, beta): the exponents of the
     * compute-optimal allocation N_opt ~ C^a, D_opt ~ C^b with a = beta / (alpha + beta) and
     * b = alpha / (alpha + beta) (Hoffmann et al. 2022, eq. 4). Empty for other laws.
     */
    public static List<DerivedQuantity> chinchillaExponents(Law law) {
        if (!isChinchillaForm(law)) {
            return List.of();
        }
        return List.of(
                new DerivedQuantity("a_opt", "beta / (alpha + beta)", p -> p.get("beta") / (p.get("alpha") + p.get("beta"))),
                new DerivedQuantity("b_opt", "alpha / (alpha + beta)", p -> p.get("alpha") / (p.get("alpha") + p.get("beta"))));
    }

    /**
     * For Chinchilla-form laws: N_opt, D_opt and D_opt / N_opt at {@code computeFlops} under
     * C = 6 N D, from the closed form of {@link ChinchillaForm} (NaN for a replicate whose
     * parameters leave the form, e.g. an exponent at 0). Empty for other laws.
     */
    public static List<DerivedQuantity> computeOptimal(Law law, double computeFlops) {
        if (!isChinchillaForm(law)) {
            return List.of();
        }
        String c = dev.slaw.law.Numbers.compact(computeFlops);
        List<DerivedQuantity> out = new ArrayList<>();
        out.add(new DerivedQuantity("N_opt@" + c, "G (C/6)^(beta/(alpha+beta))",
                p -> allocation(law, p, computeFlops, Allocation::parameterCount)));
        out.add(new DerivedQuantity("D_opt@" + c, "(C/6)^(alpha/(alpha+beta)) / G",
                p -> allocation(law, p, computeFlops, Allocation::tokenCount)));
        out.add(new DerivedQuantity("D/N@" + c, "D_opt / N_opt",
                p -> allocation(law, p, computeFlops, Allocation::tokensPerParameter)));
        return out;
    }

    private static double allocation(Law law, Map<String, Double> p, double computeFlops,
                                     ToDoubleFunction<Allocation> quantity) {
        return ChinchillaForm.detect(law, p).map(f -> quantity.applyAsDouble(f.computeOptimal(computeFlops)))
                .orElse(Double.NaN);
    }

    /** True for laws with parameters A, B, alpha, beta over variables N and D. */
    public static boolean isChinchillaForm(Law law) {
        return law.parameterIndex("A") >= 0 && law.parameterIndex("B") >= 0 && law.parameterIndex("alpha") >= 0
                && law.parameterIndex("beta") >= 0 && law.variables().contains("N") && law.variables().contains("D");
    }
}
