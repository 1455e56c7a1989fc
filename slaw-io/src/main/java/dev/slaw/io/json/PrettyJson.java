package dev.slaw.io.json;

import java.util.List;
import java.util.Map;

/**
 * Writes a JSON value held in plain Java objects as text, laid out exactly as Jackson's default
 * pretty printer lays it out ({@code "key" : value}, two-space indents, {@code [ a, b ]} on one
 * line, {@code { }} and {@code [ ]} when empty), so files written here and files written by
 * Jackson are the same bytes.
 *
 * <p>Why not Jackson itself: building an {@code ObjectMapper} and its serialisers costs about
 * 0.1 s in a fresh JVM, which is a twentieth of a whole {@code slaw fit} command.
 *
 * <p>Values: {@link JsonObject} (fields in the order put), {@link JsonArray}, {@link String},
 * {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} and {@code null}. A non-finite
 * double is written as {@code null}, slaw's one policy (the builders already store it so).
 */
final class PrettyJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Jackson's default indenter breaks lines with the platform's separator. */
    private static final String NEWLINE = System.lineSeparator();

    private PrettyJson() {
    }

    /** The value as text, without a final line break. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(4096);
        append(out, value, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, int nesting) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Double d) {
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof JsonObject object) {
            Map<String, Object> map = object.fields();
            if (map.isEmpty()) {
                out.append("{ }");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                indent(out, nesting + 1);
                string(out, e.getKey());
                out.append(" : ");
                append(out, e.getValue(), nesting + 1);
            }
            indent(out, nesting);
            out.append('}');
        } else if (value instanceof JsonArray array) {
            List<Object> list = array.values();
            // arrays stay on one line and do not indent what they hold
            if (list.isEmpty()) {
                out.append("[ ]");
                return;
            }
            out.append("[ ");
            boolean first = true;
            for (Object v : list) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, v, nesting);
            }
            out.append(" ]");
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void indent(StringBuilder out, int nesting) {
        out.append(NEWLINE);
        for (int i = 0; i < nesting; i++) {
            out.append("  ");
        }
    }

    /** A quoted string with Jackson's escapes: quote, backslash, and control characters. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
