package dev.slaw.curve;

import java.util.Objects;

/**
 * How a loss-curve law is fitted. Every field is recorded in the resulting {@link CurveFit}.
 *
 * @param protocol        which fitting procedure
 * @param huberDelta      Huber threshold on log residuals (1e-3 as in both papers)
 * @param firstStep       rows with an earlier step are left out of the fit (skip warmup and the
 *                        noisy start of a run); 0 keeps every row
 * @param maxIterations   iteration budget of the optimiser
 */
public record CurveFitOptions(Protocol protocol, double huberDelta, int firstStep, int maxIterations) {

    /** Fitting procedures. */
    public enum Protocol {
        /**
         * Minimise the sum of Huber losses of log residuals to convergence (iteratively reweighted
         * Gauss-Newton with Levenberg damping), from the reference warm start and the law's
         * default starts; keep the lowest objective.
         */
        CONVERGED,
        /**
         * The multi-power law authors' procedure (Luo et al. 2025, reference code): fit
         * {@code L0 + A S^-alpha - B (eta_max - eta_t)} by Huber from a 135-point grid, start
         * {@code C, beta, gamma} at 1, 0.5, 0.5, then take at most 200 AdamW steps (learning rate
         * 5e-2 for L0, A, B, C and 5e-3 for the exponents, weight decay 0.01) with patience 20,
         * keeping the best iterate. It stops well short of the Huber minimum; it is what the
         * published parameters come from.
         */
        LUO_2025_REFERENCE
    }

    public CurveFitOptions {
        Objects.requireNonNull(protocol, "protocol");
        if (!(huberDelta > 0)) {
            throw new IllegalArgumentException("Huber delta must be > 0, got " + huberDelta);
        }
        if (firstStep < 0) {
            throw new IllegalArgumentException("first step must be >= 0, got " + firstStep);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be >= 1, got " + maxIterations);
        }
    }

    /** Converged Huber(1e-3) fit on every row, at most 500 iterations per start. */
    public static CurveFitOptions defaults() {
        return new CurveFitOptions(Protocol.CONVERGED, 1e-3, 0, 500);
    }

    public CurveFitOptions withProtocol(Protocol p) {
        return new CurveFitOptions(p, huberDelta, firstStep, maxIterations);
    }

    public CurveFitOptions withHuberDelta(double delta) {
        return new CurveFitOptions(protocol, delta, firstStep, maxIterations);
    }

    public CurveFitOptions withFirstStep(int step) {
        return new CurveFitOptions(protocol, huberDelta, step, maxIterations);
    }

    public CurveFitOptions withMaxIterations(int n) {
        return new CurveFitOptions(protocol, huberDelta, firstStep, n);
    }

    /** One line for reports: {@code protocol converged, Huber(1e-3) on log loss, rows from step 0}. */
    public String describe() {
        return "protocol " + protocol.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", Huber("
                + huberDelta + ") on log loss summed, rows from step " + firstStep + ", at most " + maxIterations
                + " iterations";
    }
}
