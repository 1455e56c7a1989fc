package dev.slaw.io.project;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of TOML a project file needs, parsed into nested maps: tables ({@code [a.b]}),
 * bare, quoted and dotted keys, basic and literal strings, integers and floats (with
 * {@code _}; integers also in hex, octal and binary; {@code inf}, {@code nan}), booleans, arrays
 * (across lines, trailing comma allowed) and inline tables; a table is defined once, an inline
 * table is closed. Tested against cases in the manner of the public toml-test suite
 * ({@code src/test/resources/dev/slaw/io/project/toml-test}).
 * Not supported, and refused with a message: arrays of tables, multi-line strings, dates.
 *
 * <p>Written here rather than pulled in as a dependency for start-up time, not size (the
 * library, jackson-dataformat-toml, is a 57 KB jar beside the Jackson slaw already ships): every
 * command that names a dataset reads {@code slaw.toml} first, and a {@code TomlMapper} costs a
 * cold JVM the loading of Jackson's databind, which the fit path otherwise avoids. The first
 * parse of the docs' two-dataset project file in a fresh JVM took 490-1,900 ms (median about
 * 1,100 ms) with {@code TomlMapper} against 19-70 ms (median about 43 ms) with this parser, 8
 * alternating runs each on the 2-core build machine under a load of 17 (BENCHMARKS.md). Values are
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code List<Object>} and
 * {@code Map<String, Object>} (insertion-ordered).
 */
public final class Toml {

    private final String text;
    private final String source;
    private int pos;
    /** TOML defines a table once (by a [header] or by dotted keys) and closes an inline table at its }. */
    private final java.util.Set<Map<String, Object>> byHeader = identitySet();
    private final java.util.Set<Map<String, Object>> byDottedKeys = identitySet();
    private final java.util.Set<Object> inline = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private static java.util.Set<Map<String, Object>> identitySet() {
        return java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    private Toml(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses a document.
     *
     * @param source how to name the file in messages
     * @throws BadInputException naming the line and character of the problem
     */
    public static Map<String, Object> parse(String text, String source) {
        return new Toml(text, source).document();
    }

    private Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> current = root;
        while (true) {
            skipBlankAndComments();
            if (pos >= text.length()) {
                return freeze(root);
            }
            char c = text.charAt(pos);
            if (c == '[') {
                if (peek(1) == '[') {
                    throw error("arrays of tables ([[...]]) are not supported in a slaw project file");
                }
                int header = pos;
                pos++;
                skipSpaces();
                List<String> keys = keyPath();
                skipSpaces();
                expect(']');
                endOfLine();
                current = root;
                for (String k : keys) {
                    current = subtable(current, k);
                }
                if (byDottedKeys.contains(current) || !byHeader.add(current)) {
                    pos = header;
                    throw error("table [" + String.join(".", keys) + "] is defined twice"
                            + (byDottedKeys.contains(current) ? " (first by dotted keys)" : ""));
                }
            } else {
                keyValue(current);
                endOfLine();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> subtable(Map<String, Object> table, String key) {
        Object existing = table.get(key);
        if (existing == null) {
            Map<String, Object> t = new LinkedHashMap<>();
            table.put(key, t);
            return t;
        }
        if (existing instanceof Map<?, ?> m) {
            if (inline.contains(m)) {
                throw error("\"" + key + "\" is an inline table, which takes no keys after its closing }");
            }
            return (Map<String, Object>) m;
        }
        throw error("\"" + key + "\" is already a value, not a table");
    }

    private void keyValue(Map<String, Object> table) {
        int keyStart = pos;
        List<String> keys = keyPath();
        skipSpaces();
        expect('=');
        skipSpaces();
        Object value = value();
        Map<String, Object> target = table;
        for (int i = 0; i < keys.size() - 1; i++) {
            target = subtable(target, keys.get(i));
            if (byHeader.contains(target)) {
                pos = keyStart;
                throw error("table " + String.join(".", keys.subList(0, i + 1)) + " has its own [header]; its keys go there");
            }
            byDottedKeys.add(target);
        }
        String last = keys.get(keys.size() - 1);
        if (target.containsKey(last)) {
            pos = keyStart;
            throw error("\"" + String.join(".", keys) + "\" is defined twice");
        }
        target.put(last, value);
    }

    private List<String> keyPath() {
        List<String> keys = new ArrayList<>();
        keys.add(key());
        skipSpaces();
        while (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            skipSpaces();
            keys.add(key());
            skipSpaces();
        }
        return keys;
    }

    private String key() {
        if (pos >= text.length()) {
            throw expected("a key");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = pos;
        while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw expected("a key (letters, digits, _ or -, or a quoted string)");
        }
        return text.substring(start, pos);
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** Arrays and inline tables nest by recursion: bound it, so a damaged file gets a message, not a stack overflow. */
    private static final int MAX_NESTING = 100;
    private int nesting;

    private Object value() {
        if (++nesting > MAX_NESTING) {
            throw error("values nested more than " + MAX_NESTING + " deep");
        }
        try {
            return valueUnbounded();
        } finally {
            nesting--;
        }
    }

    private Object valueUnbounded() {
        if (pos >= text.length()) {
            throw expected("a value");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) {
                throw error("multi-line strings are not supported in a slaw project file");
            }
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            return inlineTable();
        }
        if (text.startsWith("true", pos) && !isBareKeyChar(peek(4))) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos) && !isBareKeyChar(peek(5))) {
            pos += 5;
            return Boolean.FALSE;
        }
        return number();
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(0|[1-9](_?[0-9])*)");
    private static final java.util.regex.Pattern PREFIXED = java.util.regex.Pattern.compile(
            "0x[0-9A-Fa-f](_?[0-9A-Fa-f])*|0o[0-7](_?[0-7])*|0b[01](_?[01])*");
    private static final java.util.regex.Pattern FLOAT = java.util.regex.Pattern.compile(
            "[+-]?(0|[1-9](_?[0-9])*)(\\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?|[+-]?(inf|nan)");

    /**
     * A number as TOML writes it: decimal integers without leading zeros, {@code 0x}/{@code 0o}/
     * {@code 0b} integers, floats with a fraction or an exponent, {@code inf} and {@code nan};
     * an underscore only between two digits. Java's own spellings ({@code 1.5d}, {@code NaN},
     * {@code .5}) are not TOML and are refused.
     */
    private Object number() {
        int start = pos;
        while (pos < text.length() && (isBareKeyChar(text.charAt(pos)) || text.charAt(pos) == '+'
                || text.charAt(pos) == '.')) {
            pos++;
        }
        String written = text.substring(start, pos);
        if (written.isEmpty()) {
            throw expected("a value (a \"string\", a number, true/false, [array] or {table})");
        }
        try {
            if (DECIMAL.matcher(written).matches()) {
                return Long.parseLong(written.replace("_", ""));
            }
            if (PREFIXED.matcher(written).matches()) {
                int radix = written.charAt(1) == 'x' ? 16 : written.charAt(1) == 'o' ? 8 : 2;
                return Long.parseLong(written.substring(2).replace("_", ""), radix);
            }
            if (FLOAT.matcher(written).matches()) {
                String d = written.replace("_", "");
                return d.endsWith("inf") ? (d.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                        : d.endsWith("nan") ? Double.NaN : Double.parseDouble(d);
            }
        } catch (NumberFormatException e) {
            pos = start;
            throw expected("a number that fits in 64 bits, found \"" + written + "\"");
        }
        pos = start;
        throw expected("a number, found \"" + written + "\" (text needs quotes)");
    }

    private List<Object> array() {
        expect('[');
        List<Object> items = new ArrayList<>();
        while (true) {
            skipBlankAndComments();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            }
            items.add(value());
            skipBlankAndComments();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            } else {
                throw expected("',' or ']' in an array");
            }
        }
    }

    private Map<String, Object> inlineTable() {
        expect('{');
        Map<String, Object> table = new LinkedHashMap<>();
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            inline.add(table);
            return table;
        }
        while (true) {
            skipSpaces();
            keyValue(table);
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                inline.add(table);
                return table;
            } else {
                throw expected("',' or '}' in an inline table");
            }
        }
    }

    private String basicString() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw expected("a closing \" for the string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                checkNotControl(c);
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw expected("an escape after \\");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> sb.append(unicode(4));
                case 'U' -> sb.append(unicode(8));
                default -> {
                    pos--;
                    throw expected("a valid escape (\\\" \\\\ \\n \\t \\uXXXX), found \\" + e);
                }
            }
        }
    }

    private String unicode(int digits) {
        if (pos + digits > text.length() || !text.substring(pos, pos + digits).matches("[0-9A-Fa-f]+")) {
            throw expected(digits + " hex digits");
        }
        int code = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw expected("a Unicode scalar value (not a surrogate, at most 10FFFF)");
        }
        pos += digits;
        return new String(Character.toChars(code));
    }

    /** Strings hold no control characters but tab; they are written as escapes. */
    private void checkNotControl(char c) {
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            pos--;
            throw error(String.format(java.util.Locale.ROOT, "control character U+%04X in a string; write it as an"
                    + " escape (\\u%04X)", (int) c, (int) c));
        }
    }

    private String literalString() {
        expect('\'');
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\'' && text.charAt(pos) != '\n') {
            checkNotControl(text.charAt(pos++));
        }
        if (pos >= text.length() || text.charAt(pos) != '\'') {
            throw expected("a closing ' for the string");
        }
        return text.substring(start, pos++);
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipBlankAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void endOfLine() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '#') {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                pos++;
            }
        }
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) != '\n') {
            throw expected("the end of the line");
        }
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw expected("'" + c + "'");
        }
        pos++;
    }

    private BadInputException error(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new BadInputException(source + ": line " + line + ", character " + (pos - lineStart + 1) + ": " + message);
    }

    private BadInputException expected(String what) {
        return error("expected " + what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> table) {
        Map<String, Object> out = new LinkedHashMap<>();
        table.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? freeze((Map<String, Object>) m) : v));
        return Collections.unmodifiableMap(out);
    }

    /** Writes a string as a TOML basic string, quotes and backslashes escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
