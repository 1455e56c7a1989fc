package dev.slaw.law.expr;

import dev.slaw.data.BadInputException;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed formula of the law language, such as {@code L = E + A / N^alpha + B / D^beta}.
 *
 * <p>Numbers ({@code 1e-3}), {@code + - * / ^} (also {@code **}), unary minus, parentheses,
 * comparisons and {@code && ||} (1 for true, 0 for false), and the functions
 * {@code exp log log10 sqrt pow min max abs sigmoid softplus}. A name is a data column or a
 * parameter; which one is decided when the formula is compiled. Parse errors name the position
 * and what was expected.
 */
public final class Formula {
    private final String text;
    private final String target;
    private final Expression expression;

    Formula(String text, String target, Expression expression) {
        this.text = Objects.requireNonNull(text);
        this.target = target;
        this.expression = Objects.requireNonNull(expression);
    }

    /**
     * Parses a formula.
     *
     * @throws BadInputException naming the position and what was expected
     */
    public static Formula parse(String text) {
        return parse(text, List.of());
    }

    /**
     * Parses a formula in which the given names (column headers with spaces or brackets, such
     * as {@code Training FLOP}) may appear without quotes.
     */
    public static Formula parse(String text, Collection<String> knownNames) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("formula is empty");
        }
        return new Parser(text, knownNames).parseFormula();
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** The name left of {@code =}, if the formula has one ({@code L} in {@code L = E + ...}). */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    public Expression expression() {
        return expression;
    }

    /** Every name used, in order of first appearance. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        collect(expression, out);
        return out;
    }

    private static void collect(Expression e, Set<String> out) {
        if (e instanceof Expression.Name n) {
            out.add(n.name());
        } else if (e instanceof Expression.Negation n) {
            collect(n.operand(), out);
        } else if (e instanceof Expression.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (e instanceof Expression.Call c) {
            for (Expression a : c.arguments()) {
                collect(a, out);
            }
        }
    }

    /**
     * This formula with some names replaced by other formulas' expressions, keeping its text:
     * how a law binds a per-level parameter {@code u[family]} to the levels of its data.
     */
    public Formula withNamesReplaced(Map<String, Formula> replacements) {
        return new Formula(text, target, replaced(expression, replacements));
    }

    private static Expression replaced(Expression e, Map<String, Formula> replacements) {
        if (e instanceof Expression.Name n) {
            Formula r = replacements.get(n.name());
            return r == null ? e : r.expression;
        } else if (e instanceof Expression.Negation n) {
            return new Expression.Negation(replaced(n.operand(), replacements));
        } else if (e instanceof Expression.Binary b) {
            return new Expression.Binary(b.operator(), replaced(b.left(), replacements), replaced(b.right(), replacements));
        } else if (e instanceof Expression.Call c) {
            return new Expression.Call(c.function(), c.arguments().stream().map(a -> replaced(a, replacements)).toList());
        }
        return e;
    }

    /** Names compared with text ({@code split} in {@code split == "test"}): they must be text columns. */
    public Set<String> textNames() {
        Set<String> out = new LinkedHashSet<>();
        collectText(expression, out);
        return out;
    }

    private static void collectText(Expression e, Set<String> out) {
        if (e instanceof Expression.Binary b) {
            if (b.left() instanceof Expression.Name n && b.right() instanceof Expression.Text) {
                out.add(n.name());
            } else if (b.right() instanceof Expression.Name n && b.left() instanceof Expression.Text) {
                out.add(n.name());
            }
            collectText(b.left(), out);
            collectText(b.right(), out);
        } else if (e instanceof Expression.Negation n) {
            collectText(n.operand(), out);
        } else if (e instanceof Expression.Call c) {
            for (Expression a : c.arguments()) {
                collectText(a, out);
            }
        }
    }

    /**
     * Evaluates the formula on whole columns (every name must be a column).
     *
     * @throws BadInputException naming an unknown name and the columns there are
     */
    public double[] evaluate(Map<String, double[]> columns) {
        return evaluate(columns, Map.of());
    }

    /**
     * Evaluates the formula on whole columns, numeric and text: {@code split == "test"} is 1
     * where the text column {@code split} holds exactly {@code test} (a missing cell equals no
     * text), {@code !=} its opposite.
     *
     * @throws BadInputException naming an unknown name, or a numeric column compared to text
     */
    public double[] evaluate(Map<String, double[]> columns, Map<String, String[]> texts) {
        int rows = !columns.isEmpty() ? columns.values().iterator().next().length
                : texts.isEmpty() ? 0 : texts.values().iterator().next().length;
        Map<String, double[]> all = new HashMap<>(columns);
        // each comparison with text becomes a 0/1 column under a name no header can have
        Expression numeric = withoutText(expression, columns, texts, all, rows);
        Set<String> used = new LinkedHashSet<>();
        collect(numeric, used);
        Graph g = new Graph(rows);
        Map<String, Integer> nodes = new HashMap<>();
        for (String name : used) {
            double[] c = all.get(name);
            if (c == null && texts.containsKey(name)) {
                throw new BadInputException("formula \"" + text + "\": column '" + name + "' holds text; compare it"
                        + " to text with == or !=, e.g. " + name + " == \"" + texts.get(name)[0] + "\"");
            }
            if (c == null) {
                List<String> known = new java.util.ArrayList<>(columns.keySet());
                known.addAll(texts.keySet());
                throw new BadInputException("formula \"" + text + "\": unknown name '" + name + "' (columns: "
                        + String.join(", ", known) + ")");
            }
            nodes.put(name, g.variable(name, c));
        }
        int root = g.build(numeric, nodes::get);
        if (g.level(root) == Graph.CONSTANT) {
            double[] out = new double[rows];
            java.util.Arrays.fill(out, g.constant(root));
            return out;
        }
        return g.data(root).clone();
    }

    private Expression withoutText(Expression e, Map<String, double[]> columns, Map<String, String[]> texts,
                                   Map<String, double[]> all, int rows) {
        if (e instanceof Expression.Binary b) {
            Expression.Name name = null;
            Expression.Text literal = null;
            if (b.left() instanceof Expression.Name n && b.right() instanceof Expression.Text t) {
                name = n;
                literal = t;
            } else if (b.right() instanceof Expression.Name n && b.left() instanceof Expression.Text t) {
                name = n;
                literal = t;
            }
            if (name != null) {
                String[] cells = texts.get(name.name());
                if (cells == null) {
                    throw new BadInputException("formula \"" + text + "\": " + (columns.containsKey(name.name())
                            ? "column '" + name.name() + "' holds numbers; compare it to a number, not to text " + literal
                            : texts.isEmpty() ? "text comparisons work in row filters (--where, --holdout) only"
                            : "unknown text column '" + name.name() + "' (text columns: "
                            + String.join(", ", texts.keySet()) + ")"));
                }
                boolean equal = b.operator() == Expression.Operator.EQ;
                double[] truth = new double[rows];
                for (int i = 0; i < rows; i++) {
                    truth[i] = literal.value().equals(cells[i]) == equal ? 1 : 0;
                }
                String key = "\u0000" + all.size();
                all.put(key, truth);
                return new Expression.Name(key);
            }
            return new Expression.Binary(b.operator(), withoutText(b.left(), columns, texts, all, rows),
                    withoutText(b.right(), columns, texts, all, rows));
        }
        if (e instanceof Expression.Negation n) {
            return new Expression.Negation(withoutText(n.operand(), columns, texts, all, rows));
        }
        if (e instanceof Expression.Call c) {
            List<Expression> args = new java.util.ArrayList<>();
            for (Expression a : c.arguments()) {
                args.add(withoutText(a, columns, texts, all, rows));
            }
            return new Expression.Call(c.function(), args);
        }
        return e;
    }

    /**
     * Compiles the formula for repeated evaluation over fixed data with varying parameters:
     * root 0 is the value, root 1 + j the derivative with respect to parameter j.
     *
     * @param variables  data columns, by name (all the same length)
     * @param parameters parameter names, in the order parameter values will be given
     * @param rows       number of rows
     * @throws BadInputException naming a name that is neither a column nor a parameter
     */
    public Program compile(Map<String, double[]> variables, List<String> parameters, int rows) {
        Graph g = new Graph(rows);
        Map<String, Integer> nodes = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            nodes.put(parameters.get(i), g.parameter(i));
        }
        for (String name : names()) {
            if (nodes.containsKey(name)) {
                continue;
            }
            double[] c = variables.get(name);
            if (c == null) {
                throw new BadInputException("formula \"" + text + "\": '" + name
                        + "' is neither a data column nor a parameter");
            }
            nodes.put(name, g.variable(name, c));
        }
        int value = g.build(expression, nodes::get);
        int[] roots = new int[1 + parameters.size()];
        roots[0] = value;
        for (int j = 0; j < parameters.size(); j++) {
            roots[1 + j] = g.derivative(value, j);
        }
        return new Program(g, roots);
    }

    @Override
    public String toString() {
        return (target == null ? "" : target + " = ") + expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Formula f && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
