package dev.slaw.cli;

import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.TableFormat;
import dev.slaw.io.table.RawColumn;
import dev.slaw.io.table.RawTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads loss curves from CSV files: one run per file with columns {@code step} and {@code loss}
 * (an {@code lr} column, as in the multi-power law's files, is ignored), or several runs in one
 * file with a {@code run} column. Errors name the file, row and column.
 */
final class CurveFiles {
    private CurveFiles() {
    }

    /**
     * The rows of all files as one dataset with label {@code run}, columns {@code step} and
     * {@code loss}. Each file goes through the one table reader (delimiter, quoting, BOM,
     * duplicate and header-only checks), and every problem names its file.
     */
    static Dataset read(List<Path> files) {
        List<String> runs = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        for (Path file : files) {
            RawTable table = TableFormat.of(file).read(file, file.toString(), Set.of());
            if (table.rowCount() == 0) {
                throw new BadInputException(file + ": no rows (a loss curve needs step and loss values)");
            }
            List<String> header = table.columnNames().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            RawColumn step = table.columns().get(column(file, header, CurveLaw.STEP));
            RawColumn loss = table.columns().get(column(file, header, CurveLaw.LOSS));
            int run = header.indexOf(CurveLaw.RUN) >= 0 ? header.indexOf(CurveLaw.RUN) : header.indexOf("schedule");
            String[] runCells = run >= 0 ? table.columns().get(run).textsOrFormat() : null;
            String fileRun = runName(file);
            for (int i = 0; i < table.rowCount(); i++) {
                int row = table.rowNumbers()[i];
                runs.add(runCells != null ? runCells[i].strip() : fileRun);
                steps.add(number(file, row, CurveLaw.STEP, step, i));
                losses.add(number(file, row, CurveLaw.LOSS, loss, i));
                rowNumbers.add(row);
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put(CurveLaw.STEP, steps.stream().mapToDouble(Double::doubleValue).toArray());
        cols.put(CurveLaw.LOSS, losses.stream().mapToDouble(Double::doubleValue).toArray());
        // rows are numbered within their file, so a message names the files
        String source = files.size() == 1 ? files.get(0).toString()
                : files.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
        return new Dataset(source, cols, Map.of(CurveLaw.RUN, runs.toArray(String[]::new)),
                rowNumbers.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double number(Path file, int row, String name, RawColumn column, int i) {
        if (!column.isNumeric()) {
            throw new BadInputException(file + ": row " + column.firstTextRow() + ", column \"" + name + "\": '"
                    + column.firstText() + "' is not a number");
        }
        double v = column.numbers()[i];
        if (!Double.isFinite(v)) {
            throw new BadInputException(file + ": row " + row + ", column \"" + name + "\": '"
                    + (Double.isNaN(v) ? "" : Double.toString(v)) + "' is not a number");
        }
        return v;
    }

    /** A run is named after its file: {@code csv_25/cosine_24000.csv} is run {@code cosine_24000}. */
    static String runName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Per-step learning rates from a file: one number per line, or a CSV with an {@code lr} column. */
    static double[] learningRates(String name) {
        Path file = Path.of(name);
        List<String> lines = lines(file);
        List<Double> rates = new ArrayList<>();
        int column = 0;
        int first = 0;
        if (!lines.isEmpty() && lines.get(0).chars().anyMatch(Character::isLetter)) {
            List<String> header = Arrays.stream(lines.get(0).split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .toList();
            column = column(file, header, "lr");
            first = 1;
        }
        for (int i = first; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rates.add(number(file, i + 1, "lr", lines.get(i).split(",", -1)[column]));
            }
        }
        if (rates.isEmpty()) {
            throw new BadInputException(file + ": no learning rates");
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static int column(Path file, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new BadInputException(file + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    private static double number(Path file, int row, String column, String cell) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(file + ": row " + row + ", column \"" + column + "\": '" + cell.strip()
                    + "' is not a number");
        }
    }
}
