package dev.slaw.uncertainty;

import java.util.Map;

/**
 * The compute-optimal allocation of a Chinchilla-form law L = E + A/N^alpha + B/D^beta under
 * C = 6 N D (Hoffmann et al. 2022, Appendix D.2; Besiroglu et al. 2024, eq. 4):
 *
 * <pre>
 *   G     = (alpha A / (beta B))^(1 / (alpha + beta))
 *   N_opt = G (C/6)^(beta / (alpha + beta))
 *   D_opt = (1/G) (C/6)^(alpha / (alpha + beta))
 * </pre>
 *
 * <p>A private helper of the uncertainty package, so bootstrap replicates and sweep variants can
 * be read as allocations; {@code dev.slaw.planning} owns planning proper.
 */
final class ComputeOptimal {

    private ComputeOptimal() {
    }

    /** True when the parameters name A, B, alpha and beta (the Chinchilla form). */
    static boolean applies(Map<String, Double> p) {
        return p.containsKey("A") && p.containsKey("B") && p.containsKey("alpha") && p.containsKey("beta");
    }

    static double g(Map<String, Double> p) {
        double alpha = p.get("alpha");
        double beta = p.get("beta");
        return Math.pow(alpha * p.get("A") / (beta * p.get("B")), 1 / (alpha + beta));
    }

    /** Parameters N_opt at compute {@code computeFlops}. */
    static double parameterCount(Map<String, Double> p, double computeFlops) {
        double alpha = p.get("alpha");
        double beta = p.get("beta");
        return g(p) * Math.pow(computeFlops / 6, beta / (alpha + beta));
    }

    /** Tokens D_opt at compute {@code computeFlops}. */
    static double tokenCount(Map<String, Double> p, double computeFlops) {
        double alpha = p.get("alpha");
        double beta = p.get("beta");
        return Math.pow(computeFlops / 6, alpha / (alpha + beta)) / g(p);
    }

    /** Tokens per parameter D_opt / N_opt at compute {@code computeFlops}. */
    static double tokensPerParameter(Map<String, Double> p, double computeFlops) {
        return tokenCount(p, computeFlops) / parameterCount(p, computeFlops);
    }
}
