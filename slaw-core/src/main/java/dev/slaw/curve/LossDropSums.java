package dev.slaw.curve;

import java.util.Arrays;

/**
 * Which rate changes each observed row sums over, and with what weights: the loss-drop sum of
 * the multi-power law, {@code sum_k w_k h_t(k)} with {@code w_k = eta_{k-1} - eta_k} and
 * {@code h_t(k) = (C eta_k^-gamma (S(t) - S(k-1)) + 1)^-beta}, as a list of (change, weight)
 * entries per row.
 *
 * <p><b>Exact.</b> Every change at or before {@code t} with its own weight: {@code K(t)} entries
 * per row, shared between rows.
 *
 * <p><b>Far-field quadrature.</b> Seen from step {@code t}, {@code h_t} is a smooth function of
 * the prefix sum {@code P = S(k-1)} (a power of {@code 1 + C e^(-gamma l) (S(t) - P)} with
 * {@code l = log eta_k}) whose nearest singularity lies beyond {@code S(t)}. Walking back from
 * {@code t}, changes are grouped into blocks whose width in {@code P} is at most
 * {@link #RATIO} times their distance {@code S(t) - P} from {@code t}; so block widths grow
 * geometrically and a row needs {@code O(log(S(t)/eta))} blocks. Blocks are aligned (a power of
 * two of changes, ending where the count from the run's first change is a multiple of it), so
 * rows share them and each block's rule is built once: setting up {@code R} rows over {@code T}
 * changes costs {@code O(T log T + R log T)}. Each block's sum is replaced by
 * an interpolatory rule on {@link #NODES} of its own change points, placed at Chebyshev points in
 * {@code P}, with weights {@code W_n = sum_k w_k L_n(P_k)} ({@code L_n} the Lagrange basis), which
 * is exact when {@code h_t} is a polynomial of degree {@code NODES - 1} in {@code P}. The blocks
 * depend on the schedule and {@code t} only, never on the parameters, so the evaluation loop is
 * the same exact-gradient loop over fewer entries. Because the rule evaluates {@code h_t} at real
 * change points it also needs {@code log eta_k} to be a polynomial in {@code P} over the block; a
 * block where it is not (to {@link #LOG_RATE_TOLERANCE}) is halved until it is or until it is
 * small enough to sum exactly, so noisy per-step schedules fall back to exact sums.
 *
 * <p>The nearest singularity of {@code h_t} is at least {@code 2/RATIO} half-widths beyond a
 * block's centre, so Chebyshev interpolation converges like {@code rho^-NODES} with
 * {@code rho = 1 + 2/RATIO + sqrt((1 + 2/RATIO)^2 - 1)} (about 9.9), a relative error of about
 * 1e-8 per block. Measured against the exact sums on the published runs the predicted losses
 * differ by less than 1e-11 (see the tests). With these settings the three-curve fit of those
 * runs (437 rows) visits about 100 thousand (row, entry) pairs per evaluation instead of 2.8
 * million.
 */
final class LossDropSums {
    /** Largest block width in lr-sum units, relative to the block's distance from the observed step. */
    static final double RATIO = 0.5;
    /** Points of each block's rule. */
    static final int NODES = 8;
    /** Largest deviation of log eta_k from its interpolant over a block, for the block to be used. */
    static final double LOG_RATE_TOLERANCE = 1e-7;
    /** Largest width in lr sum of a cluster of rows, relative to the distance of the changes it shares. */
    static final double CLUSTER_RATIO = 0.4;
    /** Points of a cluster's interpolant. */
    static final int CLUSTER_NODES = 8;
    /** Fewest rows of a cluster: below twice its points, sharing saves little. */
    static final int CLUSTER_ROWS = 2 * CLUSTER_NODES;

    /**
     * The entries, (change, weight) pairs, that rows sum over in segments: in far-field sums first
     * every change with its own weight in descending order (so a run of exact changes walked back
     * from a row's step is one segment), then {@link #NODES} entries per block rule, each rule
     * stored once however many rows use it. Storing each row's entries instead took gigabytes
     * for runs logged at every step.
     */
    final int[] change;
    final double[] weight;
    /** Segment {@code g} is entries {@code [segmentFrom[g], segmentTo[g])}. */
    final int[] segmentFrom;
    final int[] segmentTo;
    /** Row {@code i} sums over segments {@code [rowStart[i], rowEnd[i])}, in order. */
    final int[] rowStart;
    final int[] rowEnd;

    /** Clusters of rows sharing their farthest changes (none for exact sums). */
    final Clusters clusters;

    private LossDropSums(Entries entries, Segments segments, int[] rowStart, int[] rowEnd, Clusters clusters) {
        this.clusters = clusters;
        this.change = Arrays.copyOf(entries.index, entries.size);
        this.weight = Arrays.copyOf(entries.weight, entries.size);
        this.segmentFrom = Arrays.copyOf(segments.from, segments.size);
        this.segmentTo = Arrays.copyOf(segments.to, segments.size);
        this.rowStart = rowStart;
        this.rowEnd = rowEnd;
    }

    /**
     * Every change with its own weight.
     *
     * @param drop     {@code w_j} of every change, flattened over runs
     * @param rowFirst first change of each row's run
     * @param rowEnd   one past the last change at or before each row's step
     */
    static LossDropSums exact(double[] drop, int[] rowFirst, int[] rowEnd) {
        Entries entries = new Entries();
        for (int j = 0; j < drop.length; j++) {
            entries.add(j, drop[j]);
        }
        Segments segments = new Segments();
        int rows = rowFirst.length;
        int[] start = new int[rows];
        int[] end = new int[rows];
        for (int i = 0; i < rows; i++) {
            start[i] = i;
            end[i] = i + 1;
            segments.add(rowFirst[i], rowEnd[i]);
        }
        return new LossDropSums(entries, segments, start, end, Clusters.none(rows));
    }

    /**
     * Exact sums near each row's step, rules over far blocks, and the farthest blocks shared by
     * clusters of neighbouring rows (see {@link Clusters}).
     *
     * @param drop     {@code w_j} of every change, flattened over runs
     * @param prefix   {@code S(k_j - 1)}, increasing within a run
     * @param logRate  {@code log eta_{k_j}}
     * @param rowFirst first change of each row's run
     * @param rowEnd   one past the last change at or before each row's step
     * @param rowSum   {@code S(t)} of each row
     * @param runRows  the rows of each run, by ascending step
     */
    static LossDropSums farField(double[] drop, double[] prefix, double[] logRate, int[] rowFirst, int[] rowEnd,
                                 double[] rowSum, java.util.List<int[]> runRows) {
        int changes = drop.length;
        Entries entries = new Entries();
        // change j at entry changes - 1 - j: exact changes walked back from e to s are entries
        // [changes - 1 - e, changes - s)
        for (int j = changes - 1; j >= 0; j--) {
            entries.add(j, drop[j]);
        }
        Segments segments = new Segments();
        int rows = rowFirst.length;
        Rules rules = new Rules(drop, prefix, logRate, entries);
        Walker walker = new Walker(prefix, rules, segments, changes);
        Clusters clusters = new Clusters(rows);
        // every change not summed by a cluster a row belongs to: first - 1 when none
        int[] rowLower = new int[rows];
        for (int i = 0; i < rows; i++) {
            rowLower[i] = rowFirst[i];
        }
        for (int[] run : runRows) {
            if (run.length > 0) {
                clusters.build(run, 0, run.length, -1, rowFirst[run[0]] - 1, rowSum, rowFirst, rowEnd, prefix, walker,
                        rowLower);
            }
        }
        int[] start = new int[rows];
        int[] end = new int[rows];
        for (int i = 0; i < rows; i++) {
            start[i] = segments.size;
            walker.walk(rowSum[i], rowEnd[i] - 1, rowLower[i], rowFirst[i]);
            end[i] = segments.size;
        }
        return new LossDropSums(entries, segments, start, end, clusters.finish(rowSum));
    }

    /** Walks back from a step over the changes, adding the segments of exact runs and block rules. */
    private static final class Walker {
        private final double[] prefix;
        private final Rules rules;
        private final Segments segments;
        private final int changes;

        Walker(double[] prefix, Rules rules, Segments segments, int changes) {
            this.prefix = prefix;
            this.rules = rules;
            this.segments = segments;
            this.changes = changes;
        }

        /**
         * Segments summing changes {@code [lower, e]} as seen from the lr sum {@code st}: blocks
         * at most {@link #RATIO} times their distance from {@code st} wide, aligned on {@code first}.
         */
        void walk(double st, int e, int lower, int first) {
            int begin = segments.size;
            while (e >= lower) {
                double widest = RATIO * (st - prefix[e]);
                // the largest aligned block [s, e] (its length a power of two dividing e + 1 - first)
                // within [lower, e] that is narrow enough and, beyond 2 NODES changes, has a usable rule
                int size = Integer.lowestOneBit(e + 1 - first);
                while (size > e - lower + 1) {
                    size >>>= 1;
                }
                int rule = -1;
                while (size > 1) {
                    int s = e - size + 1;
                    if (prefix[e] - prefix[s] <= widest) {
                        if (size <= 2 * NODES) {
                            break;
                        }
                        rule = rules.of(s, size);
                        if (rule >= 0) {
                            break;
                        }
                    }
                    size >>>= 1;
                }
                int s = e - size + 1;
                int from = rule >= 0 ? rule : changes - 1 - e;
                int to = rule >= 0 ? rule + NODES : changes - s;
                // a segment that continues the previous one is merged with it: same entries, same order
                if (segments.size > begin && segments.to[segments.size - 1] == from) {
                    segments.to[segments.size - 1] = to;
                } else {
                    segments.add(from, to);
                }
                e = s - 1;
            }
        }
    }

    /**
     * Neighbouring rows of a run share their farthest changes. A cluster is a range of a run's
     * rows, by ascending step, lr sums {@code [Sa, Sb]}; seen from it, the changes at least
     * {@code (Sb - Sa) / CLUSTER_RATIO} before {@code Sa} contribute a smooth function of
     * {@code S(t)} (its singularities lie before the changes), so their sum is taken once at
     * {@link #CLUSTER_NODES} Chebyshev points of {@code [Sa, Sb]} and interpolated to every row
     * of the cluster: the same polynomial interpolation as the block rules, on the side of the
     * observed steps. Clusters halve down to {@link #CLUSTER_ROWS} rows; each sums the changes
     * far enough for itself but not for its parent, walked back from {@code Sa} in blocks as a
     * row would; a parent's interpolant is passed to its children at their points (exact: a
     * polynomial of the same degree), so a row adds one interpolant and its own near changes.
     * A row then visits O(1) entries for its near changes and its share of its clusters', so an
     * evaluation on a run logged at every step costs O(rows) kernel terms, not O(rows log T).
     */
    static final class Clusters {
        int size;
        /** Cluster {@code c} sums over segments {@code [start[c], end[c])} at its points. */
        int[] start = new int[64];
        int[] end = new int[64];
        int[] parent = new int[64];
        /** Its {@link #CLUSTER_NODES} lr sums. */
        double[] point = new double[64 * CLUSTER_NODES];
        double[] low = new double[64];
        double[] high = new double[64];
        /** Each row's innermost cluster, or -1. */
        final int[] rowCluster;
        /** Basis of the parent's interpolant at each cluster's points, CLUSTER_NODES^2 per cluster. */
        double[] transfer;
        /** Basis of the row's cluster's interpolant at the row's lr sum, CLUSTER_NODES per row. */
        double[] rowBasis;

        Clusters(int rows) {
            rowCluster = new int[rows];
            java.util.Arrays.fill(rowCluster, -1);
        }

        /** An empty set: every row sums all its changes itself. */
        static Clusters none(int rows) {
            Clusters c = new Clusters(rows);
            c.transfer = new double[0];
            c.rowBasis = new double[0];
            return c;
        }

        /**
         * Builds the clusters of rows {@code run[lo..hi)} and below, whose nearest enclosing
         * cluster is {@code up} (-1 if none) and which sums the changes up to {@code cut}.
         */
        void build(int[] run, int lo, int hi, int up, int cut, double[] rowSum, int[] rowFirst, int[] rowEnd,
                   double[] prefix, Walker walker, int[] rowLower) {
            double sa = rowSum[run[lo]];
            double sb = rowSum[run[hi - 1]];
            if (hi - lo < CLUSTER_ROWS || !(sb > sa)) {
                for (int j = lo; j < hi; j++) {
                    rowCluster[run[j]] = up;
                    rowLower[run[j]] = cut + 1;
                }
                return;
            }
            // the last change at or before the first row's step that lies far enough back from Sa
            int first = rowFirst[run[lo]];
            double farthest = sa - (sb - sa) / CLUSTER_RATIO;
            int lo2 = first;
            int hi2 = rowEnd[run[lo]];
            while (lo2 < hi2) {
                int mid = (lo2 + hi2) >>> 1;
                if (prefix[mid] <= farthest) {
                    lo2 = mid + 1;
                } else {
                    hi2 = mid;
                }
            }
            int own = lo2 - 1;
            int here = up;
            if (own > cut) {
                here = add(up, sa, sb);
                start[here] = walker.segments.size;
                walker.walk(sa, own, cut + 1, first);
                end[here] = walker.segments.size;
                cut = own;
            }
            int mid = (lo + hi) >>> 1;
            build(run, lo, mid, here, cut, rowSum, rowFirst, rowEnd, prefix, walker, rowLower);
            build(run, mid, hi, here, cut, rowSum, rowFirst, rowEnd, prefix, walker, rowLower);
        }

        private int add(int up, double sa, double sb) {
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                end = Arrays.copyOf(end, size * 2);
                parent = Arrays.copyOf(parent, size * 2);
                low = Arrays.copyOf(low, size * 2);
                high = Arrays.copyOf(high, size * 2);
                point = Arrays.copyOf(point, size * 2 * CLUSTER_NODES);
            }
            double mid = 0.5 * (sa + sb);
            double half = 0.5 * (sb - sa);
            for (int m = 0; m < CLUSTER_NODES; m++) {
                point[size * CLUSTER_NODES + m] = mid - half * Math.cos(Math.PI * m / (CLUSTER_NODES - 1));
            }
            point[size * CLUSTER_NODES] = sa;
            point[size * CLUSTER_NODES + CLUSTER_NODES - 1] = sb;
            parent[size] = up;
            low[size] = sa;
            high[size] = sb;
            return size++;
        }

        /** The interpolation bases, once every cluster and row is placed. */
        Clusters finish(double[] rowSum) {
            double[] z = new double[CLUSTER_NODES];
            double[] barycentric = new double[CLUSTER_NODES];
            for (int m = 0; m < CLUSTER_NODES; m++) {
                // Chebyshev points of the second kind: (-1)^m, halved at the ends
                barycentric[m] = (m % 2 == 0 ? 1 : -1) * (m == 0 || m == CLUSTER_NODES - 1 ? 0.5 : 1);
                z[m] = -Math.cos(Math.PI * m / (CLUSTER_NODES - 1));
            }
            z[0] = -1;
            z[CLUSTER_NODES - 1] = 1;
            double[] basis = new double[CLUSTER_NODES];
            transfer = new double[size * CLUSTER_NODES * CLUSTER_NODES];
            for (int c = 0; c < size; c++) {
                int p = parent[c];
                if (p < 0) {
                    continue;
                }
                for (int m = 0; m < CLUSTER_NODES; m++) {
                    lagrange(normalised(point[c * CLUSTER_NODES + m], p), z, barycentric, basis);
                    System.arraycopy(basis, 0, transfer, (c * CLUSTER_NODES + m) * CLUSTER_NODES, CLUSTER_NODES);
                }
            }
            rowBasis = new double[rowCluster.length * CLUSTER_NODES];
            for (int i = 0; i < rowCluster.length; i++) {
                int c = rowCluster[i];
                if (c >= 0) {
                    lagrange(normalised(rowSum[i], c), z, barycentric, basis);
                    System.arraycopy(basis, 0, rowBasis, i * CLUSTER_NODES, CLUSTER_NODES);
                }
            }
            return this;
        }

        private double normalised(double s, int c) {
            return Math.max(-1, Math.min(1, (2 * s - low[c] - high[c]) / (high[c] - low[c])));
        }
    }

    /**
     * The rules of aligned blocks, each built once however many rows use it: rows share their
     * far blocks, so building a block's rule per row made the setup quadratic in the run length.
     */
    private static final class Rules {
        private static final int UNUSABLE = -1;
        private final double[] drop;
        private final double[] prefix;
        private final double[] logRate;
        private final Entries entries;
        /** Entry offset of each block's rule by {@link #key}, or {@link #UNUSABLE}. */
        private final BlockTable built = new BlockTable();
        private final int[] nodes = new int[NODES];
        private final double[] nodesZ = new double[NODES];
        private final double[] barycentric = new double[NODES];
        private final double[] basis = new double[NODES];
        private final double[] ruleWeight = new double[NODES];

        Rules(double[] drop, double[] prefix, double[] logRate, Entries entries) {
            this.drop = drop;
            this.prefix = prefix;
            this.logRate = logRate;
            this.entries = entries;
        }

        /** The entry offset of block [s, s + size - 1]'s rule, or -1 where none is accurate enough. */
        int of(int s, int size) {
            long key = key(s, size);
            int known = built.get(key);
            if (known != BlockTable.ABSENT) {
                return known;
            }
            int offset = UNUSABLE;
            if (rule(drop, prefix, logRate, s, s + size - 1, nodes, nodesZ, barycentric, basis, ruleWeight)) {
                offset = entries.size;
                for (int n = 0; n < NODES; n++) {
                    entries.add(nodes[n], ruleWeight[n]);
                }
            }
            built.put(key, offset);
            return offset;
        }

        /**
         * The start and the power of two of the size in the low bits: {@code (s << 32) | size}
         * hashed to {@code s ^ size}, and so many blocks collided that lookups dominated set-up.
         */
        private static long key(int s, int size) {
            return ((long) s << 6) | Integer.numberOfTrailingZeros(size);
        }
    }

    /**
     * Builds the rule of block {@code [s, e]} into {@code nodes} and {@code ruleWeight}; false if
     * its nodes collide or {@code log eta} is not smooth enough over it.
     */
    private static boolean rule(double[] drop, double[] prefix, double[] logRate, int s, int e, int[] nodes,
                                double[] nodesZ, double[] barycentric, double[] basis, double[] ruleWeight) {
        double lo = prefix[s];
        double hi = prefix[e];
        double mid = 0.5 * (lo + hi);
        double half = 0.5 * (hi - lo);
        // Chebyshev points of the second kind (ends included), snapped to the nearest change point.
        for (int n = 0; n < NODES; n++) {
            double target = mid - half * Math.cos(Math.PI * n / (NODES - 1));
            int j = lowerBound(prefix, s, e, target);
            if (j > s && target - prefix[j - 1] < prefix[j] - target) {
                j--;
            }
            if (n > 0 && j <= nodes[n - 1]) {
                return false;
            }
            nodes[n] = j;
            nodesZ[n] = (prefix[j] - mid) / half;
        }
        for (int n = 0; n < NODES; n++) {
            double product = 1;
            for (int m = 0; m < NODES; m++) {
                if (m != n) {
                    product *= nodesZ[n] - nodesZ[m];
                }
            }
            barycentric[n] = 1 / product;
            ruleWeight[n] = 0;
        }
        for (int k = s; k <= e; k++) {
            double z = (prefix[k] - mid) / half;
            lagrange(z, nodesZ, barycentric, basis);
            double interpolated = 0;
            for (int n = 0; n < NODES; n++) {
                ruleWeight[n] += drop[k] * basis[n];
                interpolated += logRate[nodes[n]] * basis[n];
            }
            if (Math.abs(interpolated - logRate[k]) > LOG_RATE_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Lagrange basis values at {@code z} by the barycentric formula (exact at the nodes). */
    private static void lagrange(double z, double[] nodesZ, double[] barycentric, double[] basis) {
        double total = 0;
        for (int n = 0; n < nodesZ.length; n++) {
            double d = z - nodesZ[n];
            if (d == 0) {
                Arrays.fill(basis, 0);
                basis[n] = 1;
                return;
            }
            basis[n] = barycentric[n] / d;
            total += basis[n];
        }
        for (int n = 0; n < nodesZ.length; n++) {
            basis[n] /= total;
        }
    }

    /** First index in {@code [from, to]} with {@code a[index] >= value}, or {@code to} if none. */
    private static int lowerBound(double[] a, int from, int to, double value) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of (row or cluster point, entry) pairs an evaluation visits. */
    long pairs() {
        long total = 0;
        for (int c = 0; c < clusters.size; c++) {
            for (int g = clusters.start[c]; g < clusters.end[c]; g++) {
                total += (long) CLUSTER_NODES * (segmentTo[g] - segmentFrom[g]);
            }
        }
        for (int i = 0; i < rowStart.length; i++) {
            for (int g = rowStart[i]; g < rowEnd[i]; g++) {
                total += segmentTo[g] - segmentFrom[g];
            }
        }
        return total;
    }

    /**
     * Changes some segment refers to.
     *
     * @param changes number of changes
     */
    boolean[] used(int changes) {
        // entries covered by some segment, by a difference array: O(segments + entries), not O(pairs)
        int[] cover = new int[change.length + 1];
        for (int g = 0; g < segmentFrom.length; g++) {
            cover[segmentFrom[g]]++;
            cover[segmentTo[g]]--;
        }
        boolean[] used = new boolean[changes];
        int depth = 0;
        for (int n = 0; n < change.length; n++) {
            depth += cover[n];
            if (depth > 0) {
                used[change[n]] = true;
            }
        }
        return used;
    }

    /**
     * Block keys to rule offsets by open addressing with a mixed hash: blocks are aligned, so
     * their keys share low bits and a {@code HashMap} put many in one bin.
     */
    private static final class BlockTable {
        static final int ABSENT = Integer.MIN_VALUE;
        private long[] keys = new long[1 << 12];
        private int[] values = new int[1 << 12];
        private boolean[] taken = new boolean[1 << 12];
        private int size;

        int get(long key) {
            int mask = keys.length - 1;
            for (int h = slot(key, mask); taken[h]; h = (h + 1) & mask) {
                if (keys[h] == key) {
                    return values[h];
                }
            }
            return ABSENT;
        }

        void put(long key, int value) {
            if (2 * (size + 1) > keys.length) {
                long[] oldKeys = keys;
                int[] oldValues = values;
                boolean[] oldTaken = taken;
                keys = new long[oldKeys.length * 2];
                values = new int[oldKeys.length * 2];
                taken = new boolean[oldKeys.length * 2];
                size = 0;
                for (int h = 0; h < oldKeys.length; h++) {
                    if (oldTaken[h]) {
                        put(oldKeys[h], oldValues[h]);
                    }
                }
            }
            int mask = keys.length - 1;
            int h = slot(key, mask);
            while (taken[h] && keys[h] != key) {
                h = (h + 1) & mask;
            }
            if (!taken[h]) {
                taken[h] = true;
                size++;
            }
            keys[h] = key;
            values[h] = value;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 29) ^ (h >>> 43)) & mask;
        }
    }

    /** A growable list of (change, weight) entries. */
    private static final class Entries {
        int[] index = new int[1024];
        double[] weight = new double[1024];
        int size;

        void add(int i, double w) {
            if (size == index.length) {
                index = Arrays.copyOf(index, size * 2);
                weight = Arrays.copyOf(weight, size * 2);
            }
            index[size] = i;
            weight[size] = w;
            size++;
        }
    }

    /** A growable list of segments: entries {@code [from, to)}. */
    private static final class Segments {
        int[] from = new int[1024];
        int[] to = new int[1024];
        int size;

        void add(int first, int end) {
            if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
            }
            from[size] = first;
            to[size] = end;
            size++;
        }
    }
}
