package dev.slaw.io.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON object being built for a result document: fields in the order they are put, keys in
 * snake_case, numbers that are not finite written as {@code null}. Every result slaw prints or
 * saves as JSON is built from these, so the keys and the NaN policy cannot differ between
 * commands.
 *
 * <p>A key that is not snake_case ({@code parameterCount}) is a programming error and fails at
 * once. The exception is an object made by {@link #ofNames()}: its keys are names the user chose
 * (parameters such as {@code E} and {@code alpha}, variables such as {@code N}, group labels),
 * kept as the user wrote them.
 */
public final class JsonObject {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final boolean userNames;

    private JsonObject(boolean userNames) {
        this.userNames = userNames;
    }

    /** An empty object whose keys must be snake_case. */
    public JsonObject() {
        this(false);
    }

    /** An empty object keyed by the user's names (parameters, variables, groups), which are not checked. */
    public static JsonObject ofNames() {
        return new JsonObject(true);
    }

    /** Whether the text is a snake_case key: lower-case words joined by underscores. */
    public static boolean isSnakeCase(String key) {
        return SNAKE_CASE.matcher(key).matches();
    }

    /**
     * The snake_case form of a camelCase name ({@code tokensPerParameter} -> {@code tokens_per_parameter}),
     * for keys that come from the core's quantity names.
     */
    public static String snakeCase(String camelCase) {
        StringBuilder b = new StringBuilder(camelCase.length() + 4);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c == '-' ? '_' : c);
            }
        }
        return b.toString();
    }

    /** A number; NaN and the infinities are written as {@code null} (JSON has none of them). */
    public JsonObject put(String key, double value) {
        return set(key, Double.isFinite(value) ? value : null);
    }

    public JsonObject put(String key, long value) {
        return set(key, value);
    }

    public JsonObject put(String key, int value) {
        return set(key, value);
    }

    public JsonObject put(String key, boolean value) {
        return set(key, value);
    }

    /** Text, or {@code null}. */
    public JsonObject put(String key, String value) {
        return set(key, value);
    }

    /** A nested object or array already built, or {@code null}. */
    public JsonObject put(String key, JsonObject value) {
        return set(key, value);
    }

    public JsonObject put(String key, JsonArray value) {
        return set(key, value);
    }

    /**
     * A value whose kind is known only when the document is made (a fit's recorded choice, a
     * compared fact): text, a whole or real number, true/false, a list of such values, or null.
     */
    public JsonObject putValue(String key, Object value) {
        return set(key, plain(value));
    }

    /** The form the writer holds: whole numbers stay whole, other numbers are doubles, lists are arrays. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(a::addValue);
            return a;
        }
        return value.toString();
    }

    /** A list of texts. */
    public JsonObject putTexts(String key, Collection<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return set(key, a);
    }

    /**
     * Numbers by the user's names (parameter values, a point's variables, counts by reason), in
     * the map's order; whole numbers stay whole.
     */
    public JsonObject putNumbers(String key, Map<String, ? extends Number> values) {
        JsonObject o = ofNames();
        values.forEach((k, v) -> {
            if (v instanceof Integer || v instanceof Long) {
                o.put(k, v.longValue());
            } else {
                o.put(k, v.doubleValue());
            }
        });
        return set(key, o);
    }

    /** A new object under this key; returns it to fill. */
    public JsonObject putObject(String key) {
        JsonObject o = new JsonObject();
        set(key, o);
        return o;
    }

    /** A new array under this key; returns it to fill. */
    public JsonArray putArray(String key) {
        JsonArray a = new JsonArray();
        set(key, a);
        return a;
    }

    /** Every field of another object, after this one's (a document nested one level up). */
    public JsonObject putAll(JsonObject other) {
        other.fields.forEach(this::set);
        return this;
    }

    /** Leaves out a field a shared document has but this result does not mean. */
    public JsonObject remove(String key) {
        fields.remove(key);
        return this;
    }

    /** Whether a field of this name has been put. */
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The fields as plain maps and lists, for {@link PrettyJson}. */
    Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    private JsonObject set(String key, Object value) {
        if (!userNames && !isSnakeCase(key)) {
            throw new IllegalArgumentException("JSON key \"" + key + "\" is not snake_case");
        }
        fields.put(key, value);
        return this;
    }

    /** The object pretty-printed by {@link PrettyJson}, without a final line break. */
    @Override
    public String toString() {
        return PrettyJson.write(this);
    }

    /** A copy of the keys, for tests and for callers that merge documents. */
    public java.util.List<String> keys() {
        return new ArrayList<>(fields.keySet());
    }
}
