package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a parameter declaration, as written in catalogue files and on the command
 * line: {@code E > 0} (positive, optimised in log space), {@code alpha in [0, 3]},
 * {@code c >= 1}, {@code c <= 2}, {@code c = 1.5} (fixed), {@code beta = alpha} (tied to an
 * expression of other parameters), {@code c free}.
 */
public final class ParameterDeclaration {
    private static final Pattern IN = Pattern.compile("\\s*([A-Za-z_][\\w.]*(?:\\[[^\\]]+\\])?)\\s+in\\s+\\[\\s*([^,\\]]+?)\\s*,\\s*([^\\]]+?)\\s*\\]\\s*(log)?\\s*");
    private static final Pattern COMPARE = Pattern.compile("\\s*([A-Za-z_][\\w.]*(?:\\[[^\\]]+\\])?)\\s*(>=|<=|>|<)\\s*(\\S+)\\s*");
    private static final Pattern EQUALS = Pattern.compile("\\s*([A-Za-z_][\\w.]*(?:\\[[^\\]]+\\])?)\\s*=\\s*(.+?)\\s*");
    private static final Pattern FREE = Pattern.compile("\\s*([A-Za-z_][\\w.]*(?:\\[[^\\]]+\\])?)\\s+free\\s*");

    private ParameterDeclaration() {
    }

    /** The name a declaration is about. */
    public static String nameOf(String text) {
        Matcher m = Pattern.compile("\\s*([A-Za-z_][\\w.]*(?:\\[[^\\]]+\\])?)").matcher(text);
        if (!m.lookingAt()) {
            throw new BadInputException("parameter declaration \"" + text + "\": expected a parameter name first");
        }
        return m.group(1);
    }

    /**
     * Applies a declaration to a parameter (bounds replace bounds; {@code = value} fixes it;
     * {@code = expression} ties it).
     *
     * @throws BadInputException when the text is not a declaration or the bounds contradict
     */
    public static Parameter apply(String text, Parameter base) {
        try {
            Matcher m = IN.matcher(text);
            if (m.matches()) {
                double lo = number(m.group(2), text);
                double hi = number(m.group(3), text);
                if (lo > hi) {
                    throw new BadInputException("parameter declaration \"" + text + "\": contradictory bounds, "
                            + m.group(2) + " > " + m.group(3));
                }
                Transform t = m.group(4) != null && lo >= 0 ? Transform.LOG : Transform.IDENTITY;
                return base.asFree().withBounds(lo, hi).withTransform(t);
            }
            m = FREE.matcher(text);
            if (m.matches()) {
                return base.asFree().withBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                        .withTransform(Transform.IDENTITY);
            }
            m = COMPARE.matcher(text);
            if (m.matches()) {
                double v = number(m.group(3), text);
                double lo = base.lower();
                double hi = base.upper();
                Transform t = base.transform();
                switch (m.group(2)) {
                    case ">":
                        lo = v;
                        t = v == 0 ? Transform.LOG : Transform.IDENTITY;
                        break;
                    case ">=":
                        lo = v;
                        t = Transform.IDENTITY;
                        break;
                    default:
                        hi = v;
                        t = lo >= 0 && t == Transform.LOG ? Transform.LOG : Transform.IDENTITY;
                        break;
                }
                if (lo > hi) {
                    throw new BadInputException("parameter declaration \"" + text + "\": contradictory bounds ["
                            + lo + ", " + hi + "]");
                }
                return base.asFree().withBounds(lo, hi).withTransform(t);
            }
            m = EQUALS.matcher(text);
            if (m.matches()) {
                String rhs = m.group(2);
                try {
                    double v = Double.parseDouble(rhs);
                    if (v < base.lower() || v > base.upper()) {
                        throw new BadInputException("parameter declaration \"" + text + "\": " + v
                                + " is outside the bounds " + base.boundsText());
                    }
                    return base.withFixed(v);
                } catch (NumberFormatException notANumber) {
                    Formula.parse(rhs);
                    return base.withTie(rhs);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("parameter declaration \"" + text + "\": " + e.getMessage());
        }
        throw new BadInputException("parameter declaration \"" + text
                + "\": expected NAME > 0, NAME in [lo, hi], NAME >= v, NAME <= v, NAME = value, NAME = expression or NAME free");
    }

    /** Applies declarations to a list of parameters by name. */
    public static List<Parameter> applyAll(List<Parameter> parameters, List<String> declarations, String lawName) {
        List<Parameter> out = new ArrayList<>(parameters);
        for (String d : declarations) {
            String n = nameOf(d);
            int idx = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).name().equals(n)) {
                    idx = i;
                }
            }
            if (idx < 0 && !n.contains("[")) {
                // a plain name declares every level of the per-level parameter of that name
                boolean any = false;
                for (int i = 0; i < out.size(); i++) {
                    String name = out.get(i).name();
                    if (name.startsWith(n + "[") && name.endsWith("]")) {
                        out.set(i, apply(d, out.get(i)));
                        any = true;
                    }
                }
                if (any) {
                    continue;
                }
            }
            if (idx < 0) {
                throw new BadInputException("parameter declaration \"" + d + "\": law " + lawName
                        + " has no parameter '" + n + "' (parameters: "
                        + String.join(", ", out.stream().map(Parameter::name).toList()) + ")");
            }
            out.set(idx, apply(d, out.get(idx)));
        }
        return out;
    }

    /** The declaration text of a parameter, the inverse of {@link #apply}. */
    public static String describe(Parameter p) {
        if (p.isFixed()) {
            return p.name() + " = " + Numbers.compact(p.fixed().getAsDouble());
        }
        if (p.isTied()) {
            return p.name() + " = " + p.tie();
        }
        String b = p.boundsText();
        if (b.isEmpty()) {
            return p.name() + " free";
        }
        return p.name() + " " + b + (p.transform() == Transform.LOG && p.lower() > 0 ? " log" : "");
    }

    private static double number(String s, String text) {
        String t = s.trim();
        if (t.equals("inf") || t.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new BadInputException("parameter declaration \"" + text + "\": '" + s + "' is not a number");
        }
    }
}
