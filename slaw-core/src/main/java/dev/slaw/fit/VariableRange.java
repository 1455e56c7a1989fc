package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lowest and highest value of one of a law's variables over the rows a fit used: what a
 * prediction or a plan compares its point with, so that it can say how far beyond the data it
 * reaches (a law fitted up to 16B parameters says nothing checked about 70T).
 *
 * @param lowest  the smallest finite value fitted
 * @param highest the largest finite value fitted
 */
public record VariableRange(double lowest, double highest) {

    /** Each variable of {@code law} that is a numeric column of {@code data}, with its range there, in the law's order. */
    public static Map<String, VariableRange> of(Law law, Dataset data) {
        Map<String, VariableRange> out = new LinkedHashMap<>();
        for (String v : law.variables()) {
            if (!data.hasColumn(v)) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : data.column(v)) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (lo <= hi) {
                out.put(v, new VariableRange(lo, hi));
            }
        }
        return out;
    }

    /**
     * One line per variable of {@code ranges} that some point of {@code points} lies outside,
     * naming the farthest point and how far it is, as a multiple of the fitted end for positive
     * values ("N = 7e13 is 4,375x the largest N fitted, 1.6e10"); empty when every point lies
     * within the data.
     */
    public static List<String> beyond(Map<String, VariableRange> ranges, Map<String, double[]> points) {
        List<String> lines = new ArrayList<>();
        ranges.forEach((name, range) -> {
            double[] values = points.get(name);
            if (values == null) {
                return;
            }
            double above = Double.NaN;
            double below = Double.NaN;
            for (double x : values) {
                if (x > range.highest && !(x <= above)) {
                    above = x;
                }
                if (x < range.lowest && !(x >= below)) {
                    below = x;
                }
            }
            if (!Double.isNaN(above)) {
                lines.add(range.describe(name, above, range.highest, "largest"));
            }
            if (!Double.isNaN(below)) {
                lines.add(range.describe(name, below, range.lowest, "smallest"));
            }
        });
        return lines;
    }

    private String describe(String name, double x, double end, String which) {
        String how = x > 0 && end > 0
                ? formatFactor(x > end ? x / end : end / x) + (x > end ? " the " : " below the ") + which + " " + name + " fitted, "
                : "beyond the " + which + " " + name + " fitted, ";
        return "extrapolated: " + name + " = " + Numbers.compact(x) + " is " + how + Numbers.compact(end)
                + " (the data cover " + Numbers.compact(lowest) + " to " + Numbers.compact(highest) + ")";
    }

    private static String formatFactor(double factor) {
        return (factor >= 10 ? String.format(java.util.Locale.ROOT, "%,.0f", factor)
                : String.format(java.util.Locale.ROOT, "%.2g", factor)) + "x";
    }
}
