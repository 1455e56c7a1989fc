package dev.slaw.uncertainty;

import dev.slaw.planning.Interval;
import java.util.Map;

/**
 * A prediction at one point with its two intervals.
 *
 * <p>The confidence interval says where the law's mean lies given the parameter uncertainty
 * (percentiles of the replicates' predictions); the prediction interval says where a new
 * observation would fall, adding the observation noise (each replicate's prediction combined
 * with a residual of the point fit drawn at random, on the fitted scale). The prediction
 * interval is always the wider one.
 *
 * @param point         the variables, e.g. N and D
 * @param estimate      the point estimate's prediction
 * @param median        the median of the replicates' predictions
 * @param confidence    interval for the law's value (parameter uncertainty)
 * @param prediction    interval for a new observation (parameter uncertainty plus noise)
 */
public record IntervalPrediction(Map<String, Double> point, double estimate, double median, Interval confidence,
                                 Interval prediction) {

    public IntervalPrediction {
        point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));
    }
}
