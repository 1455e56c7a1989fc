package dev.slaw.io.document;

import dev.slaw.law.Numbers;

import java.util.Locale;

/** How the text documents show numbers: one place, so every table and report agrees. */
public final class Formats {
    private Formats() {
    }

    /** Scientific with four significant digits: {@code 5.880e+23}. */
    public static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Four significant digits: {@code 17.91}. */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A level as a whole percentage: {@code 95%}. */
    public static String percent(double level) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * level);
    }

    /** {@link #sci} or {@link #num}, and {@code -} for a number that is not finite. */
    public static String finite(double v, boolean scientific) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return scientific ? sci(v) : num(v);
    }

    /**
     * A number to {@code digits} significant digits in the fit reports: plain and without
     * trailing zeros between 0.001 and a million ({@code 0.3392}, {@code 406.4}), scientific
     * outside ({@code 2.085430e+03} at seven digits), and zero, NaN and infinities as Java writes them.
     */
    public static String significant(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return Numbers.compact(Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "g", v)));
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
}
