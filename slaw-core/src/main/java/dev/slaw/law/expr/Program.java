package dev.slaw.law.expr;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The executable form of some nodes of a {@link Graph} (a law's value and its derivatives):
 * per evaluation it computes the parameter-only nodes once and the mixed nodes row by row into
 * buffers allocated up front, so evaluation allocates nothing.
 *
 * <p>A subexpression that reads a single data column with many repeated values (a ladder has
 * a few model sizes and many token counts) is computed once per distinct value and gathered
 * where a full column is needed: {@code N^-alpha} on 240 rows with 140 distinct N costs 140
 * {@code exp}s, not 240.
 *
 * <p>Holds scratch buffers: one instance per thread.
 */
public final class Program {
    /** Domain of a node that varies with every row. */
    private static final int FULL = -1;
    /** Domain of a node that does not vary by row. */
    private static final int NONE = -2;
    /** A column is computed per distinct value when at most this share of its values are distinct. */
    private static final double COMPACT_SHARE = 0.8;

    private final Graph graph;
    private final int rows;
    private final int[] roots;
    private final int[] scalarNodes;
    private final int[] rowNodes;
    private final int[] broadcastNodes;
    private final int[] parameterNodes;
    private final double[] scalar;
    /** Each node's own values: full length, or one per distinct value of its domain's column. */
    private final double[][] column;
    /** Row operands per row node, resolved once: a column, or null for a scalar operand. */
    private final double[][] leftOperand;
    private final double[][] rightOperand;
    /** For compact nodes read by full ones: the gathered full column, and the row-to-value index. */
    private final double[][] expanded;
    private final int[][] gatherIndex;
    private final boolean[] expandEachRun;

    Program(Graph graph, int[] roots) {
        this.graph = graph;
        this.rows = graph.rows();
        this.roots = roots.clone();
        int n = graph.size();
        boolean[] needed = new boolean[n];
        for (int r : roots) {
            needed[r] = true;
        }
        // children have smaller ids than parents, so one backward sweep marks every dependency
        for (int i = n - 1; i >= 0; i--) {
            if (needed[i] && graph.level(i) >= Graph.SCALAR) {
                if (graph.left(i) >= 0) {
                    needed[graph.left(i)] = true;
                }
                if (graph.right(i) >= 0) {
                    needed[graph.right(i)] = true;
                }
            }
        }
        // domains: which single data column a node varies with (compact), or every row (FULL)
        int[] domain = new int[n];
        Map<Integer, int[]> rowToValue = new HashMap<>();
        Map<Integer, int[]> representative = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int lv = graph.level(i);
            if (lv == Graph.CONSTANT || lv == Graph.SCALAR) {
                domain[i] = NONE;
            } else if (graph.op(i) == Graph.Op.VAR) {
                domain[i] = distinctValues(graph.data(i), i, rowToValue, representative) ? i : FULL;
            } else {
                int d = combine(domain, graph.left(i), graph.right(i));
                boolean scalarOperand = isScalar(graph.left(i)) || isScalar(graph.right(i));
                if (lv == Graph.ROW && scalarOperand && !readsScalarsDirectly(graph.op(i))) {
                    d = FULL;
                }
                domain[i] = d;
            }
        }
        boolean[] broadcast = new boolean[n];
        for (int i = 0; i < n; i++) {
            // the arithmetic operators read a scalar operand directly; others need a column
            if (needed[i] && graph.level(i) == Graph.ROW && !readsScalarsDirectly(graph.op(i))) {
                markBroadcast(graph.left(i), broadcast);
                markBroadcast(graph.right(i), broadcast);
            }
        }
        scalar = new double[n];
        column = new double[n][];
        expanded = new double[n][];
        gatherIndex = new int[n][];
        expandEachRun = new boolean[n];
        int sc = 0;
        int rc = 0;
        int bc = 0;
        int pc = 0;
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                continue;
            }
            int lv = graph.level(i);
            if (lv == Graph.CONSTANT) {
                scalar[i] = graph.constant(i);
            } else if (lv == Graph.SCALAR) {
                if (graph.op(i) == Graph.Op.PARAM) {
                    pc++;
                } else {
                    sc++;
                }
            } else if (lv == Graph.ROW) {
                rc++;
            }
            if (lv == Graph.DATA) {
                column[i] = domain[i] >= 0 ? gather(graph.data(i), representative.get(domain[i])) : graph.data(i);
            } else if (lv == Graph.ROW) {
                column[i] = new double[domain[i] >= 0 ? representative.get(domain[i]).length : rows];
            } else if (broadcast[i]) {
                column[i] = new double[rows];
                if (lv == Graph.CONSTANT) {
                    Arrays.fill(column[i], scalar[i]);
                }
            }
            if (domain[i] >= 0) {
                gatherIndex[i] = rowToValue.get(domain[i]);
            }
            if (broadcast[i] && lv == Graph.SCALAR) {
                bc++;
            }
        }
        parameterNodes = new int[pc];
        scalarNodes = new int[sc];
        rowNodes = new int[rc];
        broadcastNodes = new int[bc];
        leftOperand = new double[rc][];
        rightOperand = new double[rc][];
        sc = 0;
        rc = 0;
        bc = 0;
        pc = 0;
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                continue;
            }
            int lv = graph.level(i);
            if (graph.op(i) == Graph.Op.PARAM) {
                parameterNodes[pc++] = i;
            } else if (lv == Graph.SCALAR) {
                scalarNodes[sc++] = i;
            } else if (lv == Graph.ROW) {
                leftOperand[rc] = operand(graph.left(i), domain[i], domain);
                rightOperand[rc] = graph.right(i) >= 0 ? operand(graph.right(i), domain[i], domain) : null;
                rowNodes[rc++] = i;
            }
            if (broadcast[i] && lv == Graph.SCALAR) {
                broadcastNodes[bc++] = i;
            }
        }
        // a compact root is gathered straight into the caller's array by output(), so it is
        // expanded each run only if a full-row node also reads it
    }

    /** The array a row node of domain {@code target} reads for operand {@code child}. */
    private double[] operand(int child, int target, int[] domain) {
        int lv = graph.level(child);
        if (lv == Graph.CONSTANT || lv == Graph.SCALAR) {
            return column[child]; // a broadcast column, or null: read scalar[child]
        }
        if (domain[child] == target) {
            return column[child];
        }
        // a compact operand of a full-row node: gathered to every row
        if (expanded[child] == null) {
            expanded[child] = new double[rows];
            expandEachRun[child] = lv == Graph.ROW;
            if (!expandEachRun[child]) {
                gatherInto(column[child], gatherIndex[child], expanded[child]);
            }
        }
        return expanded[child];
    }

    private boolean isScalar(int node) {
        return node >= 0 && graph.level(node) <= Graph.SCALAR && graph.level(node) != Graph.DATA;
    }

    private static int combine(int[] domain, int a, int b) {
        int d = NONE;
        for (int c : new int[]{a, b}) {
            if (c < 0 || domain[c] == NONE) {
                continue;
            }
            if (d == NONE) {
                d = domain[c];
            } else if (d != domain[c]) {
                return FULL;
            }
        }
        return d;
    }

    /** Indexes a column's distinct values when there are few enough of them to be worth it. */
    private static boolean distinctValues(double[] values, int node, Map<Integer, int[]> rowToValue,
                                          Map<Integer, int[]> representative) {
        if (values.length < 16) {
            return false;
        }
        Map<Long, Integer> seen = new HashMap<>();
        int[] index = new int[values.length];
        int[] first = new int[values.length];
        double most = COMPACT_SHARE * values.length;
        for (int i = 0; i < values.length; i++) {
            long bits = Double.doubleToLongBits(values[i]);
            Integer k = seen.get(bits);
            if (k == null) {
                if (seen.size() >= most) {
                    return false; // too many distinct values to gain: stop counting them
                }
                k = seen.size();
                seen.put(bits, k);
                first[k] = i;
            }
            index[i] = k;
        }
        rowToValue.put(node, index);
        representative.put(node, Arrays.copyOf(first, seen.size()));
        return true;
    }

    private static double[] gather(double[] full, int[] rowsToTake) {
        double[] out = new double[rowsToTake.length];
        for (int k = 0; k < rowsToTake.length; k++) {
            out[k] = full[rowsToTake[k]];
        }
        return out;
    }

    private static void gatherInto(double[] compact, int[] index, double[] out) {
        for (int i = 0; i < index.length; i++) {
            out[i] = compact[index[i]];
        }
    }

    private static boolean readsScalarsDirectly(Graph.Op op) {
        return op == Graph.Op.ADD || op == Graph.Op.SUB || op == Graph.Op.MUL || op == Graph.Op.DIV
                || op == Graph.Op.POW;
    }

    private void markBroadcast(int node, boolean[] broadcast) {
        if (node >= 0 && graph.level(node) != Graph.DATA && graph.level(node) != Graph.ROW) {
            broadcast[node] = true;
        }
    }

    public int rows() {
        return rows;
    }

    /** Number of row-by-row operations per evaluation (a cost measure for benchmarks). */
    public int rowOperationCount() {
        return rowNodes.length;
    }

    /** Computes every node for these parameter values. */
    public void run(double[] parameters) {
        Graph g = graph;
        double[] s = scalar;
        for (int node : parameterNodes) {
            s[node] = parameters[g.parameterIndex(node)];
        }
        for (int node : scalarNodes) {
            int r = g.right(node);
            s[node] = Scalar.apply(g.op(node), s[g.left(node)], r >= 0 ? s[r] : 0);
        }
        for (int node : broadcastNodes) {
            Arrays.fill(column[node], s[node]);
        }
        for (int k = 0; k < rowNodes.length; k++) {
            int node = rowNodes[k];
            computeRow(k, node);
            if (expandEachRun[node]) {
                gatherInto(column[node], gatherIndex[node], expanded[node]);
            }
        }
    }

    private void computeRow(int k, int node) {
        double[] out = column[node];
        double[] x = leftOperand[k];
        double[] y = rightOperand[k];
        int n = out.length;
        Graph.Op op = graph.op(node);
        if (readsScalarsDirectly(op) && (x == null || y == null)) {
            // one operand is a scalar (a parameter expression): read it once, not per row
            if (x == null) {
                scalarLeft(op, scalar[graph.left(node)], y, out, n);
            } else {
                scalarRight(op, x, scalar[graph.right(node)], out, n);
            }
            return;
        }
        switch (op) {
            case NEG:
                for (int i = 0; i < n; i++) {
                    out[i] = -x[i];
                }
                break;
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] + y[i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] - y[i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * y[i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] / y[i];
                }
                break;
            case EXP:
                for (int i = 0; i < n; i++) {
                    out[i] = Elementary.exp(x[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[i] = Elementary.log(x[i]);
                }
                break;
            case POW:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(x[i], y[i]);
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = Scalar.apply(op, x[i], y == null ? 0 : y[i]);
                }
        }
    }

    private static void scalarLeft(Graph.Op op, double a, double[] y, double[] out, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[i] = a + y[i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[i] = a - y[i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[i] = a * y[i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[i] = a / y[i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(a, y[i]);
                }
        }
    }

    private static void scalarRight(Graph.Op op, double[] x, double b, double[] out, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] + b;
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] - b;
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] * b;
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    out[i] = x[i] / b;
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(x[i], b);
                }
        }
    }

    /** Copies root {@code k}'s value for every row into {@code destination}. */
    public void output(int k, double[] destination) {
        int r = roots[k];
        int lv = graph.level(r);
        if (lv == Graph.CONSTANT || lv == Graph.SCALAR) {
            Arrays.fill(destination, 0, rows, scalar[r]);
        } else if (gatherIndex[r] != null) {
            gatherInto(column[r], gatherIndex[r], destination);
        } else {
            System.arraycopy(column[r], 0, destination, 0, rows);
        }
    }

    /** Root {@code k}'s value when it does not vary by row, else NaN. */
    public double uniformOutput(int k) {
        int lv = graph.level(roots[k]);
        return lv == Graph.CONSTANT || lv == Graph.SCALAR ? scalar[roots[k]] : Double.NaN;
    }
}
