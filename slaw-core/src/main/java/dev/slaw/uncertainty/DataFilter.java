package dev.slaw.uncertainty;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rows of a table a fit uses, as one of the choices a {@link SensitivitySweep} varies.
 * Applied in this order: keep the rows where every condition holds; drop the rows at the smallest
 * value of a column (the smallest models, whose losses a law's asymptotic form describes worst);
 * then, within each group of rows equal in the {@code lowestPer} columns, keep only the row of
 * lowest target (e.g. per (N, D), the best learning rate of a sweep, as Hoffmann et al. 2022 fit
 * only the best run per size and budget).
 *
 * @param conditions   rows must satisfy all of these
 * @param dropSmallest a column whose smallest value's rows are dropped, or null
 * @param lowestPer    columns defining groups in which only the lowest-target row is kept; empty
 *                     for none
 */
public record DataFilter(List<RowCondition> conditions, String dropSmallest, List<String> lowestPer) {

    public DataFilter {
        conditions = List.copyOf(conditions);
        lowestPer = List.copyOf(lowestPer);
    }

    /** Every row. */
    public static DataFilter all() {
        return new DataFilter(List.of(), null, List.of());
    }

    public DataFilter withCondition(RowCondition c) {
        List<RowCondition> more = new ArrayList<>(conditions);
        more.add(c);
        return new DataFilter(more, dropSmallest, lowestPer);
    }

    public DataFilter withConditions(List<RowCondition> cs) {
        return new DataFilter(cs, dropSmallest, lowestPer);
    }

    public DataFilter withDropSmallest(String column) {
        return new DataFilter(conditions, column, lowestPer);
    }

    public DataFilter withLowestPer(List<String> columns) {
        return new DataFilter(conditions, dropSmallest, columns);
    }

    /**
     * The rows this filter keeps.
     *
     * @throws BadInputException for an unknown column, or when no row is left
     */
    public Dataset apply(Dataset data, String target) {
        Dataset d = data;
        for (RowCondition c : conditions) {
            d = d.filter(c.holds(d));
        }
        if (dropSmallest != null) {
            double[] v = require(d, dropSmallest);
            double min = Double.POSITIVE_INFINITY;
            for (double x : v) {
                min = Math.min(min, x);
            }
            boolean[] keep = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                keep[i] = v[i] != min;
            }
            d = d.filter(keep);
        }
        if (!lowestPer.isEmpty()) {
            double[] y = require(d, target);
            List<double[]> keys = new ArrayList<>();
            for (String c : lowestPer) {
                keys.add(require(d, c));
            }
            // first-appearance order of groups and the first row on ties keep the result deterministic
            Map<List<Double>, Integer> best = new LinkedHashMap<>();
            for (int i = 0; i < y.length; i++) {
                List<Double> key = new ArrayList<>();
                for (double[] k : keys) {
                    key.add(k[i]);
                }
                Integer b = best.get(key);
                if (b == null || y[i] < y[b]) {
                    best.put(key, i);
                }
            }
            boolean[] keep = new boolean[y.length];
            for (int i : best.values()) {
                keep[i] = true;
            }
            d = d.filter(keep);
        }
        if (d.rowCount() == 0) {
            throw new BadInputException(data.source() + ": data filter " + describe() + " leaves no row");
        }
        return d;
    }

    private static double[] require(Dataset d, String column) {
        if (!d.hasColumn(column)) {
            throw new BadInputException(d.source() + ": no numeric column '" + column + "' (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        return d.column(column);
    }

    /** A short description, e.g. {@code portion_steps_elapsed == 1; lowest loss per N, D}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (RowCondition c : conditions) {
            parts.add(c.text());
        }
        if (dropSmallest != null) {
            parts.add("drop the smallest " + dropSmallest);
        }
        if (!lowestPer.isEmpty()) {
            parts.add("lowest target per " + String.join(", ", lowestPer));
        }
        return parts.isEmpty() ? "all rows" : String.join("; ", parts);
    }
}
