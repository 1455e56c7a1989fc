package dev.slaw.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The labelled ticks of a logarithmic axis, chosen so that every axis has at least two
 * numbers on it and the numbers never overlap.
 *
 * <p>The range is widened to the nearest ticks of the form {@code m * 10^k} with {@code m} in
 * 1..9 (the positions where XChart draws log tick marks), so both ends carry a label. The
 * labels are then the richest of these sets that fits the axis length: every {@code m} in 1..9,
 * then {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, the powers of ten, every second, third, fifth ... power
 * of ten; when even the sparsest set leaves fewer than two labels, the two ends.
 *
 * @param lower  the smallest value on the axis
 * @param upper  the largest value on the axis
 * @param values the labelled values, increasing
 * @param labels their labels, e.g. {@code 2e9}, {@code 300}, {@code 0.05}
 */
public record AxisTicks(double lower, double upper, List<Double> values, List<String> labels) {
    /** Share of the axis length XChart uses for data (its default plot content size). */
    static final double PLOT_CONTENT = 0.92;
    private static final int[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}};
    private static final int[] DECADE_STEPS = {2, 3, 5, 10, 20, 50};
    private static final double TOLERANCE = 1e-6;

    public AxisTicks {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }

    /**
     * Ticks for a log axis over positive data.
     *
     * @param dataMin    the smallest positive value to show
     * @param dataMax    the largest value to show
     * @param length     the axis length in pixels
     * @param horizontal whether labels sit side by side (x axis) or one above another (y axis)
     * @param fontSize   the tick label font size in points
     */
    public static AxisTicks log(double dataMin, double dataMax, double length, boolean horizontal, double fontSize) {
        if (!(dataMin > 0) || !(dataMax >= dataMin) || !Double.isFinite(dataMax)) {
            throw new IllegalArgumentException("a log axis needs finite positive values, got " + dataMin + " to " + dataMax);
        }
        double lo = floorTick(dataMin);
        double hi = ceilTick(dataMax);
        if (hi <= lo * (1 + TOLERANCE)) {
            // a single value: show the ticks on either side of it
            lo = floorTick(lo * (1 - 1e-3));
            hi = ceilTick(hi * (1 + 1e-3));
        }
        for (int[] mantissas : MANTISSAS) {
            List<Double> v = withMantissas(lo, hi, mantissas, 1);
            if (v.size() >= 2 && fits(v, lo, hi, length, horizontal, fontSize)) {
                return of(lo, hi, v);
            }
        }
        for (int step : DECADE_STEPS) {
            List<Double> v = withMantissas(lo, hi, new int[]{1}, step);
            if (v.size() >= 2 && fits(v, lo, hi, length, horizontal, fontSize)) {
                return of(lo, hi, v);
            }
        }
        return of(lo, hi, List.of(lo, hi));
    }

    /** The label at a value XChart asks about, or a blank when that tick carries none. */
    public String labelAt(double value) {
        for (int i = 0; i < values.size(); i++) {
            if (Math.abs(value - values.get(i)) <= TOLERANCE * values.get(i)) {
                return labels.get(i);
            }
        }
        // a blank, not an empty string: XChart measures every label with a TextLayout, which
        // rejects empty text
        return " ";
    }

    /**
     * A short, exact-looking number: plain from 0.001 to 9999 ({@code 0.05}, {@code 20},
     * {@code 300}), else mantissa and power of ten ({@code 2e9}, {@code 1.5e21}); at most
     * three significant digits.
     */
    public static String label(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        int k = (int) Math.floor(Math.log10(a));
        double m = v / Math.pow(10, k);
        BigDecimal rounded = new BigDecimal(m).round(new MathContext(3)).stripTrailingZeros();
        if (rounded.abs().compareTo(BigDecimal.TEN) >= 0) {
            rounded = rounded.movePointLeft(1);
            k++;
        }
        return rounded.toPlainString() + "e" + k;
    }

    /**
     * The label of a tick on a linear axis from {@code lower} to {@code upper}: a leading zero
     * ({@code 0.045}, where XChart's default pattern prints {@code .045}), as many decimals as a
     * hundredth of the range needs and no trailing zeros, and mantissa and power of ten when the
     * axis reaches a million or more ({@code 2.5e6}). Ticks a rounding error away from zero read
     * {@code 0}.
     */
    public static String linearLabel(double v, double lower, double upper) {
        double range = Math.abs(upper - lower);
        double reach = Math.max(Math.abs(lower), Math.abs(upper));
        if (!Double.isFinite(v) || !(range > 0) || !Double.isFinite(range)) {
            return label(v);
        }
        if (Math.abs(v) < range * 1e-9) {
            return "0";
        }
        if (reach >= 1e6) {
            return label(v);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(range / 100)));
        BigDecimal rounded = new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static AxisTicks of(double lo, double hi, List<Double> values) {
        List<String> labels = new ArrayList<>();
        for (double v : values) {
            labels.add(label(v));
        }
        return new AxisTicks(lo, hi, values, labels);
    }

    static double floorTick(double v) {
        int k = (int) Math.floor(Math.log10(v));
        double p = Math.pow(10, k);
        double m = Math.floor(v / p * (1 + TOLERANCE));
        if (m < 1) {
            return Math.pow(10, k - 1) * 9;
        }
        return m * p;
    }

    static double ceilTick(double v) {
        int k = (int) Math.floor(Math.log10(v));
        double p = Math.pow(10, k);
        double m = Math.ceil(v / p * (1 - TOLERANCE));
        return m >= 10 ? Math.pow(10, k + 1) : m * p;
    }

    private static List<Double> withMantissas(double lo, double hi, int[] mantissas, int decadeStep) {
        List<Double> out = new ArrayList<>();
        int kLo = (int) Math.floor(Math.log10(lo)) - 1;
        int kHi = (int) Math.ceil(Math.log10(hi)) + 1;
        for (int k = kLo; k <= kHi; k++) {
            if (Math.floorMod(k, decadeStep) != 0) {
                continue;
            }
            for (int m : mantissas) {
                double v = m * Math.pow(10, k);
                if (v >= lo * (1 - TOLERANCE) && v <= hi * (1 + TOLERANCE)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static boolean fits(List<Double> values, double lo, double hi, double length, boolean horizontal,
                                double fontSize) {
        double span = Math.log10(hi) - Math.log10(lo);
        double usable = length * PLOT_CONTENT;
        for (int i = 1; i < values.size(); i++) {
            double gap = (Math.log10(values.get(i)) - Math.log10(values.get(i - 1))) / span * usable;
            double need = horizontal
                    ? (width(label(values.get(i - 1)), fontSize) + width(label(values.get(i)), fontSize)) / 2 + 10
                    : fontSize * 1.3 + 4;
            if (gap < need) {
                return false;
            }
        }
        return true;
    }

    /** A generous estimate of a label's width: digits in a sans-serif font are about 0.6 em. */
    private static double width(String label, double fontSize) {
        return label.length() * 0.62 * fontSize;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AxisTicks[%s..%s: %s]", label(lower), label(upper), String.join(", ", labels));
    }
}
