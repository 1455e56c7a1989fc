package dev.slaw.fit;

/** The local optimiser run from each start. */
public enum Optimizer {
    /** L-BFGS-B with scipy's default stopping rules (the Chinchilla protocol). */
    LBFGSB,
    /** Levenberg-Marquardt (Hipparchus) on the residuals: least squares only. */
    LEVENBERG_MARQUARDT
}
