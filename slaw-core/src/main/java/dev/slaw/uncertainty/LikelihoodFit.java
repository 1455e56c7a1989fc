package dev.slaw.uncertainty;

import dev.slaw.fit.Predictor;
import dev.slaw.law.Law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A maximum-likelihood fit: the law's parameters and the noise scale sigma, with standard errors
 * from the information matrix (outer product of per-row scores; see {@link HuberLikelihood}).
 *
 * @param law                   the law fitted
 * @param target                the data column fitted
 * @param parameters            the law's parameters then {@code sigma}, each with its standard error
 * @param negativeLogLikelihood at the optimum
 * @param delta                 the Huber threshold of the density, in units of sigma
 * @param converged             whether the optimiser converged
 * @param message               the optimiser's stop reason
 * @param iterations            optimiser iterations
 * @param rows                  rows fitted
 */
public record LikelihoodFit(Law law, String target, List<Estimate> parameters, double negativeLogLikelihood,
                            double delta, boolean converged, String message, int iterations, int rows)
        implements Predictor {

    /**
     * One parameter.
     *
     * @param name          symbol
     * @param value         maximum-likelihood value
     * @param standardError from the observed information by the delta method (NaN for fixed)
     */
    public record Estimate(String name, double value, double standardError) {
    }

    public LikelihoodFit {
        parameters = List.copyOf(parameters);
    }

    public Estimate parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new dev.slaw.data.BadInputException("the fit has no parameter '" + name + "'"));
    }

    /** The law's parameter values by name (sigma excluded). */
    public Map<String, Double> valueMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var p : law.parameters()) {
            m.put(p.name(), parameter(p.name()).value());
        }
        return m;
    }

    @Override
    public double predict(Map<String, Double> point) {
        double[] values = law.parameters().stream().mapToDouble(p -> parameter(p.name()).value()).toArray();
        return Predictor.at(law, values, point);
    }
}
