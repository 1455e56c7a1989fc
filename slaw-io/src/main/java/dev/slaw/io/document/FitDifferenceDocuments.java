package dev.slaw.io.document;

import dev.slaw.fit.FitDifference;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.List;

/** What differs between two saved fits ({@code slaw fits diff}), as documents. */
public final class FitDifferenceDocuments {
    private FitDifferenceDocuments() {
    }

    /** The differences as JSON: the two files and each difference's name and two values. */
    public static JsonObject json(String a, String b, List<FitDifference> differences) {
        JsonObject root = new JsonObject();
        root.put("a", a);
        root.put("b", b);
        JsonArray rows = root.putArray("differences");
        for (FitDifference d : differences) {
            rows.addObject().put("name", d.name()).putValue("a", d.a()).putValue("b", d.b());
        }
        return root;
    }

    /** The differences as a table with one column per fit, or one line saying they agree. */
    public static String text(String a, String b, List<FitDifference> differences) {
        if (differences.isEmpty()) {
            return a + " and " + b + " agree in law, data, every choice, versions and values\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (FitDifference d : differences) {
            String[] shown = shown(d);
            rows.add(List.of(d.name(), shown[0], shown[1]));
        }
        return new Table(List.of("", a, b), rows).text();
    }

    /** Both values as text, with more digits where six do not tell two numbers apart. */
    private static String[] shown(FitDifference d) {
        String a = text(d.a(), false);
        String b = text(d.b(), false);
        if (a.equals(b)) {
            a = text(d.a(), true);
            b = text(d.b(), true);
        }
        return new String[]{a, b};
    }

    private static String text(Object v, boolean exact) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double x) {
            return exact ? Double.toString(x) : Numbers.compact(x);
        }
        if (v instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : String.join("; ", list.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }
}
