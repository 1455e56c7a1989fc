package dev.slaw.law.expr;

import dev.slaw.data.BadInputException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A formula as a directed acyclic graph of operations, shared subexpressions stored once, with
 * symbolic derivatives built in the same graph.
 *
 * <p>Each node has a level that decides when it is computed: constants at build time, nodes of
 * data alone (such as {@code log N}) once when a law is bound to a dataset, nodes of parameters
 * alone once per evaluation, and nodes of both for every row. The builder simplifies as it goes
 * ({@code 0*x}, {@code x^1}, constant folding) and rewrites {@code x^p} with positive data
 * {@code x} as {@code exp(p * log x)}, so the per-row work of a power law is one {@code exp}.
 */
final class Graph {
    enum Op {
        CONST, VAR, PARAM, NEG, ADD, SUB, MUL, DIV, POW, EXP, LOG, SQRT, ABS, SIGN, SIGMOID, SOFTPLUS,
        MIN, MAX, LT, LE, GT, GE, EQ, NE, AND, OR
    }

    static final int CONSTANT = 0;
    static final int DATA = 1;
    static final int SCALAR = 2;
    static final int ROW = 3;

    private final int rows;
    private Op[] op = new Op[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private double[] constant = new double[64];
    private int[] level = new int[64];
    private double[][] data = new double[64][];
    private int size;
    private final Map<Key, Integer> interned = new HashMap<>();
    private final Map<Long, Integer> derivatives = new HashMap<>();
    private final Map<String, Integer> variables = new HashMap<>();

    /**
     * A node's identity for interning. equals and hashCode are written out: a record's generated
     * ones are bootstrapped through method handles at first use, 20 ms of every start-up.
     */
    private record Key(Op op, int left, int right, long bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.op == op && k.left == left && k.right == right && k.bits == bits;
        }

        @Override
        public int hashCode() {
            return ((op.ordinal() * 31 + left) * 31 + right) * 31 + Long.hashCode(bits);
        }
    }

    Graph(int rows) {
        this.rows = rows;
    }

    int rows() {
        return rows;
    }

    int size() {
        return size;
    }

    Op op(int node) {
        return op[node];
    }

    int left(int node) {
        return left[node];
    }

    int right(int node) {
        return right[node];
    }

    int level(int node) {
        return level[node];
    }

    double constant(int node) {
        return constant[node];
    }

    /** The column of a data node (shared, not copied). */
    double[] data(int node) {
        return data[node];
    }

    /** For a parameter node, its index; for a variable node, -1. */
    int parameterIndex(int node) {
        return op[node] == Op.PARAM ? (int) constant[node] : -1;
    }

    boolean isConstant(int node, double value) {
        return level[node] == CONSTANT && constant[node] == value;
    }

    // ---- construction -------------------------------------------------------------------

    int number(double value) {
        return add(Op.CONST, -1, -1, value, CONSTANT, null);
    }

    int variable(String name, double[] column) {
        if (column.length != rows) {
            throw new IllegalArgumentException("column " + name + " has " + column.length + " rows, expected " + rows);
        }
        Integer known = variables.get(name);
        if (known != null) {
            return known;
        }
        int id = add(Op.VAR, -1, -1, variables.size(), DATA, column.clone());
        variables.put(name, id);
        return id;
    }

    int parameter(int index) {
        return add(Op.PARAM, -1, -1, index, SCALAR, null);
    }

    int unary(Op o, int a) {
        if (level[a] == CONSTANT) {
            return number(Scalar.apply(o, constant[a], 0));
        }
        switch (o) {
            case NEG:
                if (op[a] == Op.NEG) {
                    return left[a];
                }
                // -(s * x): negate the factor computed least often (a constant or a parameter
                // expression once per evaluation, data once per bind), not every row
                if (op[a] == Op.MUL && level[a] == ROW) {
                    int x = left[a];
                    int y = right[a];
                    if (level[x] != ROW && (level[y] == ROW || rank(x) <= rank(y))) {
                        return binary(Op.MUL, unary(Op.NEG, x), y);
                    }
                    if (level[y] != ROW) {
                        return binary(Op.MUL, x, unary(Op.NEG, y));
                    }
                }
                break;
            case LOG:
                if (op[a] == Op.EXP) {
                    return left[a];
                }
                break;
            default:
                break;
        }
        return node(o, a, -1);
    }

    int binary(Op o, int a, int b) {
        if (level[a] == CONSTANT && level[b] == CONSTANT) {
            return number(Scalar.apply(o, constant[a], constant[b]));
        }
        switch (o) {
            case ADD:
                if (isConstant(a, 0)) {
                    return b;
                }
                if (isConstant(b, 0)) {
                    return a;
                }
                if (op[b] == Op.NEG) {
                    return binary(Op.SUB, a, left[b]);
                }
                return commutative(o, a, b);
            case SUB:
                if (isConstant(b, 0)) {
                    return a;
                }
                if (isConstant(a, 0)) {
                    return unary(Op.NEG, b);
                }
                if (a == b) {
                    return number(0);
                }
                if (op[b] == Op.NEG) {
                    return binary(Op.ADD, a, left[b]);
                }
                break;
            case MUL:
                if (isConstant(a, 0) || isConstant(b, 0)) {
                    return number(0);
                }
                if (isConstant(a, 1)) {
                    return b;
                }
                if (isConstant(b, 1)) {
                    return a;
                }
                if (isConstant(a, -1)) {
                    return unary(Op.NEG, b);
                }
                if (isConstant(b, -1)) {
                    return unary(Op.NEG, a);
                }
                // s * (x * y) where s * x is already a node: reuse it, one row product saved
                // (derivatives of A * exp(u) produce A * (exp(u) * u') next to A * exp(u))
                int s = level[a] != ROW ? a : b;
                int product = s == a ? b : a;
                if (level[s] != ROW && op[product] == Op.MUL && level[product] == ROW) {
                    Integer sx = existing(Op.MUL, s, left[product]);
                    if (sx != null) {
                        return commutative(Op.MUL, sx, right[product]);
                    }
                    Integer sy = existing(Op.MUL, s, right[product]);
                    if (sy != null) {
                        return commutative(Op.MUL, sy, left[product]);
                    }
                }
                return commutative(o, a, b);
            case DIV:
                if (isConstant(a, 0)) {
                    return number(0);
                }
                if (isConstant(b, 1)) {
                    return a;
                }
                // a / exp(u) = a * exp(-u): a multiply per row instead of a divide
                if (op[b] == Op.EXP) {
                    return binary(Op.MUL, a, unary(Op.EXP, unary(Op.NEG, left[b])));
                }
                if (level[b] == CONSTANT) {
                    return binary(Op.MUL, a, number(1.0 / constant[b]));
                }
                break;
            case POW:
                return power(a, b);
            case MIN:
            case MAX:
                if (a == b) {
                    return a;
                }
                return commutative(o, a, b);
            default:
                break;
        }
        return node(o, a, b);
    }

    private int power(int a, int b) {
        if (level[b] == CONSTANT) {
            double c = constant[b];
            if (c == 0) {
                return number(1);
            }
            if (c == 1) {
                return a;
            }
            if (c == 2) {
                return binary(Op.MUL, a, a);
            }
            if (c == 0.5) {
                return unary(Op.SQRT, a);
            }
            if (c == -1) {
                return binary(Op.DIV, number(1), a);
            }
            if (level[a] == ROW) {
                return node(Op.POW, a, b);
            }
        }
        if (isPositive(a)) {
            return unary(Op.EXP, binary(Op.MUL, b, unary(Op.LOG, a)));
        }
        return node(Op.POW, a, b);
    }

    private boolean isPositive(int a) {
        if (level[a] == CONSTANT) {
            return constant[a] > 0;
        }
        if (level[a] == DATA) {
            for (double v : data[a]) {
                if (!(v > 0)) {
                    return false;
                }
            }
            return true;
        }
        return op[a] == Op.EXP;
    }

    /** How often a node of this level is computed: constants never, data once, parameters per evaluation. */
    private int rank(int node) {
        return level[node] == CONSTANT ? 0 : level[node] == DATA ? 1 : 2;
    }

    /** The node {@code o(a, b)} (commutative order) if it has been built, else null. */
    private Integer existing(Op o, int a, int b) {
        return interned.get(new Key(o, Math.min(a, b), Math.max(a, b), 0));
    }

    private int commutative(Op o, int a, int b) {
        return a <= b ? node(o, a, b) : node(o, b, a);
    }

    private int node(Op o, int a, int b) {
        int lv = level[a] | (b >= 0 ? level[b] : 0);
        double[] column = null;
        if (lv == DATA) {
            column = new double[rows];
            double[] x = columnOf(a);
            double[] y = b >= 0 ? columnOf(b) : null;
            for (int i = 0; i < rows; i++) {
                column[i] = Scalar.apply(o, x[i], y == null ? 0 : y[i]);
            }
        }
        return add(o, a, b, 0, lv, column);
    }

    private double[] columnOf(int node) {
        if (level[node] == DATA) {
            return data[node];
        }
        double[] c = new double[rows];
        Arrays.fill(c, constant[node]);
        return c;
    }

    private int add(Op o, int a, int b, double value, int lv, double[] column) {
        Key key = new Key(o, a, b, Double.doubleToLongBits(value));
        Integer existing = interned.get(key);
        if (existing != null) {
            return existing;
        }
        if (size == op.length) {
            int n = size * 2;
            op = Arrays.copyOf(op, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            constant = Arrays.copyOf(constant, n);
            level = Arrays.copyOf(level, n);
            data = Arrays.copyOf(data, n);
        }
        op[size] = o;
        left[size] = a;
        right[size] = b;
        constant[size] = value;
        level[size] = lv;
        data[size] = column;
        interned.put(key, size);
        return size++;
    }

    // ---- from syntax ---------------------------------------------------------------------

    /** Builds the graph of an expression, resolving each name to a node. */
    int build(Expression e, Function<String, Integer> names) {
        if (e instanceof Expression.Text t) {
            throw new BadInputException("text " + t + " is only allowed in a comparison with a text column, in a filter");
        }
        if (e instanceof Expression.Number n) {
            return number(n.value());
        }
        if (e instanceof Expression.Name n) {
            Integer id = names.apply(n.name());
            if (id == null) {
                throw new BadInputException("unknown name '" + n.name() + "'");
            }
            return id;
        }
        if (e instanceof Expression.Negation n) {
            return unary(Op.NEG, build(n.operand(), names));
        }
        if (e instanceof Expression.Binary b) {
            int x = build(b.left(), names);
            int y = build(b.right(), names);
            return binary(switch (b.operator()) {
                case OR -> Op.OR;
                case AND -> Op.AND;
                case LT -> Op.LT;
                case LE -> Op.LE;
                case GT -> Op.GT;
                case GE -> Op.GE;
                case EQ -> Op.EQ;
                case NE -> Op.NE;
                case ADD -> Op.ADD;
                case SUB -> Op.SUB;
                case MUL -> Op.MUL;
                case DIV -> Op.DIV;
                case POW -> Op.POW;
            }, x, y);
        }
        Expression.Call c = (Expression.Call) e;
        int[] args = new int[c.arguments().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = build(c.arguments().get(i), names);
        }
        switch (c.function()) {
            case EXP:
                return unary(Op.EXP, args[0]);
            case LOG:
                return unary(Op.LOG, args[0]);
            case LOG10:
                return binary(Op.MUL, unary(Op.LOG, args[0]), number(1.0 / Math.log(10)));
            case SQRT:
                return unary(Op.SQRT, args[0]);
            case POW:
                return binary(Op.POW, args[0], args[1]);
            case ABS:
                return unary(Op.ABS, args[0]);
            case SIGMOID:
                return unary(Op.SIGMOID, args[0]);
            case SOFTPLUS:
                return unary(Op.SOFTPLUS, args[0]);
            case MIN:
            case MAX: {
                Op o = c.function() == Expression.Function.MIN ? Op.MIN : Op.MAX;
                int acc = args[0];
                for (int i = 1; i < args.length; i++) {
                    acc = binary(o, acc, args[i]);
                }
                return acc;
            }
            default:
                throw new IllegalStateException("function " + c.function());
        }
    }

    // ---- symbolic derivatives ------------------------------------------------------------

    /** The node of d(node)/d(parameter), built once and remembered. */
    int derivative(int node, int parameter) {
        if (level[node] == CONSTANT || level[node] == DATA) {
            return number(0);
        }
        long key = ((long) node << 20) | parameter;
        Integer known = derivatives.get(key);
        if (known != null) {
            return known;
        }
        int d = differentiate(node, parameter);
        derivatives.put(key, d);
        return d;
    }

    private int differentiate(int n, int p) {
        int a = left[n];
        int b = right[n];
        switch (op[n]) {
            case PARAM:
                return number((int) constant[n] == p ? 1 : 0);
            case NEG:
                return unary(Op.NEG, derivative(a, p));
            case ADD:
                return binary(Op.ADD, derivative(a, p), derivative(b, p));
            case SUB:
                return binary(Op.SUB, derivative(a, p), derivative(b, p));
            case MUL:
                return binary(Op.ADD, binary(Op.MUL, derivative(a, p), b), binary(Op.MUL, a, derivative(b, p)));
            case DIV: {
                // (a/b)' = (a' - (a/b) b') / b
                int da = derivative(a, p);
                int db = derivative(b, p);
                return binary(Op.DIV, binary(Op.SUB, da, binary(Op.MUL, n, db)), b);
            }
            case POW: {
                // (a^b)' = a^b (b' log a + b a' / a)
                int da = derivative(a, p);
                int db = derivative(b, p);
                int viaBase = isConstant(da, 0) ? number(0) : binary(Op.DIV, binary(Op.MUL, b, da), a);
                int viaExponent = isConstant(db, 0) ? number(0) : binary(Op.MUL, db, unary(Op.LOG, a));
                return binary(Op.MUL, n, binary(Op.ADD, viaBase, viaExponent));
            }
            case EXP:
                return binary(Op.MUL, n, derivative(a, p));
            case LOG:
                return binary(Op.DIV, derivative(a, p), a);
            case SQRT:
                return binary(Op.DIV, derivative(a, p), binary(Op.MUL, number(2), n));
            case ABS:
                return binary(Op.MUL, unary(Op.SIGN, a), derivative(a, p));
            case SIGMOID:
                return binary(Op.MUL, binary(Op.MUL, n, binary(Op.SUB, number(1), n)), derivative(a, p));
            case SOFTPLUS:
                return binary(Op.MUL, unary(Op.SIGMOID, a), derivative(a, p));
            case MIN:
            case MAX: {
                // the derivative of the branch that is taken; ties take the left one
                int takeLeft = binary(op[n] == Op.MIN ? Op.LE : Op.GE, a, b);
                int takeRight = binary(Op.SUB, number(1), takeLeft);
                return binary(Op.ADD, binary(Op.MUL, takeLeft, derivative(a, p)),
                        binary(Op.MUL, takeRight, derivative(b, p)));
            }
            default:
                // comparisons, logic and sign are piecewise constant
                return number(0);
        }
    }
}
