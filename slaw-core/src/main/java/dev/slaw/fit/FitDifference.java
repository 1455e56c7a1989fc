package dev.slaw.fit;

import dev.slaw.law.ParameterDeclaration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What differs between two fits, for a reproduction check: the law, the data (source,
 * fingerprint, columns, filters), every choice of the fit, the versions that made it, and the
 * fitted values. Only what differs is listed; a fit's timings never count.
 *
 * @param name what differs, as in {@code gradient_tolerance} or {@code parameter alpha}
 * @param a    its value in the first fit: text, a number, a boolean, a list of text, or null
 *             where the fit does not have it
 * @param b    its value in the second fit, likewise
 */
public record FitDifference(String name, Object a, Object b) {

    /**
     * The differences between {@code a} and {@code b}, in the order law, data, choices, versions,
     * objective value and parameters. Choices are compared one by one when both fits recorded
     * them; a fit saved before slaw recorded its choices is compared by the descriptions it has
     * (objective, optimizer, starts, seed, threads).
     */
    public static List<FitDifference> between(Fit a, Fit b) {
        Map<String, Object> left = facts(a, b);
        Map<String, Object> right = facts(b, a);
        Set<String> names = new LinkedHashSet<>(left.keySet());
        names.addAll(right.keySet());
        List<FitDifference> out = new ArrayList<>();
        for (String n : names) {
            Object x = left.get(n);
            Object y = right.get(n);
            if (!Objects.equals(x, y)) {
                out.add(new FitDifference(n, x, y));
            }
        }
        return out;
    }

    /** Everything compared of {@code fit}, by name; its choices in the form {@code other} shares. */
    private static Map<String, Object> facts(Fit fit, Fit other) {
        Provenance p = fit.provenance();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("law", fit.law().name());
        f.put("formula", fit.law().formula());
        f.put("declarations", fit.law().parameters().stream().map(ParameterDeclaration::describe).toList());
        f.put("target", fit.target());
        f.put("target_scale", fit.law().target().name().toLowerCase(Locale.ROOT));
        f.put("data", p.dataSource());
        f.put("sha256", p.fingerprint());
        f.put("columns", p.columns());
        f.put("notes", p.notes());
        if (!p.choices().isEmpty() && !other.provenance().choices().isEmpty()) {
            f.putAll(p.choices());
        } else {
            f.put("objective", p.objective());
            f.put("optimizer", p.optimizer());
            f.put("starts", p.starts());
            f.put("seed", p.seed());
            f.put("threads", (long) p.threads());
        }
        f.put("slaw_version", p.slawVersion());
        f.put("java_version", p.javaVersion());
        f.put("objective_value", fit.objectiveValue());
        for (FittedParameter fp : fit.parameters()) {
            // prefixed: a parameter may share a name with a choice (delta, seed)
            f.put("parameter " + fp.name(), fp.value());
        }
        return f;
    }
}
