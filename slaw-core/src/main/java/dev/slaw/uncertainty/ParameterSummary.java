package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;

/**
 * The bootstrap's account of one parameter or derived quantity.
 *
 * @param name          parameter or quantity name
 * @param estimate      its value at the point estimate (the fit to all the data)
 * @param median        the median over replicates
 * @param standardError the standard deviation over replicates (divisor n - 1)
 * @param interval      the percentile interval over replicates
 */
public record ParameterSummary(String name, double estimate, double median, double standardError,
                               Interval interval) {
}
