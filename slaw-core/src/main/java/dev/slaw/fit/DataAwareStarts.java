package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.law.Transform;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The default starts of a law whose catalogue entry gives no grid for some of its parameters
 * (every user formula): a grid built from the parameters' bounds and the data's scale, with the
 * parameters that enter the law linearly solved by least squares at every grid point (variable
 * projection, Golub and Pereyra 1973), so that a scale such as A in {@code A * N^-alpha} starts
 * where the data put it whatever the units.
 *
 * <p>Axes of the other parameters, in optimiser coordinates: the law's grid where it gives one;
 * else, between two finite bounds, four points (log-spaced for a positive parameter); for a
 * positive parameter without upper bound, log-spaced from 0.01 (or 0.1 over the largest variable
 * magnitude, for a rate) to that magnitude;
 * for an unbounded one, +-0.1, +-0.3, +-1, +-3, +-10, the quartiles of each variable (a location such as
 * x0) and +-1, +-4 over each variable's spread (a rate such as k). A grid of more than
 * {@value #GRID_LIMIT} points becomes a seeded Latin hypercube of {@value #HYPERCUBE_POINTS}
 * points over the same candidate values. Starts at which the law is not finite on every row are
 * left out.
 */
final class DataAwareStarts {
    static final int GRID_LIMIT = 512;
    static final int HYPERCUBE_POINTS = 256;

    private DataAwareStarts() {
    }

    /** True when some free parameter has no values in the law's grid. */
    static boolean needed(Law law, Parametrization map) {
        for (int s = 0; s < map.freeCount(); s++) {
            if (!law.metadata().startGrid().containsKey(law.parameters().get(map.freeParameter(s)).name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The start points in optimiser coordinates, in a fixed order, with the linear parameters
     * solved at each.
     *
     * @param target  the raw target column (not logged)
     * @param threads how many threads project the grid (the points do not depend on it)
     */
    static Starts.Points generate(Law law, Parametrization map, Dataset data, double[] target, long seed,
                                  int threads) {
        int k = map.freeCount();
        LawEvaluator ev = law.evaluator(data);
        List<double[]> candidates = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            Parameter p = law.parameters().get(map.freeParameter(s));
            List<Double> g = law.metadata().startGrid().get(p.name());
            candidates.add(g != null ? g.stream().mapToDouble(v -> p.transform().toOptimizer(clamp(v, p))).toArray()
                    : candidates(p, law, data));
        }
        boolean[] linear = linearParameters(law, map, ev, probes(map, ev, candidates, seed), false);
        List<double[]> axes = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            Parameter p = law.parameters().get(map.freeParameter(s));
            axes.add(linear[s] ? new double[]{p.transform().toOptimizer(neutral(p))} : candidates.get(s));
        }
        // the levels of a per-level parameter u[family] share one axis: each start gives every
        // family the same value (a grid or hypercube over 40 families' own values is no start)
        int[] axisOf = new int[k];
        List<double[]> shared = new ArrayList<>();
        java.util.Map<String, Integer> axisOfBase = new java.util.HashMap<>();
        for (int s = 0; s < k; s++) {
            String name = law.parameters().get(map.freeParameter(s)).name();
            String base = law instanceof dev.slaw.law.LevelLaw ? dev.slaw.law.LevelLaw.indexed(name)
                    .map(ix -> ix[0]).orElse(null) : null;
            Integer a = base == null ? null : axisOfBase.get(base);
            if (a == null) {
                a = shared.size();
                shared.add(axes.get(s));
                if (base != null) {
                    axisOfBase.put(base, a);
                }
            } else if (!linear[s] && shared.get(a).length < axes.get(s).length) {
                shared.set(a, axes.get(s));
            }
            axisOf[s] = a;
        }
        long total = 1;
        for (double[] a : shared) {
            // saturates: 17 axes of 14 values overflow a long and once wrapped to a small product
            total = Math.min(total * a.length, GRID_LIMIT + 1L);
        }
        List<double[]> points = new ArrayList<>();
        for (double[] v : total <= GRID_LIMIT ? Starts.product(shared) : hypercube(shared, seed)) {
            double[] u = new double[k];
            for (int s = 0; s < k; s++) {
                u[s] = v[axisOf[s]];
            }
            points.add(u);
        }
        double[][] projected = new double[points.size()][];
        boolean[] finite = new boolean[points.size()];
        Workers.forEachIndex(points.size(), threads, "slaw-starts-",
                () -> new Projection(law, map, law.evaluator(data), linear, target), (projection, i) -> {
                    projected[i] = projection.apply(points.get(i));
                    finite[i] = projection.finiteAt(projected[i]);
                });
        List<double[]> out = new ArrayList<>(points.size());
        for (int i = 0; i < projected.length; i++) {
            // a start where the law overflows cannot move; keep the others (all of them if none is finite)
            if (finite[i]) {
                out.add(projected[i]);
            }
        }
        if (out.isEmpty()) {
            out.addAll(Arrays.asList(projected));
        }
        return new Starts.Points(out, linear);
    }

    /** A value of a parameter at which the others are probed: 1 inside its bounds. */
    private static double neutral(Parameter p) {
        return clamp(1.0, p);
    }

    private static double clamp(double v, Parameter p) {
        double c = Math.min(p.upper(), Math.max(p.lower(), v));
        if (p.transform() == Transform.LOG && c <= 0) {
            c = Math.max(Double.MIN_NORMAL, Math.min(p.upper(), 1e-12));
        }
        return c;
    }

    /** Candidate values (optimiser coordinates) for a parameter the law's grid does not cover. */
    static double[] candidates(Parameter p, Law law, Dataset data) {
        Transform t = p.transform();
        boolean lo = Double.isFinite(p.lower());
        boolean hi = Double.isFinite(p.upper());
        TreeSet<Double> values = new TreeSet<>();
        if (t == Transform.LOG) {
            double a = p.lower() > 0 ? Math.log(p.lower()) : Double.NaN;
            double b = hi ? Math.log(p.upper()) : Double.NaN;
            double largest = Math.max(10, largestMagnitude(law, data));
            if (Double.isNaN(a)) {
                // down to a rate of 0.1 per the largest variable value (c in exp(-c * tokens))
                a = Double.isNaN(b) ? Math.log(Math.min(0.01, 0.1 / largest))
                        : Math.min(b - Math.log(1e4), Math.log(0.01));
            }
            if (Double.isNaN(b)) {
                b = Math.max(a + Math.log(1e3), Math.log(largest));
            }
            int n = Math.max(4, (int) Math.ceil((b - a) / Math.log(10) / 2) + 1);
            for (int i = 0; i < n; i++) {
                values.add(a + (b - a) * (i + 0.5) / n);
            }
        } else if (lo && hi) {
            for (int i = 0; i < 4; i++) {
                values.add(p.lower() + (p.upper() - p.lower()) * (i + 0.5) / 4);
            }
        } else {
            for (double v : new double[]{-10, -3, -1, -0.3, -0.1, 0.1, 0.3, 1, 3, 10}) {
                values.add(v);
            }
            for (String name : law.variables()) {
                double[] x = data.column(name).clone();
                Arrays.sort(x);
                double q1 = quantile(x, 0.25);
                double q2 = quantile(x, 0.5);
                double q3 = quantile(x, 0.75);
                values.add(q1);
                values.add(q2);
                values.add(q3);
                double spread = x[x.length - 1] - x[0];
                if (spread > 0) {
                    for (double r : new double[]{-4, -1, 1, 4}) {
                        values.add(r / spread);
                    }
                }
            }
            if (lo || hi) {
                values.removeIf(v -> v < p.lower() || v > p.upper());
                if (values.isEmpty()) {
                    values.add(lo ? p.lower() + 1 : p.upper() - 1);
                }
            }
        }
        return dedupe(values);
    }

    private static double largestMagnitude(Law law, Dataset data) {
        double m = 0;
        for (String name : law.variables()) {
            for (double v : data.column(name)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** Values closer than 1e-6 relative collapse into one. */
    private static double[] dedupe(TreeSet<Double> values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            double last = out.isEmpty() ? Double.NaN : out.get(out.size() - 1);
            if (out.isEmpty() || Math.abs(v - last) > 1e-6 * Math.max(Math.abs(v), Math.abs(last))) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Which free parameters the law is affine in, jointly: probed at two settings (the law's value
     * must change by the same amount over two equal steps from the probe's value, on every row),
     * then together (the joint change must be the sum of the single ones). A parameter another
     * one is tied to is never linear; one the law's grid covers is left to the grid unless
     * {@code gridCoveredToo}.
     */
    static boolean[] linearParameters(Law law, Parametrization map, LawEvaluator ev, double[][] bases,
                                      boolean gridCoveredToo) {
        int k = map.freeCount();
        boolean[] linear = new boolean[k];
        List<Parameter> ps = law.parameters();
        int rows = ev.rows();
        if (bases.length == 0) {
            return linear;
        }
        double[] f0 = new double[rows];
        double[] f1 = new double[rows];
        double[] f2 = new double[rows];
        for (int s = 0; s < k; s++) {
            int i = map.freeParameter(s);
            Parameter p = ps.get(i);
            if ((!gridCoveredToo && law.metadata().startGrid().containsKey(p.name())) || isTiedTo(ps, p.name())) {
                continue;
            }
            boolean affine = true;
            boolean moves = false;
            for (double[] base : bases) {
                // steps around the probe's own value, where the law is finite and responsive
                double v = base[i];
                double step = v == 0 ? 0.5 : 0.5 * Math.abs(v);
                double[] q = base.clone();
                ev.evaluate(q, f0, null);
                q[i] = v + step;
                ev.evaluate(q, f1, null);
                q[i] = v + 2 * step;
                ev.evaluate(q, f2, null);
                affine &= sameSteps(f0, f1, f2);
                moves |= responds(f0, f1);
            }
            affine &= moves; // a parameter the law ignores (beyond rounding) at every probe is left to the grid
            linear[s] = affine;
        }
        // jointly affine: drop the last linear parameter until the joint test passes
        while (true) {
            int count = 0;
            for (boolean b : linear) {
                count += b ? 1 : 0;
            }
            boolean joint = true;
            for (double[] base : bases) {
                joint &= count < 2 || jointlyAffine(map, ev, base, linear);
            }
            if (joint) {
                return linear;
            }
            for (int s = k - 1; s >= 0; s--) {
                if (linear[s]) {
                    linear[s] = false;
                    break;
                }
            }
        }
    }

    /**
     * Up to eight parameter settings, drawn (seeded) from the candidate axes, at which the law is
     * finite on every row: where linearity is probed (a parameter counts as linear when the law is
     * affine in it at every probe and responds to it at one at least). (A fixed probe such as c = -0.8 in
     * {@code exp(-c * tokens)} overflows on tokens of 1e11 and would hide that b is linear.)
     */
    static double[][] probes(Parametrization map, LawEvaluator ev, List<double[]> axes, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int k = axes.size();
        double[] f = new double[ev.rows()];
        List<double[]> found = new ArrayList<>();
        for (int attempt = 0; attempt < 400 && found.size() < 8; attempt++) {
            double[] u = new double[k];
            for (int s = 0; s < k; s++) {
                double[] a = axes.get(s);
                u[s] = a[random.nextInt(a.length)];
            }
            double[] p = map.toParameters(u);
            ev.evaluate(p, f, null);
            if (Arrays.stream(f).allMatch(Double::isFinite)
                    && found.stream().noneMatch(q -> Arrays.equals(q, p))) {
                found.add(p);
            }
        }
        return found.toArray(new double[0][]);
    }

    private static boolean isTiedTo(List<Parameter> ps, String name) {
        for (Parameter p : ps) {
            if (p.isTied() && Formula.parse(p.tie()).names().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the law's value changed beyond rounding on some row. */
    private static boolean responds(double[] f0, double[] f1) {
        for (int r = 0; r < f0.length; r++) {
            if (Math.abs(f1[r] - f0[r]) > 1e-9 * Math.max(Math.abs(f0[r]), Math.abs(f1[r]))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameSteps(double[] f0, double[] f1, double[] f2) {
        for (int r = 0; r < f0.length; r++) {
            if (!Double.isFinite(f0[r]) || !Double.isFinite(f1[r]) || !Double.isFinite(f2[r])) {
                return false;
            }
            // the second difference against the first (not against f, which other terms may swell),
            // with room for the rounding of f itself
            double scale = Math.max(Math.max(Math.abs(f0[r]), Math.abs(f1[r])), Math.abs(f2[r]));
            double d1 = f1[r] - f0[r];
            double d2 = f2[r] - f1[r];
            if (Math.abs(d2 - d1) > 1e-7 * (Math.abs(d1) + Math.abs(d2)) + 1e-13 * scale) {
                return false;
            }
        }
        return true;
    }

    private static boolean jointlyAffine(Parametrization map, LawEvaluator ev, double[] base, boolean[] linear) {
        int rows = ev.rows();
        double[] q = base.clone();
        for (int s = 0; s < linear.length; s++) {
            if (linear[s]) {
                q[map.freeParameter(s)] = 1;
            }
        }
        double[] f1 = new double[rows];
        ev.evaluate(q, f1, null);
        double[] sum = new double[rows];
        double[] fj = new double[rows];
        double[] all = q.clone();
        for (int s = 0; s < linear.length; s++) {
            if (linear[s]) {
                double[] one = q.clone();
                one[map.freeParameter(s)] = 2;
                all[map.freeParameter(s)] = 2;
                ev.evaluate(one, fj, null);
                for (int r = 0; r < rows; r++) {
                    sum[r] += fj[r] - f1[r];
                }
            }
        }
        double[] fAll = new double[rows];
        ev.evaluate(all, fAll, null);
        for (int r = 0; r < rows; r++) {
            double scale = Math.max(Math.abs(fAll[r]), Math.abs(f1[r]));
            double change = fAll[r] - f1[r];
            if (!(Math.abs(change - sum[r]) <= 1e-7 * (Math.abs(change) + Math.abs(sum[r])) + 1e-13 * scale)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the linear parameters of a start to their least-squares values given the others
     * (weighted by 1 / y^2 for a law fitted on log targets, so that every row counts by its
     * relative error), clamped into their bounds.
     */
    static final class Projection {
        private final Parametrization map;
        private final LawEvaluator ev;
        private final int[] slots;
        private final List<Parameter> ps;
        private final double[] y;
        private final double[] w;

        Projection(Law law, Parametrization map, LawEvaluator ev, boolean[] linear, double[] target) {
            this.map = map;
            this.ev = ev;
            this.ps = law.parameters();
            this.slots = java.util.stream.IntStream.range(0, linear.length).filter(s -> linear[s]).toArray();
            this.y = target;
            this.w = new double[target.length];
            for (int r = 0; r < w.length; r++) {
                w[r] = law.target() == Target.LOG && target[r] != 0 ? 1 / (target[r] * target[r]) : 1;
            }
        }

        /** Whether the law is finite on every row at {@code u}. */
        boolean finiteAt(double[] u) {
            double[] f = new double[y.length];
            ev.evaluate(map.toParameters(u), f, null);
            return Arrays.stream(f).allMatch(Double::isFinite);
        }

        double[] apply(double[] u) {
            if (slots.length == 0) {
                return u;
            }
            int rows = y.length;
            int m = slots.length;
            double[] p = map.toParameters(u);
            for (int s : slots) {
                p[map.freeParameter(s)] = 0;
            }
            double[] h = new double[rows];
            ev.evaluate(p, h, null);
            double[][] g = new double[m][rows];
            for (int j = 0; j < m; j++) {
                double[] q = p.clone();
                q[map.freeParameter(slots[j])] = 1;
                ev.evaluate(q, g[j], null);
                for (int r = 0; r < rows; r++) {
                    g[j][r] -= h[r];
                }
            }
            double[][] a = new double[m][m];
            double[] b = new double[m];
            for (int r = 0; r < rows; r++) {
                if (!Double.isFinite(h[r])) {
                    return u;
                }
                for (int j = 0; j < m; j++) {
                    if (!Double.isFinite(g[j][r])) {
                        return u;
                    }
                    b[j] += w[r] * g[j][r] * (y[r] - h[r]);
                    for (int l = 0; l < m; l++) {
                        a[j][l] += w[r] * g[j][r] * g[l][r];
                    }
                }
            }
            double[] c;
            try {
                for (int j = 0; j < m; j++) {
                    a[j][j] *= 1 + 1e-10; // a touch of ridge for nearly collinear columns
                }
                c = new org.hipparchus.linear.QRDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(a, false))
                        .getSolver().solve(new org.hipparchus.linear.ArrayRealVector(b, false)).toArray();
            } catch (RuntimeException singular) {
                return u;
            }
            double[] out = u.clone();
            for (int j = 0; j < m; j++) {
                Parameter par = ps.get(map.freeParameter(slots[j]));
                if (!Double.isFinite(c[j])) {
                    continue;
                }
                double v = c[j];
                if (par.transform() == Transform.LOG && v <= Math.max(par.lower(), 0)) {
                    // a positive parameter the unconstrained solution makes negative: start it small
                    v = Math.max(par.lower() > 0 ? par.lower() : 0, 1e-6 * Math.abs(v));
                    if (v <= 0) {
                        v = 1e-6;
                    }
                }
                out[slots[j]] = par.transform().toOptimizer(Math.min(par.upper(), Math.max(par.lower(), v)));
            }
            return out;
        }
    }

    /** A seeded Latin hypercube over each axis's candidate values (an axis of one value stays at it). */
    private static List<double[]> hypercube(List<double[]> axes, long seed) {
        int k = axes.size();
        int n = HYPERCUBE_POINTS;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[k][n];
        for (int s = 0; s < k; s++) {
            double[] a = axes.get(s);
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int i = 0; i < n; i++) {
                // stratified over the axis's candidate values, which may span many decades
                columns[s][i] = a[Math.min(a.length - 1, (int) ((perm[i] + random.nextDouble()) / n * a.length))];
            }
        }
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] u = new double[k];
            for (int s = 0; s < k; s++) {
                u[s] = columns[s][i];
            }
            out.add(u);
        }
        return out;
    }
}
