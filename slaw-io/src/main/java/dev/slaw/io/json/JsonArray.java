package dev.slaw.io.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON array being built for a result document; numbers that are not finite are written as
 * {@code null}, as in {@link JsonObject}.
 */
public final class JsonArray {
    private final List<Object> values = new ArrayList<>();

    /** A number; NaN and the infinities as {@code null}. */
    public JsonArray add(double value) {
        values.add(Double.isFinite(value) ? value : null);
        return this;
    }

    public JsonArray add(long value) {
        values.add(value);
        return this;
    }

    public JsonArray add(int value) {
        values.add(value);
        return this;
    }

    /** Text, or {@code null}. */
    public JsonArray add(String value) {
        values.add(value);
        return this;
    }

    /** A value whose kind is known only at run time, as {@link JsonObject#putValue}. */
    public JsonArray addValue(Object value) {
        values.add(JsonObject.plain(value));
        return this;
    }

    /** An object or array already built. */
    public JsonArray add(JsonObject value) {
        values.add(value);
        return this;
    }

    public JsonArray add(JsonArray value) {
        values.add(value);
        return this;
    }

    /** A new object at the end; returns it to fill. */
    public JsonObject addObject() {
        JsonObject o = new JsonObject();
        values.add(o);
        return o;
    }

    /** A new array at the end; returns it to fill. */
    public JsonArray addArray() {
        JsonArray a = new JsonArray();
        values.add(a);
        return a;
    }

    public int size() {
        return values.size();
    }

    List<Object> values() {
        return Collections.unmodifiableList(values);
    }

    /** The array pretty-printed by {@link PrettyJson}. */
    @Override
    public String toString() {
        return PrettyJson.write(this);
    }
}
