package dev.slaw.compare;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.uncertainty.BootstrapResult;

import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted law, and its bootstrap when there is one, sampled along one of its variables. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * The law of {@code fit} at each scale of {@code grid} on {@code axis}, the other variables held
     * at {@code held}; the bootstrap's replicates likewise when {@code bootstrap} is not null.
     *
     * @throws BadInputException when the law lacks the axis or a held value
     */
    public static LawSamples along(String recipe, Fit fit, BootstrapResult bootstrap, String axis,
                                   Map<String, Double> held, double[] grid) {
        if (!fit.law().variables().contains(axis)) {
            throw new BadInputException("law " + fit.law().name() + " has no variable " + axis + " (it reads "
                    + String.join(", ", fit.law().variables()) + ")");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String v : fit.law().variables()) {
            if (v.equals(axis)) {
                columns.put(v, grid.clone());
            } else {
                Double value = held.get(v);
                if (value == null) {
                    throw new BadInputException("the comparison runs along " + axis + "; hold " + v
                            + " at a value, e.g. " + v + "=1e9");
                }
                double[] c = new double[grid.length];
                java.util.Arrays.fill(c, value);
                columns.put(v, c);
            }
        }
        Dataset at = Dataset.of("comparison grid", columns);
        double[] point = fit.predict(at);
        double[][] replicates = new double[0][];
        if (bootstrap != null) {
            double[][] byRow = bootstrap.replicatePredictions(at);
            int n = byRow.length == 0 ? 0 : byRow[0].length;
            replicates = new double[n][grid.length];
            for (int i = 0; i < grid.length; i++) {
                for (int r = 0; r < n; r++) {
                    replicates[r][i] = byRow[i][r];
                }
            }
        }
        return new LawSamples(recipe, grid, point, replicates);
    }
}
