package dev.slaw.fit;

/**
 * How the optimiser finished at the chosen optimum.
 *
 * @param converged   met a convergence test
 * @param reason      the stop reason
 * @param iterations  iterations from the best start
 * @param evaluations function evaluations from the best start
 * @param totalEvaluations function evaluations over all starts
 */
public record Convergence(boolean converged, String reason, int iterations, int evaluations, long totalEvaluations) {
}
