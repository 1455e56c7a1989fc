package dev.slaw.observational;

import dev.slaw.data.BadInputException;

import java.util.List;

/**
 * Public models by benchmarks: each model's family, training compute (NaN when unknown) and
 * scores (NaN where missing), as read from a table such as the authors' base-model evaluations.
 *
 * @param source     where the table came from, for messages
 * @param models     model names, one per row
 * @param families   each model's family
 * @param compute    each model's training compute in the table's unit (NaN when unknown)
 * @param benchmarks the score columns
 * @param scores     scores[model][benchmark], NaN where missing
 * @param notes      what the reader found doubtful in the table (shown with the result)
 */
public record ModelTable(String source, List<String> models, List<String> families, double[] compute,
                         List<String> benchmarks, double[][] scores, List<String> notes) {

    public ModelTable {
        models = List.copyOf(models);
        families = List.copyOf(families);
        benchmarks = List.copyOf(benchmarks);
        notes = List.copyOf(notes);
        compute = compute.clone();
        double[][] copy = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            copy[i] = scores[i].clone();
            if (copy[i].length != benchmarks.size()) {
                throw new IllegalArgumentException("row " + i + " has " + copy[i].length + " scores");
            }
        }
        scores = copy;
        if (families.size() != models.size() || compute.length != models.size() || scores.length != models.size()) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        if (models.isEmpty()) {
            throw new BadInputException(source + ": no models");
        }
    }

    public int size() {
        return models.size();
    }

    /** A benchmark's index, or a bad-input error naming the benchmarks there are. */
    public int benchmark(String name) {
        int i = benchmarks.indexOf(name);
        if (i < 0) {
            throw new BadInputException(source + ": no benchmark column \"" + name + "\" (benchmarks: "
                    + String.join(", ", benchmarks) + ")");
        }
        return i;
    }

    public double score(int model, int benchmark) {
        return scores[model][benchmark];
    }

    @Override
    public double[] compute() {
        return compute.clone();
    }
}
