package dev.slaw.compare;

import dev.slaw.data.Dataset;
import dev.slaw.law.Numbers;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the compared axis determines the metric alone. A comparison "at equal compute" reads each
 * recipe's law along one axis; when the rows at one value of that axis differ in another scale
 * variable (an IsoFLOP sweep mixes N/D ratios at equal C), or the law reads other variables that
 * the comparison holds at one value, the answer holds only for that value and the spread among
 * such rows is hidden. This finds either case and says it in one line.
 */
public final class AxisSpread {
    /** Rows whose axis values differ by less than this relative amount count as one scale. */
    static final double SAME_SCALE = 0.01;
    /** A variable counts as varying when its largest value is this many times its smallest. */
    static final double VARIES = 1.1;
    /**
     * Columns that name a scale in the field's words, checked even when the law does not read them:
     * parameters, tokens, compute.
     */
    private static final Set<String> SCALE_NAMES = Set.of("n", "d", "c", "p", "compute", "model_size", "data_size",
            "dataset_size", "n_no_emb", "c_no_emb", "samples", "samples_seen");

    private AxisSpread() {
    }

    /**
     * The warning for one comparison, or empty when the axis alone fixes the point compared.
     *
     * @param recipes   each recipe's rows
     * @param axis      the law variable compared along
     * @param held      the law's other variables and the values the comparison holds them at
     * @param names     how to name a column in the message (its mapped source column), by column
     * @param target    the metric, whose spread among the rows of one scale the message gives
     */
    public static Optional<String> check(Map<String, Dataset> recipes, String axis, Map<String, Double> held,
                                         Map<String, String> names, String target) {
        for (Map.Entry<String, Double> h : held.entrySet()) {
            double[] range = range(recipes, h.getKey());
            if (range != null && range[1] > VARIES * range[0]) {
                String v = name(h.getKey(), names);
                return Optional.of("the comparison holds " + v + " = " + Numbers.compact(h.getValue()) + ", but the data's "
                        + v + " runs from " + x(range[0]) + " to " + x(range[1]) + ": the gap, crossover and multiplier"
                        + " hold at that " + v + " only, and differ at others");
            }
        }
        Spread worst = null;
        for (Map.Entry<String, Dataset> e : recipes.entrySet()) {
            Dataset rows = e.getValue();
            if (!rows.hasColumn(axis)) {
                continue;
            }
            for (String column : rows.columnNames()) {
                if (column.equals(axis) || column.equals(target) || held.containsKey(column)
                        || !isScale(column, names)) {
                    continue;
                }
                Spread s = widest(e.getKey(), rows, axis, column, target);
                if (s != null && (worst == null || s.ratio() > worst.ratio())) {
                    worst = s;
                }
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        String a = name(axis, names);
        String v = name(worst.column(), names);
        return Optional.of("rows of equal " + a + " differ in " + v + " (" + worst.recipe() + " at " + a + " = "
                + x(worst.scale()) + ": " + v + " from " + x(worst.low()) + " to " + x(worst.high()) + ", " + target
                + " from " + x(worst.metricLow()) + " to " + x(worst.metricHigh()) + "), so " + a
                + " alone does not determine " + target + ": the comparison reads one law per recipe through those"
                + " rows and hides how " + target + " depends on " + v);
    }

    /** One scale's rows and the range of another column among them. */
    private record Spread(String recipe, String column, double scale, double low, double high, double metricLow,
                          double metricHigh) {
        double ratio() {
            return high / low;
        }
    }

    /** The widest relative range of {@code column} among rows at one scale of {@code axis}, if it varies. */
    private static Spread widest(String recipe, Dataset rows, String axis, String column, String target) {
        double[] x = rows.column(axis);
        double[] v = rows.column(column);
        double[] y = rows.hasColumn(target) ? rows.column(target) : new double[x.length];
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        Spread best = null;
        int start = 0;
        for (int k = 1; k <= order.length; k++) {
            boolean sameScale = k < order.length && x[order[k]] > 0
                    && x[order[k]] <= x[order[start]] * (1 + SAME_SCALE);
            if (sameScale) {
                continue;
            }
            if (k - start >= 2) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                double yLo = Double.POSITIVE_INFINITY;
                double yHi = Double.NEGATIVE_INFINITY;
                for (int j = start; j < k; j++) {
                    double value = v[order[j]];
                    if (Double.isFinite(value)) {
                        lo = Math.min(lo, value);
                        hi = Math.max(hi, value);
                        yLo = Math.min(yLo, y[order[j]]);
                        yHi = Math.max(yHi, y[order[j]]);
                    }
                }
                // a zero (the first checkpoint's tokens) varies from any positive value
                if (lo >= 0 && hi > 0 && hi > VARIES * lo && (best == null || hi / lo > best.ratio())) {
                    best = new Spread(recipe, column, x[order[start]], lo, hi, yLo, yHi);
                }
            }
            start = k;
        }
        return best;
    }

    private static double[] range(Map<String, Dataset> recipes, String column) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Dataset rows : recipes.values()) {
            if (!rows.hasColumn(column)) {
                continue;
            }
            for (double v : rows.column(column)) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > 0 && hi >= lo ? new double[]{lo, hi} : null;
    }

    private static boolean isScale(String column, Map<String, String> names) {
        return isScaleName(column) || isScaleName(names.getOrDefault(column, column));
    }

    /** N, D, C and their spelled-out names ("Model Size", "n_params", "train_tokens", "Training FLOP"). */
    private static boolean isScaleName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return SCALE_NAMES.contains(n) || n.contains("param") || n.contains("token") || n.contains("flop");
    }

    /** A column as the user knows it: {@code flops} when C was mapped from that column ({@code --map C=flops}). */
    public static String name(String column, Map<String, String> names) {
        String source = names.get(column);
        return source == null || source.isBlank() ? column : source;
    }

    private static String x(double v) {
        return Numbers.compact(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", v)));
    }
}
