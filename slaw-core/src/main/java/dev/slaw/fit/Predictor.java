package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Law;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one prediction contract: a point in the law's variables (e.g. N and D) to the predicted
 * target. Met by fits, by parameter sets and by bootstrap results alike, so planners and
 * plots never care where a prediction came from. {@link #at} is the one evaluation of a law at
 * one point that they share.
 */
@FunctionalInterface
public interface Predictor {
    double predict(Map<String, Double> point);

    /**
     * The law with these parameter values at one point.
     *
     * @param parameterValues every parameter of the law, in {@link Law#parameters()} order
     * @throws BadInputException when the point lacks one of the law's variables or a value
     *                           there is not finite
     */
    static double at(Law law, double[] parameterValues, Map<String, Double> point) {
        double[] out = new double[1];
        law.evaluator(pointData(law, point)).evaluate(parameterValues, out, null);
        return out[0];
    }

    /**
     * A point as a one-row dataset of the law's variables (other entries of {@code point} are
     * left out), for evaluating a law there.
     *
     * @throws BadInputException naming the variable the point lacks
     */
    static Dataset pointData(Law law, Map<String, Double> point) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String v : law.variables()) {
            Double x = point.get(v);
            if (x == null) {
                throw new BadInputException("prediction needs a value for " + v + ", e.g. " + v + "=1e9 (law "
                        + law.name() + " reads " + String.join(", ", law.variables()) + ")");
            }
            columns.put(v, new double[]{x});
        }
        return Dataset.of("prediction point", columns);
    }
}
