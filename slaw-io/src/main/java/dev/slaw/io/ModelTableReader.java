package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.DelimitedTableReader;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;
import dev.slaw.observational.ModelTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of public models by benchmarks (one row a model) as {@link ModelTable}: a model
 * column, a family column, a compute column, and the benchmark columns, by default every other
 * numeric column whose values all lie in [0, 1] (scores as fractions; sizes and token counts
 * fall outside).
 */
public final class ModelTableReader {
    /** The authors' column names (ryoungj/ObsScaling eval_results). */
    public static final String MODEL = "Model";
    public static final String FAMILY = "Model Family";
    public static final String COMPUTE = "FLOPs (1E21)";
    /** The authors' size and token columns, which give a check of the compute column: C = 6 N D. */
    static final String SIZE = "Model Size (B)";
    static final String TOKENS = "Pretraining Data Size (T)";
    /** Far above the most over-trained models listed (Qwen2 0.5B: 24,000 tokens per parameter). */
    static final double MAX_TOKENS_PER_PARAMETER = 1e5;

    private ModelTableReader() {
    }

    /**
     * @param benchmarks the score columns, or empty for every numeric column with values in [0, 1]
     */
    public static ModelTable read(Path file, String source, String modelColumn, String familyColumn,
                                  String computeColumn, List<String> benchmarks) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(source + ": no such file");
        }
        RawTable t = DelimitedTableReader.read(file, source);
        RawColumn model = column(t, modelColumn, "--model-column");
        RawColumn family = column(t, familyColumn, "--family-column");
        double[] compute = column(t, computeColumn, "--compute-column").numbersOrFail(source);
        for (int i = 0; i < compute.length; i++) {
            if (compute[i] < 0 || Double.isInfinite(compute[i])) {
                throw new BadInputException(source + ": row " + t.rowNumbers()[i] + ", column \"" + computeColumn
                        + "\": " + compute[i] + " is not a compute");
            }
        }
        List<String> chosen = new ArrayList<>();
        if (benchmarks.isEmpty()) {
            for (RawColumn c : t.columns()) {
                String n = c.name();
                if (!n.equals(modelColumn) && !n.equals(familyColumn) && !n.equals(computeColumn) && c.isNumeric()
                        && c.numericCells() > 0 && withinUnitInterval(c.numbers())) {
                    chosen.add(n);
                }
            }
            if (chosen.size() < 2) {
                throw new BadInputException(source + ": fewer than two benchmark columns (numeric, every value in"
                        + " [0, 1]); name them with --benchmarks");
            }
        } else {
            chosen.addAll(benchmarks);
        }
        double[][] scores = new double[t.rowCount()][chosen.size()];
        for (int j = 0; j < chosen.size(); j++) {
            double[] v = column(t, chosen.get(j), "--benchmarks").numbersOrFail(source);
            for (int i = 0; i < v.length; i++) {
                scores[i][j] = v[i];
            }
        }
        String[] names = model.textsOrFormat();
        return new ModelTable(source, List.of(names), List.of(family.textsOrFormat()), compute, chosen, scores,
                computeChecks(t, computeColumn, compute, names));
    }

    /**
     * With the authors' size (billions) and tokens (trillions) columns and compute in 1e21, a
     * compute more than twice off 6 N D, or more tokens per parameter than any model is trained
     * on, is most likely a typo in the table; it decides which side of the cutoff the model falls
     * on, so it is named.
     */
    private static List<String> computeChecks(RawTable t, String computeColumn, double[] compute, String[] names) {
        List<String> notes = new ArrayList<>();
        if (!computeColumn.equals(COMPUTE)) {
            return notes;
        }
        double[] n = t.column(SIZE).filter(RawColumn::isNumeric).map(RawColumn::numbers).orElse(null);
        double[] d = t.column(TOKENS).filter(RawColumn::isNumeric).map(RawColumn::numbers).orElse(null);
        if (n == null || d == null) {
            return notes;
        }
        for (int i = 0; i < compute.length; i++) {
            double expected = 6 * n[i] * d[i];
            double ratio = compute[i] / expected;
            if (expected > 0 && Double.isFinite(ratio) && (ratio > 2 || ratio < 0.5)) {
                notes.add(String.format(java.util.Locale.ROOT,
                        "%s (row %d): compute %.4g is %.3gx 6 N D = %.4g (N %s B, D %s T); check the table",
                        names[i], t.rowNumbers()[i], compute[i], ratio, expected, n[i], d[i]));
            }
            double tokensPerParameter = 1000 * d[i] / n[i];
            if (Double.isFinite(tokensPerParameter) && tokensPerParameter > MAX_TOKENS_PER_PARAMETER) {
                notes.add(String.format(java.util.Locale.ROOT,
                        "%s (row %d): %s T tokens for %s B parameters is %.3g tokens per parameter, more than any"
                                + " published model; its compute %.4g (and the side of the cutoff it falls on) may be"
                                + " off by the tokens' unit", names[i], t.rowNumbers()[i], d[i], n[i],
                        tokensPerParameter, compute[i]));
            }
        }
        return notes;
    }

    private static boolean withinUnitInterval(double[] v) {
        for (double x : v) {
            if (!Double.isNaN(x) && (x < 0 || x > 1)) {
                return false;
            }
        }
        return true;
    }

    private static RawColumn column(RawTable t, String name, String option) {
        return t.column(name).orElseThrow(() -> new BadInputException(t.source() + ": no column \"" + name
                + "\" (" + option + "; columns: " + String.join(", ", t.columnNames()) + ")"));
    }
}
