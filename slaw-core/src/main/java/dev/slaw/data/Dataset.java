package dev.slaw.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of named numeric columns, all of one length, plus optional per-row labels
 * (a group such as the model family, a run id) that are kept as text.
 *
 * <p>Immutable: columns are copied in and copied out. {@code source} says where the rows came
 * from (a file name, a stored dataset) so that errors and provenance can name it.
 *
 * @param source   where the rows came from, for messages and provenance
 * @param columns  numeric columns in their original order
 * @param labels   text columns (group, run id ...) in their original order
 * @param rowNumbers for each row, its 1-based row number in the source (so errors can name it)
 */
public record Dataset(String source, Map<String, double[]> columns, Map<String, String[]> labels,
                      int[] rowNumbers) {

    public Dataset {
        int n = rowNumbers.length;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has " + e.getValue().length
                        + " rows, expected " + n);
            }
            cols.put(e.getKey(), e.getValue().clone());
        }
        Map<String, String[]> labs = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : labels.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("label column '" + e.getKey() + "' has " + e.getValue().length
                        + " rows, expected " + n);
            }
            labs.put(e.getKey(), e.getValue().clone());
        }
        columns = Collections.unmodifiableMap(cols);
        labels = Collections.unmodifiableMap(labs);
        rowNumbers = rowNumbers.clone();
    }

    /** A dataset of numeric columns only, rows numbered 1..n. */
    public static Dataset of(String source, Map<String, double[]> columns) {
        int n = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i + 1;
        }
        return new Dataset(source, columns, Map.of(), rows);
    }

    public int rowCount() {
        return rowNumbers.length;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** A copy of the named column; throws {@link IllegalArgumentException} naming the known columns. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException(source + ": no column '" + name + "' (columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return c.clone();
    }

    /** One cell, without copying its column (which {@link #column} does, to keep the dataset immutable). */
    public double value(String name, int row) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException(source + ": no column '" + name + "' (columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return c[row];
    }

    public Optional<String[]> label(String name) {
        String[] l = labels.get(name);
        return l == null ? Optional.empty() : Optional.of(l.clone());
    }

    public int rowNumber(int index) {
        return rowNumbers[index];
    }

    public int[] rowNumbers() {
        return rowNumbers.clone();
    }

    /** A new dataset with one more (or a replaced) numeric column. */
    public Dataset withColumn(String name, double[] values) {
        Map<String, double[]> cols = new LinkedHashMap<>(columns);
        cols.put(name, values);
        return new Dataset(source, cols, labels, rowNumbers);
    }

    /** A new dataset with one more (or a replaced) label column. */
    public Dataset withLabel(String name, String[] values) {
        Map<String, String[]> labs = new LinkedHashMap<>(labels);
        labs.put(name, values);
        return new Dataset(source, columns, labs, rowNumbers);
    }

    /** The rows at the given indices, in that order. */
    public Dataset select(int[] indices) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            double[] src = e.getValue();
            double[] dst = new double[indices.length];
            for (int i = 0; i < indices.length; i++) {
                dst[i] = src[indices[i]];
            }
            cols.put(e.getKey(), dst);
        }
        Map<String, String[]> labs = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : labels.entrySet()) {
            String[] src = e.getValue();
            String[] dst = new String[indices.length];
            for (int i = 0; i < indices.length; i++) {
                dst[i] = src[indices[i]];
            }
            labs.put(e.getKey(), dst);
        }
        int[] rows = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = rowNumbers[indices[i]];
        }
        return new Dataset(source, cols, labs, rows);
    }

    /** The rows whose mask entry is true. */
    public Dataset filter(boolean[] keep) {
        if (keep.length != rowCount()) {
            throw new IllegalArgumentException("mask has " + keep.length + " entries, expected " + rowCount());
        }
        int count = 0;
        for (boolean k : keep) {
            if (k) {
                count++;
            }
        }
        int[] idx = new int[count];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                idx[j++] = i;
            }
        }
        return select(idx);
    }

    /**
     * SHA-256 over the named columns of every row (as IEEE-754 bits, in row order), so that
     * two fits can be checked to have used exactly the same numbers.
     */
    public String fingerprint(List<String> names) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> sorted = List.copyOf(names);
            for (String name : sorted) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            ByteBuffer buf = ByteBuffer.allocate(8);
            for (int i = 0; i < rowCount(); i++) {
                for (String name : sorted) {
                    double[] column = columns.get(name);
                    if (column == null) {
                        // a text column (a curve fit's run label): its cell, ended like a name
                        md.update(labels.get(name)[i].getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                        continue;
                    }
                    buf.clear();
                    buf.putDouble(column[i]);
                    md.update(buf.array());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dataset d)) {
            return false;
        }
        if (!source.equals(d.source) || !Arrays.equals(rowNumbers, d.rowNumbers)
                || !columns.keySet().equals(d.columns.keySet()) || !labels.keySet().equals(d.labels.keySet())) {
            return false;
        }
        for (String k : columns.keySet()) {
            if (!Arrays.equals(columns.get(k), d.columns.get(k))) {
                return false;
            }
        }
        for (String k : labels.keySet()) {
            if (!Arrays.equals(labels.get(k), d.labels.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + Arrays.hashCode(rowNumbers);
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + rowCount() + " rows, columns " + columns.keySet()
                + (labels.isEmpty() ? "" : ", labels " + labels.keySet()) + "]";
    }
}
