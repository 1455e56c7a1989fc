package dev.slaw.law.expr;

import java.util.Arrays;

/**
 * The executable form of some nodes of a {@link Graph} (a law's value and its derivatives):
 * per evaluation it computes the parameter-only nodes once and the mixed nodes row by row into
 * buffers allocated up front, so evaluation allocates nothing.
 *
 * <p>Holds scratch buffers: one instance per thread.
 */
public final class Program {
    private final Graph graph;
    private final int rows;
    private final int[] roots;
    private final int[] scalarNodes;
    private final int[] rowNodes;
    private final int[] broadcastNodes;
    private final int[] parameterNodes;
    private final double[] scalar;
    private final double[][] column;

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
        boolean[] broadcast = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (needed[i] && graph.level(i) == Graph.ROW) {
                markBroadcast(graph.left(i), broadcast);
                markBroadcast(graph.right(i), broadcast);
            }
        }
        for (int r : roots) {
            markBroadcast(r, broadcast);
        }
        scalar = new double[n];
        column = new double[n][];
        int sc = 0;
        int rc = 0;
        int bc = 0;
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                continue;
            }
            int lv = graph.level(i);
            if (lv == Graph.CONSTANT) {
                scalar[i] = graph.constant(i);
            } else if (lv == Graph.SCALAR && graph.op(i) != Graph.Op.PARAM) {
                sc++;
            } else if (lv == Graph.ROW) {
                rc++;
            }
            if (lv == Graph.DATA) {
                column[i] = graph.data(i);
            } else if (lv == Graph.ROW || broadcast[i]) {
                column[i] = new double[rows];
                if (lv == Graph.CONSTANT) {
                    Arrays.fill(column[i], scalar[i]);
                }
            }
            if (broadcast[i] && lv == Graph.SCALAR) {
                bc++;
            }
        }
        int pc = 0;
        for (int i = 0; i < n; i++) {
            if (needed[i] && graph.op(i) == Graph.Op.PARAM) {
                pc++;
            }
        }
        parameterNodes = new int[pc];
        pc = 0;
        for (int i = 0; i < n; i++) {
            if (needed[i] && graph.op(i) == Graph.Op.PARAM) {
                parameterNodes[pc++] = i;
            }
        }
        scalarNodes = new int[sc];
        rowNodes = new int[rc];
        broadcastNodes = new int[bc];
        sc = 0;
        rc = 0;
        bc = 0;
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                continue;
            }
            int lv = graph.level(i);
            if (lv == Graph.SCALAR && graph.op(i) != Graph.Op.PARAM) {
                scalarNodes[sc++] = i;
            } else if (lv == Graph.ROW) {
                rowNodes[rc++] = i;
            }
            if (broadcast[i] && lv == Graph.SCALAR) {
                broadcastNodes[bc++] = i;
            }
        }
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
        for (int node : rowNodes) {
            computeRow(node);
        }
    }

    private void computeRow(int node) {
        double[] out = column[node];
        double[] x = column[graph.left(node)];
        int r = graph.right(node);
        double[] y = r >= 0 ? column[r] : null;
        int n = rows;
        switch (graph.op(node)) {
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
                    out[i] = Math.exp(x[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log(x[i]);
                }
                break;
            case POW:
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(x[i], y[i]);
                }
                break;
            default: {
                Graph.Op op = graph.op(node);
                for (int i = 0; i < n; i++) {
                    out[i] = Scalar.apply(op, x[i], y == null ? 0 : y[i]);
                }
            }
        }
    }

    /** Copies root {@code k}'s value for every row into {@code destination}. */
    public void output(int k, double[] destination) {
        System.arraycopy(column[roots[k]], 0, destination, 0, rows);
    }

    /** Root {@code k}'s value when it does not vary by row, else NaN. */
    public double uniformOutput(int k) {
        int lv = graph.level(roots[k]);
        return lv == Graph.CONSTANT || lv == Graph.SCALAR ? scalar[roots[k]] : Double.NaN;
    }
}
