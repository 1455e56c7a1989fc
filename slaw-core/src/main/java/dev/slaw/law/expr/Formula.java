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
     * Evaluates the formula on whole columns (every name must be a column).
     *
     * @throws BadInputException naming an unknown name and the columns there are
     */
    public double[] evaluate(Map<String, double[]> columns) {
        int rows = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
        Graph g = new Graph(rows);
        Map<String, Integer> nodes = new HashMap<>();
        for (String name : names()) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new BadInputException("formula \"" + text + "\": unknown name '" + name + "' (columns: "
                        + String.join(", ", columns.keySet()) + ")");
            }
            nodes.put(name, g.variable(name, c));
        }
        int root = g.build(expression, nodes::get);
        if (g.level(root) == Graph.CONSTANT) {
            double[] out = new double[rows];
            java.util.Arrays.fill(out, g.constant(root));
            return out;
        }
        return g.data(root).clone();
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
