package dev.slaw.io.table;

/** The canonical text of a number when a numeric cell is used as a label (a run id, a group). */
public final class NumberFormat {

    private NumberFormat() {
    }

    /**
     * Integers up to 2^53 without a decimal point ({@code 16000}, not {@code 16000.0}); other
     * values in Java's shortest round-tripping form; NaN as the empty string.
     */
    public static String canonical(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
