package dev.slaw.fit;

import java.util.Map;

/**
 * The one prediction contract: a point in the law's variables (e.g. N and D) to the predicted
 * target. Met by fits, by parameter sets and by bootstrap results alike, so planners and
 * plots never care where a prediction came from.
 */
@FunctionalInterface
public interface Predictor {
    double predict(Map<String, Double> point);
}
