package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;

import java.util.Objects;

/**
 * The bootstrap's account of one parameter or derived quantity.
 *
 * @param name          parameter or quantity name
 * @param estimate      its value at the point estimate (the fit to all the data)
 * @param median        the median over replicates
 * @param standardError the standard deviation over replicates (divisor n - 1)
 * @param interval      the percentile interval over replicates
 * @param withheld      why the interval is not a result (no spread, a missed optimum), or empty
 */
public record ParameterSummary(String name, double estimate, double median, double standardError,
                               Interval interval, String withheld) {

    public ParameterSummary {
        Objects.requireNonNull(withheld, "withheld");
    }

    /** A summary whose interval stands. */
    public ParameterSummary(String name, double estimate, double median, double standardError, Interval interval) {
        this(name, estimate, median, standardError, interval, "");
    }

    /** Whether the interval is a result (not withheld). */
    public boolean stands() {
        return withheld.isEmpty();
    }
}
