package dev.slaw.io.table;

import java.util.Locale;

/**
 * Parses one cell as a number the way people write numbers in run sheets: plain decimals and
 * scientific notation ({@code 3.1}, {@code 1.1E+07}), thousands separators ({@code 1,024},
 * {@code 10,581}), magnitude suffixes ({@code 12M}, {@code 1.4B}, {@code 2T}, {@code 32.0K},
 * {@code 1856k}) and percentages ({@code 11%} is 0.11).
 *
 * <p>Suffixes: {@code K}/{@code k} = 1e3, {@code M} = 1e6, {@code B}/{@code G} = 1e9,
 * {@code T} = 1e12. A lower-case {@code m} or {@code t} is refused because it could mean milli.
 * Empty cells and the usual placeholders ({@code NA}, {@code N/A}, {@code NaN}, {@code null},
 * {@code None}, and spreadsheet errors such as {@code #REF!} or {@code #N/A}) are
 * {@link #MISSING}; {@code inf} and {@code -Infinity} are infinities.
 *
 * <p>The parser works on a slice of a {@code char[]} and allocates nothing on the common path,
 * because a two-million-row table means tens of millions of cells: the digits are gathered
 * into a {@code long} and scaled by an exact power of ten when that is correctly rounded
 * (mantissa below 2^53, |exponent| at most 22, Clinger's fast path), else converted by the
 * Eisel-Lemire algorithm ({@link EiselLemire}); the rare cases neither can decide go through
 * {@link Double#parseDouble}, so every result is the correctly rounded double of the decimal
 * written. One instance is not thread-safe: each reader owns one.
 */
public final class NumberParser {

    /** The cell held a number, now in {@link #value()}. */
    public static final int NUMBER = 0;
    /** The cell was empty or a missing-value placeholder. */
    public static final int MISSING = 1;
    /** The cell is not a number. */
    public static final int NOT_A_NUMBER = 2;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final String[] MISSING_TOKENS = {
        "na", "n/a", "nan", "null", "none", "#n/a", "#ref!", "#div/0!", "#value!", "#num!",
        "#name?", "#null!", "#na"
    };
    private static final long FAST_PATH_LIMIT = 1L << 53;

    private double value;
    /** Whether ',' is the decimal separator (files delimited by ';'), not a thousands separator. */
    private final boolean decimalComma;
    private char[] scratch;

    /** A parser that reads ',' as a thousands separator ({@code 1,024}). */
    public NumberParser() {
        this(false);
    }

    private NumberParser(boolean decimalComma) {
        this.decimalComma = decimalComma;
    }

    /**
     * A parser for files delimited by ';', where ',' is the decimal separator: {@code 3,370} is
     * 3.37. A cell with both ',' and '.' is ambiguous there ({@code 1.234,5}) and is not a number.
     */
    public static NumberParser decimalComma() {
        return new NumberParser(true);
    }

    /** The number parsed by the last call that returned {@link #NUMBER}. */
    public double value() {
        return value;
    }

    /** Parses a whole string; see {@link #parse(char[], int, int)}. */
    public int parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    /**
     * Parses {@code chars[from, to)}, leading and trailing blanks ignored.
     *
     * @return {@link #NUMBER} (the value is then in {@link #value()}), {@link #MISSING} or
     *         {@link #NOT_A_NUMBER}
     */
    public int parse(char[] chars, int from, int to) {
        if (decimalComma) {
            int comma = -1;
            for (int k = from; k < to; k++) {
                char c = chars[k];
                if (c == '.' || (c == ',' && comma >= 0)) {
                    if (c == '.' && comma < 0) {
                        continue;
                    }
                    return NOT_A_NUMBER;
                }
                if (c == ',') {
                    comma = k;
                }
            }
            if (comma >= 0) {
                for (int k = from; k < comma; k++) {
                    if (chars[k] == '.') {
                        return NOT_A_NUMBER;
                    }
                }
                if (scratch == null || scratch.length < to - from) {
                    scratch = new char[Math.max(32, to - from)];
                }
                System.arraycopy(chars, from, scratch, 0, to - from);
                scratch[comma - from] = '.';
                return parsePlain(scratch, 0, to - from);
            }
        }
        return parsePlain(chars, from, to);
    }

    private int parsePlain(char[] chars, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isBlank(chars[start])) {
            start++;
        }
        while (end > start && isBlank(chars[end - 1])) {
            end--;
        }
        if (start == end) {
            return MISSING;
        }
        char first = chars[start];
        if (first == '#' || first == 'n' || first == 'N') {
            if (isMissingToken(chars, start, end)) {
                return MISSING;
            }
        }
        int i = start;
        boolean negative = false;
        if (chars[i] == '-' || chars[i] == '+') {
            negative = chars[i] == '-';
            i++;
        }
        if (i < end && (chars[i] == 'i' || chars[i] == 'I')) {
            if (matchesIgnoreCase(chars, i, end, "inf") || matchesIgnoreCase(chars, i, end, "infinity")) {
                value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                return NUMBER;
            }
            return NOT_A_NUMBER;
        }
        long mantissa = 0;
        int significant = 0;     // significant digits gathered into the mantissa
        int droppedExponent = 0; // integer digits beyond what the long holds
        int fractionDigits = 0;  // fraction digits gathered into the mantissa
        int digits = 0;
        boolean exact = true;
        // integer part, with optional thousands separators in groups of three
        int groupDigits = 0;
        boolean grouped = false;
        int integerStart = i;
        while (i < end) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits++;
                groupDigits++;
                if (mantissa == 0 && c == '0') {
                    // leading zeros carry no precision
                } else if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                } else {
                    droppedExponent++;
                    exact = false;
                }
                i++;
            } else if (c == ',') {
                if (grouped ? groupDigits != 3 : (groupDigits == 0 || groupDigits > 3)) {
                    return NOT_A_NUMBER;
                }
                grouped = true;
                groupDigits = 0;
                i++;
            } else {
                break;
            }
        }
        if (grouped && groupDigits != 3) {
            return NOT_A_NUMBER;
        }
        int integerEnd = i;
        int fractionStart = -1;
        if (i < end && chars[i] == '.') {
            i++;
            fractionStart = i;
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                char c = chars[i];
                digits++;
                if (mantissa == 0 && c == '0') {
                    fractionDigits++;
                } else if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                    fractionDigits++;
                } else {
                    exact = false;
                }
                i++;
            }
        }
        int fractionEnd = i;
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        int exponent = 0;
        if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (chars[i] == '-' || chars[i] == '+')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (chars[i] - '0');
                }
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return NOT_A_NUMBER;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int suffixExponent = 0;
        if (i < end) {
            switch (chars[i]) {
                case 'K', 'k' -> suffixExponent = 3;
                case 'M' -> suffixExponent = 6;
                case 'B', 'G' -> suffixExponent = 9;
                case 'T' -> suffixExponent = 12;
                case '%' -> suffixExponent = -2;
                default -> {
                    return NOT_A_NUMBER;
                }
            }
            i++;
            if (i != end) {
                return NOT_A_NUMBER;
            }
        }
        int totalExponent = exponent + suffixExponent + droppedExponent - fractionDigits;
        if (exact && mantissa < FAST_PATH_LIMIT && totalExponent >= -22 && totalExponent <= 22) {
            double m = mantissa;
            double v = totalExponent >= 0 ? m * POWERS_OF_TEN[totalExponent] : m / POWERS_OF_TEN[-totalExponent];
            value = negative ? -v : v;
            return NUMBER;
        }
        if (mantissa != 0) {
            double v = EiselLemire.toDouble(mantissa, totalExponent, negative);
            // digits beyond the 18 kept put the true value in [m, m + 1) * 10^e: fine if both ends agree
            if (exact || v == EiselLemire.toDouble(mantissa + 1, totalExponent, negative)) {
                if (!Double.isNaN(v)) {
                    value = v;
                    return NUMBER;
                }
            }
        }
        value = slowPath(chars, negative, integerStart, integerEnd, fractionStart, fractionEnd,
                exponent + suffixExponent);
        return NUMBER;
    }

    /** Rebuilds the plain decimal (no separators, no suffix) and lets the JDK round it. */
    private static double slowPath(char[] chars, boolean negative, int integerStart, int integerEnd,
                                   int fractionStart, int fractionEnd, int exponent) {
        StringBuilder sb = new StringBuilder(integerEnd - integerStart + fractionEnd + 16);
        if (negative) {
            sb.append('-');
        }
        for (int k = integerStart; k < integerEnd; k++) {
            if (chars[k] != ',') {
                sb.append(chars[k]);
            }
        }
        if (sb.length() == (negative ? 1 : 0)) {
            sb.append('0');
        }
        if (fractionStart >= 0 && fractionEnd > fractionStart) {
            sb.append('.').append(chars, fractionStart, fractionEnd - fractionStart);
        }
        sb.append('E').append(exponent);
        return Double.parseDouble(sb.toString());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    private static boolean isMissingToken(char[] chars, int start, int end) {
        int length = end - start;
        if (length > 8) {
            return false;
        }
        String token = new String(chars, start, length).toLowerCase(Locale.ROOT);
        for (String t : MISSING_TOKENS) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIgnoreCase(char[] chars, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase(chars[start + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
