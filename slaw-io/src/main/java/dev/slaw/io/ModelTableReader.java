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
        return new ModelTable(source, List.of(model.textsOrFormat()), List.of(family.textsOrFormat()), compute,
                chosen, scores);
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
