package dev.slaw.law;

/** What a residual compares: the target itself or its logarithm. */
public enum Target {
    /** Residual {@code log y - log f}; every observed y and every prediction must be positive. */
    LOG,
    /** Residual {@code y - f}. */
    PLAIN
}
