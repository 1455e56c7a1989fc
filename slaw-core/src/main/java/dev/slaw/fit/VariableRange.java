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
            VariableRange range = data.hasColumn(v) ? ofFinite(data.column(v)) : null;
            if (range != null) {
                out.put(v, range);
            }
        }
        return out;
    }

    /** The target's range over the rows of {@code data}, or null when it is no column there or has no finite value. */
    public static VariableRange ofTarget(Dataset data, String target) {
        return data.hasColumn(target) ? ofFinite(data.column(target)) : null;
    }

    /** The lowest and highest finite value of {@code values}, or null when none is finite. */
    private static VariableRange ofFinite(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : values) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return lo <= hi ? new VariableRange(lo, hi) : null;
    }

    /**
     * A line when every value of the target fitted lies between 0 and 1 (an accuracy, an error
     * rate, a fraction) but a prediction does not: such a target cannot leave [0, 1], so the law
     * is extrapolated past where it can hold; empty otherwise (the fitted range unknown, or the
     * target not bounded so). Names the farthest prediction and the point it was made at.
     *
     * @param where how each prediction's point reads ("x = 1e13"), by prediction
     */
    public static java.util.Optional<String> outsideTheUnitInterval(String target, VariableRange fitted,
                                                                    double[] predicted,
                                                                    java.util.function.IntFunction<String> where) {
        if (fitted == null || fitted.lowest < 0 || fitted.highest > 1) {
            return java.util.Optional.empty();
        }
        int worst = -1;
        double distance = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] > 1 ? predicted[i] - 1 : predicted[i] < 0 ? -predicted[i] : 0;
            if (d > distance) {
                distance = d;
                worst = i;
            }
        }
        if (worst < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                "outside [0, 1]: %s = %.4g at %s, though every %s fitted lies between 0 and 1 (%s to %s): an"
                        + " accuracy or a rate cannot leave [0, 1], so the law is extrapolated past where it holds",
                target, predicted[worst], where.apply(worst), target, Numbers.compact(fitted.lowest),
                Numbers.compact(fitted.highest)));
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
