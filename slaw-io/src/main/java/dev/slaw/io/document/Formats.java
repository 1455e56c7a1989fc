package dev.slaw.io.document;

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
}
