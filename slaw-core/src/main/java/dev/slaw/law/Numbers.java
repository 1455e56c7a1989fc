package dev.slaw.law;

import java.util.Locale;

/** Short, exact-enough renderings of numbers for formulas and reports. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 3}, {@code 0.5}, {@code 1e-3}, {@code 477.8}: at most six significant digits. */
    public static String compact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            String mant = stripZeros(parts[0]);
            int exp = Integer.parseInt(parts[1]);
            return mant + "e" + exp;
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
