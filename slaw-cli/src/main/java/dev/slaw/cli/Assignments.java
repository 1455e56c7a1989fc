package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.NumberParser;

import java.util.LinkedHashMap;
import java.util.Map;

/** NAME=VALUE on the command line, with values as people write them (5.88e23, 1.4T, 70B). */
final class Assignments {
    private Assignments() {
    }

    /** One {@code NAME=VALUE}, e.g. {@code N=70e9}; {@code option} names where it came from in errors. */
    static Map.Entry<String, Double> one(String text, String option) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException(option + " \"" + text.strip() + "\": expected NAME=VALUE, e.g. alpha=0.34");
        }
        String name = text.substring(0, eq).strip();
        return Map.entry(name, number(text.substring(eq + 1), option + " \"" + text.strip() + "\""));
    }

    /** A comma-separated list, e.g. {@code E=1.69,A=406.4}, in the order given. */
    static Map<String, Double> list(String text, String option) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            Map.Entry<String, Double> e = one(part, option);
            if (m.put(e.getKey(), e.getValue()) != null) {
                throw new BadInputException(option + ": " + e.getKey() + " is given twice");
            }
        }
        return m;
    }

    /** A finite number; {@code what} says where it came from in the error. */
    static double number(String text, String what) {
        NumberParser p = new NumberParser();
        String s = text.strip();
        if (p.parse(s) != NumberParser.NUMBER || !Double.isFinite(p.value())) {
            throw new BadInputException(what + ": '" + s + "' is not a finite number");
        }
        return p.value();
    }
}
