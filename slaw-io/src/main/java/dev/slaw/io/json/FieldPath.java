package dev.slaw.io.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slaw.data.BadInputException;
import dev.slaw.io.table.Text;
import dev.slaw.io.table.NumberFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to a value inside a JSON object: field names separated by dots, each optionally
 * followed by selections in brackets: {@code [2]} takes the third element of a list,
 * {@code [val_data=c4]} takes the element of a list of objects whose field {@code val_data}
 * is {@code c4}. So {@code hyperparameters.params} and {@code results[val_data=c4].loss}
 * reach into
 * {@code {"hyperparameters": {"params": 4.1e8}, "results": [{"val_data": "c4", "loss": 3.1}]}}.
 *
 * @param text  the path as written, which is also the name of the column it makes
 * @param steps the steps, in order
 */
public record FieldPath(String text, List<Step> steps) {

    private static final Pattern CONTAINS = Pattern.compile("(\\S+)\\s+contains\\s+(.*)");

    public FieldPath {
        steps = List.copyOf(steps);
    }

    /** One step: a field name, an index, or a selection by a field's value. */
    public sealed interface Step permits Field, Index, Select, Contains {
    }

    /** Enter the object field of this name. */
    public record Field(String name) implements Step {
    }

    /** Take the element at this 0-based index of a list. */
    public record Index(int index) implements Step {
    }

    /** Take the one element of a list of objects whose {@code key} field equals {@code value}. */
    public record Select(String key, String value) implements Step {
    }

    /** Take the one element of a list of objects whose {@code key} field, as text, contains {@code text}. */
    public record Contains(String key, String text) implements Step {
    }

    /** Whether a column name is a path that selects inside a list, and so needs evaluating. */
    public static boolean selectsInList(String text) {
        return text.indexOf('[') >= 0;
    }

    /**
     * Parses a path.
     *
     * @throws BadInputException naming the position of what is wrong
     */
    public static FieldPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                i++;
            }
            if (i > start) {
                steps.add(new Field(text.substring(start, i)));
            } else if (i < n && text.charAt(i) == '.') {
                throw error(text, i, "a field name");
            }
            while (i < n && text.charAt(i) == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw error(text, i, "a closing ]");
                }
                String inside = text.substring(i + 1, close).strip();
                int eq = inside.indexOf('=');
                Matcher contains = CONTAINS.matcher(inside);
                if (contains.matches()) {
                    String wanted = unquote(contains.group(2).strip());
                    if (wanted.isEmpty()) {
                        throw error(text, i + 1, "some text after contains, such as [val_data contains \"c4\"]");
                    }
                    steps.add(new Contains(contains.group(1), wanted));
                } else if (eq > 0) {
                    steps.add(new Select(inside.substring(0, eq).strip(), unquote(inside.substring(eq + 1).strip())));
                } else {
                    try {
                        steps.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw error(text, i + 1, "an index such as [0] or a selection such as [val_data=c4] or [val_data contains c4]");
                    }
                }
                i = close + 1;
            }
            if (i < n) {
                if (text.charAt(i) != '.') {
                    throw error(text, i, "'.' or '['");
                }
                i++;
                if (i == n) {
                    throw error(text, i, "a field name");
                }
            }
        }
        if (steps.isEmpty()) {
            throw new BadInputException("path " + Text.quote(text) + " is empty");
        }
        return new FieldPath(text, steps);
    }

    /** {@code "c4"} or {@code 'c4'} without its quotes; anything else as it is. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static BadInputException error(String text, int position, String expected) {
        return new BadInputException("path " + Text.quote(text) + ": expected " + expected + " at character " + (position + 1));
    }

    /**
     * The value this path reaches in {@code node}, or null when a field or element is absent.
     *
     * @param where how to name the row in an error, e.g. {@code runs.json: row 3}
     * @throws BadInputException when a selection matches more than one element
     */
    public JsonNode resolve(JsonNode node, String where) {
        JsonNode current = node;
        for (Step step : steps) {
            if (current == null || current.isNull()) {
                return null;
            }
            if (step instanceof Field f) {
                current = current.isObject() ? current.get(f.name()) : null;
            } else if (step instanceof Index ix) {
                current = current.isArray() ? current.get(ix.index()) : null;
            } else if (step instanceof Select s) {
                current = select(current, s.key(), key -> matches(key, s.value()), "= " + s.value(), where);
            } else if (step instanceof Contains c) {
                current = select(current, c.key(), key -> key.isValueNode() && key.asText().contains(c.text()),
                        "containing " + Text.quote(c.text()), where);
            }
        }
        return current;
    }

    private JsonNode select(JsonNode list, String keyName, Predicate<JsonNode> test, String wanted, String where) {
        if (!list.isArray()) {
            return null;
        }
        JsonNode found = null;
        for (JsonNode element : list) {
            JsonNode key = element.isObject() ? element.get(keyName) : null;
            if (key != null && test.test(key)) {
                if (found != null) {
                    throw new BadInputException(where + ", column " + Text.quote(text) + ": more than one element has "
                            + keyName + " " + wanted + " (" + Text.quote(found.get(keyName).asText()) + " and "
                            + Text.quote(key.asText()) + ")");
                }
                found = element;
            }
        }
        return found;
    }

    private static boolean matches(JsonNode key, String value) {
        if (key.isNumber()) {
            return NumberFormat.canonical(key.asDouble()).equals(value) || key.asText().equals(value);
        }
        return key.isValueNode() && key.asText().equals(value);
    }
}
