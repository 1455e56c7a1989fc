package dev.slaw.law;

/**
 * How the optimiser sees a parameter. Positive scale parameters (A, B, E of Chinchilla) are
 * optimised as their logarithm, as the Chinchilla protocol does: the landscape is far better
 * conditioned and positivity holds without a bound.
 */
public enum Transform {
    IDENTITY,
    LOG;

    public double toOptimizer(double value) {
        return this == LOG ? Math.log(value) : value;
    }

    public double fromOptimizer(double u) {
        return this == LOG ? Math.exp(u) : u;
    }

    /** d value / d u at optimiser coordinate {@code u}. */
    public double derivative(double u) {
        return this == LOG ? Math.exp(u) : 1.0;
    }
}
