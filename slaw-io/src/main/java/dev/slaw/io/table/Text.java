package dev.slaw.io.table;

import java.util.Collection;
import java.util.StringJoiner;

/**
 * Shows text that came from a user's file inside a one-line message: quoted, with line breaks,
 * tabs and other control characters escaped, and long cells shortened.
 */
public final class Text {

    private static final int LIMIT = 60;

    private Text() {
    }

    /** {@code "cell"} with control characters escaped ({@code \n}, {@code \t}, {@code \u0001}). */
    public static String quote(String text) {
        String s = text.length() > LIMIT ? text.substring(0, LIMIT - 3) + "..." : text;
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Names as a comma-separated list, each escaped like {@link #quote} but without quotes. */
    public static String list(Collection<String> names) {
        StringJoiner j = new StringJoiner(", ");
        for (String n : names) {
            String q = quote(n);
            j.add(q.substring(1, q.length() - 1));
        }
        return j.toString();
    }
}
