package dev.slaw.report.plots;

/**
 * The value a conclusion takes under one analysis choice (a loss, an optimiser, a data
 * filter ...), with its interval when one was computed.
 *
 * @param label  the choice, e.g. {@code huber 1e-3}
 * @param value  the conclusion under it, e.g. D/N at 1e24 FLOPs
 * @param lower  lower end of its interval, or NaN
 * @param upper  upper end of its interval, or NaN
 */
public record Choice(String label, double value, double lower, double upper) {
    /** A choice without an interval. */
    public static Choice of(String label, double value) {
        return new Choice(label, value, Double.NaN, Double.NaN);
    }
}
