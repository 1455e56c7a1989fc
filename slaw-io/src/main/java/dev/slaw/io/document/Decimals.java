package dev.slaw.io.document;

/**
 * printf's {@code %W.Pf} and {@code %W.Pg} for doubles, written here because
 * {@link java.util.Formatter} parses its pattern with a regular expression and builds locale
 * symbols at every call: that was most of the time of printing two million predictions.
 *
 * <p>The text is the same as {@code String.format(Locale.ROOT, ...)}: both round half-up the
 * digits of {@link Double#toString(double)}.
 */
final class Decimals {
    private Decimals() {
    }

    /** {@code String.format(Locale.ROOT, "%" + width + "." + precision + "f", v)}. */
    static void fixed(StringBuilder out, double v, int width, int precision) {
        int start = out.length();
        if (!special(out, v)) {
            Digits d = Digits.of(v);
            d.roundAt(d.pointExponent + 1 + precision);
            if (d.negative) {
                out.append('-');
            }
            appendPlain(out, d, precision);
        }
        pad(out, start, width);
    }

    /** {@code String.format(Locale.ROOT, "%" + width + "." + precision + "g", v)}, precision >= 1. */
    static void general(StringBuilder out, double v, int width, int precision) {
        int start = out.length();
        if (!special(out, v)) {
            Digits d = Digits.of(v);
            if (v == 0) {
                if (d.negative) {
                    out.append('-');
                }
                appendPlain(out, d, precision - 1);
            } else {
                d.roundAt(precision);
                int exponent = d.pointExponent;
                if (d.negative) {
                    out.append('-');
                }
                if (exponent >= -4 && exponent < precision) {
                    appendPlain(out, d, precision - 1 - exponent);
                } else {
                    out.append(d.digit(0));
                    if (precision > 1) {
                        out.append('.');
                        for (int i = 1; i < precision; i++) {
                            out.append(d.digit(i));
                        }
                    }
                    out.append(exponent < 0 ? "e-" : "e+");
                    int e = Math.abs(exponent);
                    if (e < 10) {
                        out.append('0');
                    }
                    out.append(e);
                }
            }
        }
        pad(out, start, width);
    }

    private static boolean special(StringBuilder out, double v) {
        if (Double.isNaN(v)) {
            out.append("NaN");
            return true;
        }
        if (Double.isInfinite(v)) {
            out.append(v > 0 ? "Infinity" : "-Infinity");
            return true;
        }
        return false;
    }

    /** The digits as a plain decimal with {@code decimals} digits after the point. */
    private static void appendPlain(StringBuilder out, Digits d, int decimals) {
        if (d.pointExponent < 0) {
            out.append('0');
        } else {
            for (int i = 0; i <= d.pointExponent; i++) {
                out.append(d.digit(i));
            }
        }
        if (decimals > 0) {
            out.append('.');
            for (int i = 1; i <= decimals; i++) {
                out.append(d.digit(d.pointExponent + i));
            }
        }
    }

    private static void pad(StringBuilder out, int start, int width) {
        int missing = width - (out.length() - start);
        if (missing > 0) {
            out.insert(start, " ".repeat(missing));
        }
    }

    /** The significant digits of a double and the power of ten of the first one. */
    private static final class Digits {
        final boolean negative;
        char[] digits;
        int count;
        /** Position of the first digit: 2 for 123.4, -3 for 0.001234. */
        int pointExponent;

        private Digits(boolean negative, char[] digits, int count, int pointExponent) {
            this.negative = negative;
            this.digits = digits;
            this.count = count;
            this.pointExponent = pointExponent;
        }

        static Digits of(double v) {
            String s = Double.toString(Math.abs(v));
            boolean negative = Double.doubleToRawLongBits(v) < 0;
            int e = s.indexOf('E');
            String mantissa = e < 0 ? s : s.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
            char[] digits = new char[mantissa.length()];
            int count = 0;
            int point = mantissa.indexOf('.');
            int firstNonZero = -1;
            for (int i = 0; i < mantissa.length(); i++) {
                char c = mantissa.charAt(i);
                if (c == '.') {
                    continue;
                }
                if (firstNonZero < 0 && c != '0') {
                    firstNonZero = i;
                }
                if (firstNonZero >= 0) {
                    digits[count++] = c;
                }
            }
            if (firstNonZero < 0) {
                return new Digits(negative, new char[0], 0, 0);
            }
            int pointExponent = (firstNonZero < point ? point - firstNonZero - 1 : point - firstNonZero) + exponent;
            while (count > 0 && digits[count - 1] == '0') {
                count--;
            }
            return new Digits(negative, digits, count, pointExponent);
        }

        char digit(int i) {
            return i >= 0 && i < count ? digits[i] : '0';
        }

        /** Keeps {@code keep} significant digits, rounding half-up (a carry may add a digit in front). */
        void roundAt(int keep) {
            if (keep >= count) {
                return;
            }
            if (keep < 0) {
                count = 0;
                return;
            }
            boolean up = digits[keep] >= '5';
            count = keep;
            if (!up) {
                return;
            }
            int i = keep - 1;
            while (i >= 0 && digits[i] == '9') {
                i--;
            }
            if (i < 0) {
                digits = new char[Math.max(1, keep + 1)];
                digits[0] = '1';
                count = 1;
                pointExponent++;
                return;
            }
            digits[i]++;
            count = i + 1;
        }
    }
}
