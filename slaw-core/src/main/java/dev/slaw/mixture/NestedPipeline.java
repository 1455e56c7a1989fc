package dev.slaw.mixture;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first two stages of Ye et al.'s prediction pipeline (2024, "Data Mixing Laws",
 * arXiv:2403.16952; the procedure as the authors' code runs it, github.com/yegcjs/mixinglaws,
 * {@code pipeline/run.sh}, {@code steplaw.py}, {@code sizelaw.py}): a step law
 * {@code L(D) = c + B * D^-beta} per run (one model size, one mixture) extrapolates each run to the
 * target token count; then a size law {@code L(N) = c + A * N^-alpha} per mixture, its exponent
 * shared by all mixtures (the authors' {@code tie_alpha all}), extrapolates those to the target
 * model size. The third stage, a mixture law fitted to the predicted losses, is an ordinary
 * {@code Fit} on {@link #predicted()}.
 *
 * @param predicted one row per mixture: its proportions and the predicted target at the target size and tokens
 * @param sizeExponent the shared exponent of the size law
 * @param stepFits  the step law's fit per run, keyed {@code mixture k, N = ...}
 * @param sizeFit   the size laws, fitted jointly
 * @param notes     what was done, for the final fit's provenance
 */
public record NestedPipeline(Dataset predicted, double sizeExponent, Map<String, Fit> stepFits, GroupedFit sizeFit,
                             List<String> notes) {

    /** The step law (the authors' {@code c + (D0/D)^alpha}, as {@code B = D0^alpha}). */
    public static final String STEP_LAW = "c + B * D^-beta";
    /** The size law (the authors' {@code c + (N0/N)^alpha}). */
    public static final String SIZE_LAW = "c + A * N^-alpha";

    public NestedPipeline {
        stepFits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stepFits));
        notes = List.copyOf(notes);
    }

    /**
     * Runs the two stages.
     *
     * @param runs        checkpoints: proportion columns, {@code size} (N), {@code tokens} (D) and the target
     * @param proportions the mixture's columns
     * @param toSize      the model size to predict
     * @param toTokens    the token count to predict
     */
    public static NestedPipeline run(Dataset runs, List<String> proportions, String size, String tokens,
                                     String target, double toSize, double toTokens, FitOptions options) {
        for (String c : concat(proportions, List.of(size, tokens, target))) {
            if (!runs.hasColumn(c)) {
                throw new BadInputException(runs.source() + ": no column \"" + c + "\" (columns: "
                        + String.join(", ", runs.columnNames()) + ")");
            }
        }
        // mixtures and runs in table order
        Map<String, double[]> mixtures = new LinkedHashMap<>();
        Map<String, List<Integer>> rowsOfRun = new LinkedHashMap<>();
        Map<String, String> mixtureOfRun = new LinkedHashMap<>();
        Map<String, Double> sizeOfRun = new LinkedHashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            double[] r = new double[proportions.size()];
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < r.length; j++) {
                r[j] = runs.value(proportions.get(j), i);
                key.append(String.format(Locale.ROOT, "%.6g,", r[j]));
            }
            String mixture = key.toString();
            mixtures.putIfAbsent(mixture, r);
            double n = runs.value(size, i);
            String run = "mixture " + (indexOf(mixtures, mixture) + 1) + ", " + size + " = " + compact(n);
            rowsOfRun.computeIfAbsent(run, k -> new ArrayList<>()).add(i);
            mixtureOfRun.put(run, mixture);
            sizeOfRun.put(run, n);
        }
        Law step = Catalogue.builtIn().resolve(STEP_LAW.replace("D", tokens), runs.columnNames());
        Map<String, Fit> stepFits = new LinkedHashMap<>();
        List<Double> sizeColumn = new ArrayList<>();
        List<Double> stepPrediction = new ArrayList<>();
        List<String> groupOfRow = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rowsOfRun.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (rows.length < 4) {
                throw new BadInputException(runs.source() + ": " + e.getKey() + " has " + rows.length
                        + " checkpoint" + (rows.length == 1 ? "" : "s") + "; the step law " + STEP_LAW
                        + " needs at least 4 to extrapolate from");
            }
            Fit f = Fitter.fit(step, runs.select(rows), target, options.withNotes(List.of("run " + e.getKey())));
            stepFits.put(e.getKey(), f);
            double at = f.predict(Dataset.of("target", Map.of(tokens, new double[]{toTokens})))[0];
            sizeColumn.add(sizeOfRun.get(e.getKey()));
            stepPrediction.add(at);
            groupOfRow.add(Integer.toString(indexOf(mixtures, mixtureOfRun.get(e.getKey())) + 1));
        }
        Map<String, double[]> stage2 = new LinkedHashMap<>();
        stage2.put("N", sizeColumn.stream().mapToDouble(Double::doubleValue).toArray());
        stage2.put(target, stepPrediction.stream().mapToDouble(Double::doubleValue).toArray());
        Dataset sizes = Dataset.of(runs.source() + " (step laws at " + tokens + " = " + compact(toTokens) + ")", stage2);
        Law sizeLaw = Catalogue.builtIn().resolve(SIZE_LAW, List.of("N"));
        GroupedFit sizeFit = GroupFitter.fitShared(sizeLaw, sizes, "mixture", groupOfRow.toArray(String[]::new),
                target, options, List.of("alpha"));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String p : proportions) {
            out.put(p, new double[mixtures.size()]);
        }
        double[] y = new double[mixtures.size()];
        int k = 0;
        for (double[] r : mixtures.values()) {
            for (int j = 0; j < r.length; j++) {
                out.get(proportions.get(j))[k] = r[j];
            }
            y[k] = sizeFit.predictor(Integer.toString(k + 1)).predict(Map.of("N", toSize));
            k++;
        }
        out.put(target, y);
        double alpha = sizeFit.fit("1").value("alpha");
        List<String> notes = List.of(String.format(Locale.ROOT,
                "nested pipeline: step law %s fitted to each of %d runs, predicted at %s = %s; size law %s per mixture"
                        + " (alpha shared, %.4g) fitted to those, predicted at %s = %s; %d mixtures",
                STEP_LAW.replace("D", tokens), rowsOfRun.size(), tokens, compact(toTokens), SIZE_LAW, alpha,
                size, compact(toSize), mixtures.size()));
        return new NestedPipeline(Dataset.of(runs.source() + " (predicted at " + size + " = " + compact(toSize)
                + ", " + tokens + " = " + compact(toTokens) + ")", out), alpha, stepFits, sizeFit, notes);
    }

    /** Every warning of the step and size fits, each prefixed with its run or "size laws". */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        stepFits.forEach((run, f) -> f.warnings().forEach(w -> out.add("step law, " + run + ": " + w)));
        sizeFit.warnings().forEach(w -> out.add("size laws: " + w));
        return out;
    }

    private static int indexOf(Map<String, double[]> m, String key) {
        int i = 0;
        for (String k : m.keySet()) {
            if (k.equals(key)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static String compact(double v) {
        return dev.slaw.law.Numbers.compact(v);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
