package dev.slaw.optim;

/**
 * What L-BFGS-B's two tolerances are measured against.
 *
 * <p>scipy's rules stop when {@code (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol} or
 * {@code max_i |proj g_i| <= gtol}: both absolute for objectives below 1. A summed Huber(1e-3)
 * objective on log residuals is about 1e-3 to 1e-5, so scipy's rules stop it early (on the OLMo
 * ladder's step-1 fit the predicted 13B MMLU bits-per-byte moves by 3 %). The relative rules
 * put the objective's own magnitude where scipy puts 1, so that multiplying the objective by a
 * constant (more rows, a weight, a mean instead of a sum) does not move where a fit stops.
 */
public enum StoppingRule {
    /**
     * {@code f_k - f_k+1 <= ftol * max(|f_k|, |f_k+1|, 1e-12 |f_0|)} or
     * {@code max_i |proj g_i| <= gtol * max(|f_k+1|, 1e-12 |f_0|)}: unchanged by scaling the
     * objective (the floor, a trillionth of the objective at the start, stops a fit to
     * noiseless data at rounding noise instead of failing its line search there).
     */
    RELATIVE,
    /** scipy's {@code minimize(method="L-BFGS-B")} rules exactly, for reproducing published fits. */
    SCIPY;

    /** The name used on the command line and in provenance: {@code relative} or {@code scipy}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@code relative} or {@code scipy}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static StoppingRule parse(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "relative" -> RELATIVE;
            case "scipy" -> SCIPY;
            default -> throw new IllegalArgumentException("stopping rule '" + text + "': expected relative or scipy");
        };
    }
}
