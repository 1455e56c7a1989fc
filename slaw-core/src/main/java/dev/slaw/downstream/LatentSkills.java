package dev.slaw.downstream;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leave-one-family-out evaluation of a latent-skills law (Polo et al. 2025, "Sloth"), on
 * benchmark scores in long form (one row per model and benchmark). For each family with at least
 * two models, the law is fitted on every other family plus that family's smallest model, which
 * is what fixes the family's own efficiency (its per-level intercepts), and predicts the scores
 * of the family's other models: the paper's protocol, where a new family is known by one small
 * model.
 */
public final class LatentSkills {
    private LatentSkills() {
    }

    /**
     * The guessing floors slaw knows, by benchmark name as the Open LLM Leaderboard and Ruan et
     * al.'s table spell them: a four-way multiple choice guesses 0.25, a two-way one 0.5, a
     * generated answer 0.
     */
    public static final Map<String, Double> KNOWN_FLOORS = Map.of("MMLU", 0.25, "ARC-C", 0.25, "HellaSwag", 0.25,
            "Winograd", 0.5, "Winogrande", 0.5, "XWinograd", 0.5, "TruthfulQA", 0.25, "GSM8K", 0.0, "HumanEval", 0.0);

    /**
     * A wide table (one row per model, one column per benchmark) in long form: one row per model
     * and benchmark with a score, numeric columns {@code S}, {@code T}, {@code floor} and
     * {@code score}, text columns {@code family}, {@code model} and {@code benchmark}. A missing
     * score leaves its row out, a missing size or token count its model.
     *
     * @throws BadInputException for a missing column, a size or token count that is not positive,
     *                           or a benchmark without a floor
     */
    public static Dataset longForm(Dataset wide, String familyColumn, String modelColumn, String sizeColumn,
                                   String tokensColumn, List<String> benchmarks, Map<String, Double> floors) {
        String[] family = text(wide, familyColumn);
        String[] model = text(wide, modelColumn);
        double[] size = numbers(wide, sizeColumn);
        double[] tokens = numbers(wide, tokensColumn);
        for (int i = 0; i < wide.rowCount(); i++) {
            if (Double.isNaN(size[i]) || Double.isNaN(tokens[i])) {
                continue;
            }
            if (!(size[i] > 0) || !(tokens[i] > 0)) {
                throw new BadInputException(wide.source() + ": row " + wide.rowNumber(i) + ": " + sizeColumn + " and "
                        + tokensColumn + " must be positive numbers, got " + size[i] + " and " + tokens[i]);
            }
        }
        List<double[]> scores = new ArrayList<>();
        for (String b : benchmarks) {
            if (!floors.containsKey(b)) {
                throw new BadInputException("benchmark " + b + " has no guessing floor: give one with --floor " + b + "=VALUE");
            }
            scores.add(numbers(wide, b));
        }
        List<Integer> rows = new ArrayList<>();
        List<Integer> bench = new ArrayList<>();
        for (int i = 0; i < wide.rowCount(); i++) {
            for (int k = 0; k < benchmarks.size(); k++) {
                if (!Double.isNaN(scores.get(k)[i]) && !Double.isNaN(size[i]) && !Double.isNaN(tokens[i])) {
                    rows.add(i);
                    bench.add(k);
                }
            }
        }
        int n = rows.size();
        double[] s = new double[n];
        double[] t = new double[n];
        double[] floor = new double[n];
        double[] score = new double[n];
        String[] fam = new String[n];
        String[] mod = new String[n];
        String[] ben = new String[n];
        int[] rowNumbers = new int[n];
        for (int j = 0; j < n; j++) {
            int i = rows.get(j);
            int k = bench.get(j);
            s[j] = size[i];
            t[j] = tokens[i];
            floor[j] = floors.get(benchmarks.get(k));
            score[j] = scores.get(k)[i];
            fam[j] = family[i];
            mod[j] = model[i];
            ben[j] = benchmarks.get(k);
            rowNumbers[j] = wide.rowNumber(i);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("S", s);
        cols.put("T", t);
        cols.put("floor", floor);
        cols.put("score", score);
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("family", fam);
        labels.put("model", mod);
        labels.put("benchmark", ben);
        return new Dataset(wide.source(), cols, labels, rowNumbers);
    }

    private static double[] numbers(Dataset d, String column) {
        if (!d.hasColumn(column)) {
            throw new BadInputException(d.source() + ": no numeric column '" + column + "' (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        return d.column(column);
    }

    /**
     * One held-out family.
     *
     * @param family            the family
     * @param anchor            its smallest model, fitted with the other families
     * @param heldOutModels     its other models, whose scores are predicted
     * @param heldOutRows       their rows (models x benchmarks)
     * @param meanAbsoluteError mean |predicted - observed| score over those rows
     * @param largestError      mean |predicted - observed| over the rows of its largest model
     * @param fit               the fit without the held-out models
     */
    public record FamilyError(String family, String anchor, List<String> heldOutModels, int heldOutRows,
                              double meanAbsoluteError, double largestError, Fit fit) {
        public FamilyError {
            heldOutModels = List.copyOf(heldOutModels);
        }
    }

    /**
     * The evaluation.
     *
     * @param families          each evaluated family, in table order
     * @param skipped           families with one model only (nothing to predict once it is fitted)
     * @param meanAbsoluteError the mean of the families' errors (each family counts once)
     */
    public record Evaluation(List<FamilyError> families, List<String> skipped, double meanAbsoluteError) {
        public Evaluation {
            families = List.copyOf(families);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Leaves out each family in turn (or only {@code only}, when given).
     *
     * @param rows         long-form rows with text columns {@code familyColumn} and {@code modelColumn}
     * @param sizeColumn   the numeric column that orders a family's models (the smallest is the anchor)
     * @throws BadInputException for a missing column, or a family in {@code only} that the rows lack or
     *                           that has a single model
     */
    public static Evaluation leaveOneFamilyOut(Law law, Dataset rows, String target, String familyColumn,
                                               String modelColumn, String sizeColumn, List<String> only,
                                               FitOptions options) {
        String[] family = text(rows, familyColumn);
        String[] model = text(rows, modelColumn);
        double[] size = rows.column(sizeColumn);
        // family -> model -> size, in table order
        Map<String, Map<String, Double>> models = new LinkedHashMap<>();
        for (int i = 0; i < family.length; i++) {
            models.computeIfAbsent(family[i], f -> new LinkedHashMap<>()).putIfAbsent(model[i], size[i]);
        }
        for (String f : only) {
            if (!models.containsKey(f)) {
                throw new BadInputException("--leave-out-family " + f + ": no such family (families: "
                        + String.join(", ", models.keySet()) + ")");
            }
            if (models.get(f).size() < 2) {
                throw new BadInputException("--leave-out-family " + f + ": the family has one model, which anchors it;"
                        + " there is nothing left to predict");
            }
        }
        List<FamilyError> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : models.entrySet()) {
            String f = e.getKey();
            if (!only.isEmpty() && !only.contains(f)) {
                continue;
            }
            if (e.getValue().size() < 2) {
                skipped.add(f);
                continue;
            }
            String anchor = null;
            String largest = null;
            for (Map.Entry<String, Double> m : e.getValue().entrySet()) {
                if (anchor == null || m.getValue() < e.getValue().get(anchor)) {
                    anchor = m.getKey();
                }
                if (largest == null || m.getValue() > e.getValue().get(largest)) {
                    largest = m.getKey();
                }
            }
            boolean[] train = new boolean[family.length];
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < family.length; i++) {
                train[i] = !family[i].equals(f) || model[i].equals(anchor);
                if (!train[i]) {
                    test.add(i);
                }
            }
            Fit fit = Fitter.fit(law, rows.filter(train), target, options);
            int[] idx = test.stream().mapToInt(Integer::intValue).toArray();
            Dataset held = rows.select(idx);
            double[] predicted = fit.predict(held);
            double[] observed = held.column(target);
            double sum = 0;
            double sumLargest = 0;
            int nLargest = 0;
            for (int i = 0; i < idx.length; i++) {
                double err = Math.abs(predicted[i] - observed[i]);
                sum += err;
                if (model[idx[i]].equals(largest)) {
                    sumLargest += err;
                    nLargest++;
                }
            }
            List<String> heldOut = new ArrayList<>(e.getValue().keySet());
            heldOut.remove(anchor);
            out.add(new FamilyError(f, anchor, heldOut, idx.length, sum / idx.length, sumLargest / nLargest, fit));
        }
        double mean = out.stream().mapToDouble(FamilyError::meanAbsoluteError).average().orElse(Double.NaN);
        return new Evaluation(out, skipped, mean);
    }

    private static String[] text(Dataset rows, String column) {
        return rows.label(column).orElseThrow(() -> new BadInputException(rows.source() + ": no text column '" + column
                + "' (text columns: " + String.join(", ", rows.labels().keySet()) + ")"));
    }
}
