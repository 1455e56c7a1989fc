package dev.slaw.mixture.choice;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quantity to minimise over mixtures, evaluated on many mixtures at once (one row per
 * mixture, one proportion per source in the {@link MixtureSpace}'s order): a batch lets a law
 * bind its data once for a whole finite-difference gradient or a sampler's 100,000 draws.
 */
@FunctionalInterface
public interface MixtureFunction {
    double[] values(double[][] mixtures);

    default double value(double[] mixture) {
        return values(new double[][]{mixture})[0];
    }

    /**
     * A fitted law's prediction as a function of the proportions, its other variables held at
     * {@code fixed} values.
     *
     * @param parameterValues every parameter of the law, in {@link Law#parameters()} order
     * @throws BadInputException when a source is not a variable of the law, or a variable of the
     *                           law is neither a source nor fixed
     */
    static MixtureFunction of(Law law, double[] parameterValues, List<String> sources, Map<String, Double> fixed) {
        List<String> variables = law.variables();
        for (String s : sources) {
            if (!variables.contains(s)) {
                throw new BadInputException("proportion " + s + " is not a variable of law " + law.name()
                        + " (it reads " + String.join(", ", variables) + ")");
            }
        }
        Map<String, Double> held = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String v : variables) {
            if (sources.contains(v)) {
                continue;
            }
            Double x = fixed.get(v);
            if (x == null) {
                missing.add(v);
            } else if (!Double.isFinite(x)) {
                throw new BadInputException("the value of " + v + " is not a finite number: " + x);
            } else {
                held.put(v, x);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("law " + law.name() + " also reads " + String.join(", ", missing)
                    + ": hold " + (missing.size() == 1 ? "it" : "them") + " at a value with --fixed "
                    + missing.get(0) + "=..., or name " + (missing.size() == 1 ? "it" : "them") + " among the proportions");
        }
        double[] values = parameterValues.clone();
        int[] sourceIndex = new int[variables.size()];
        for (int v = 0; v < variables.size(); v++) {
            sourceIndex[v] = sources.indexOf(variables.get(v));
        }
        return mixtures -> {
            double[] out = new double[mixtures.length];
            // in chunks: a law binds buffers per row for every node of its graph
            for (int from = 0; from < mixtures.length; from += CHUNK) {
                int n = Math.min(CHUNK, mixtures.length - from);
                double[][] part = java.util.Arrays.copyOfRange(mixtures, from, from + n);
                System.arraycopy(evaluate(law, values, variables, sourceIndex, held, part), 0, out, from, n);
            }
            return out;
        };
    }

    /** Rows a law is evaluated on at once. */
    int CHUNK = 4096;

    private static double[] evaluate(Law law, double[] values, List<String> variables, int[] sourceIndex,
                                     Map<String, Double> held, double[][] mixtures) {
            int n = mixtures.length;
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int v = 0; v < variables.size(); v++) {
                double[] column = new double[n];
                if (sourceIndex[v] >= 0) {
                    for (int row = 0; row < n; row++) {
                        column[row] = mixtures[row][sourceIndex[v]];
                    }
                } else {
                    java.util.Arrays.fill(column, held.get(variables.get(v)));
                }
                columns.put(variables.get(v), column);
            }
            double[] out = new double[n];
            law.evaluator(Dataset.of("mixtures", columns)).evaluate(values, out, null);
            return out;
    }

    /** {@code sum_k w_k f_k}: a weighted target over several fits (e.g. the mean loss over validation domains). */
    static MixtureFunction weightedSum(List<MixtureFunction> functions, double[] weights) {
        if (functions.size() != weights.length || functions.isEmpty()) {
            throw new IllegalArgumentException("one weight per function");
        }
        List<MixtureFunction> fs = List.copyOf(functions);
        double[] w = weights.clone();
        return mixtures -> {
            double[] total = new double[mixtures.length];
            for (int k = 0; k < fs.size(); k++) {
                double[] v = fs.get(k).values(mixtures);
                for (int i = 0; i < total.length; i++) {
                    total[i] += w[k] * v[i];
                }
            }
            return total;
        };
    }
}
