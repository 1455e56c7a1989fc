package dev.slaw.fit;

/** The per-residual penalty an objective sums. */
public enum Loss {
    /** Quadratic within {@code delta}, linear beyond: robust to a few bad runs (Chinchilla uses delta 1e-3). */
    HUBER,
    /** {@code r^2}. */
    SQUARED,
    /** {@code |r|}. */
    ABSOLUTE,
    /** {@code r^2}, multiplied by a penalty when the law over-estimates the target ({@code r < 0}). */
    ASYMMETRIC
}
