package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import dev.slaw.law.Transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where a multi-start fit begins: the law's default grid, the named {@code chinchilla} grid of
 * the Epoch replication (4,500 starts), a seeded Latin hypercube, or given points.
 *
 * @param kind   grid, chinchilla, lhs or points
 * @param count  number of Latin-hypercube points
 * @param seed   Latin-hypercube seed
 * @param points given start points, parameter name to value
 */
public record Starts(Kind kind, int count, long seed, List<Map<String, Double>> points) {

    /**
     * The families of start sets: the law's grid raced ({@link RacedStarts}) where that applies, the
     * same grid with every start run, the named Chinchilla grid, a Latin hypercube, given points.
     */
    public enum Kind { GRID, FULL_GRID, CHINCHILLA, LHS, POINTS }

    /** alpha, beta in {0, .5, .., 2}; log E in {-1, -.5, .., 1}; log A, log B in {0, 5, .., 25}. */
    private static final Map<String, double[]> CHINCHILLA_GRID = chinchillaGrid();

    public Starts {
        points = points == null ? List.of() : List.copyOf(points);
    }

    public static Starts lawGrid() {
        return new Starts(Kind.GRID, 0, 0, List.of());
    }

    /** The law's grid with every start run, never raced: the literal multi-start protocol. */
    public static Starts fullGrid() {
        return new Starts(Kind.FULL_GRID, 0, 0, List.of());
    }

    public static Starts chinchilla() {
        return new Starts(Kind.CHINCHILLA, 0, 0, List.of());
    }

    public static Starts latinHypercube(int count, long seed) {
        if (count < 1) {
            throw new BadInputException("a Latin hypercube needs at least one point, got " + count);
        }
        return new Starts(Kind.LHS, count, seed, List.of());
    }

    public static Starts at(List<Map<String, Double>> points) {
        return new Starts(Kind.POINTS, points.size(), 0, points);
    }

    /**
     * Parses {@code default}, {@code full-grid}, {@code chinchilla}, {@code lhs:256} or {@code lhs:256:7}
     * (count, seed).
     */
    public static Starts parse(String text, long defaultSeed) {
        String t = text.strip();
        if (t.equals("default") || t.equals("grid")) {
            return lawGrid();
        }
        if (t.equals("chinchilla")) {
            return chinchilla();
        }
        if (t.equals("full-grid")) {
            return fullGrid();
        }
        if (t.startsWith("lhs")) {
            String[] parts = t.split(":");
            try {
                int n = parts.length > 1 ? Integer.parseInt(parts[1]) : 256;
                long seed = parts.length > 2 ? Long.parseLong(parts[2]) : defaultSeed;
                return latinHypercube(n, seed);
            } catch (NumberFormatException e) {
                throw new BadInputException("starts \"" + text + "\": expected lhs:COUNT or lhs:COUNT:SEED");
            }
        }
        throw new BadInputException("starts \"" + text + "\": expected default, full-grid, chinchilla, lhs:COUNT or lhs:COUNT:SEED");
    }

    /** A short description for reports. */
    public String describe() {
        return switch (kind) {
            case GRID -> "the law's default grid (from the bounds and the data where the law gives none)";
            case FULL_GRID -> "the law's default grid (from the bounds and the data where the law gives none),"
                    + " every start run";
            case CHINCHILLA -> "chinchilla grid (Besiroglu et al. 2024)";
            case LHS -> "Latin hypercube of " + count + " points, seed " + seed;
            case POINTS -> points.size() + " given point" + (points.size() == 1 ? "" : "s");
        };
    }

    /**
     * Start points in optimiser coordinates, in a fixed order, and which free parameters
     * {@code solved} are already at their least-squares values given the others at every point (a
     * grid made from the data; all false otherwise), so that a race need not solve them again.
     */
    record Points(List<double[]> list, boolean[] solved) {
    }

    /**
     * The start points in optimiser coordinates, in a fixed order. The law's grid is used as it
     * is when it covers every free parameter; otherwise (every user formula) the grid is made
     * from the bounds and the data ({@link DataAwareStarts}).
     *
     * @param data    the rows fitted
     * @param target  the raw target column
     * @param threads how many threads make a grid from the data (the points do not depend on it)
     */
    Points points(Law law, Parametrization map, dev.slaw.data.Dataset data, double[] target, int threads) {
        if ((kind == Kind.GRID || kind == Kind.FULL_GRID) && DataAwareStarts.needed(law, map)) {
            return DataAwareStarts.generate(law, map, data, target, seed, threads);
        }
        return new Points(generate(law, map), new boolean[map.freeCount()]);
    }

    /** The points of {@link #points(Law, Parametrization, dev.slaw.data.Dataset, double[], int)}. */
    List<double[]> generate(Law law, Parametrization map, dev.slaw.data.Dataset data, double[] target, int threads) {
        return points(law, map, data, target, threads).list();
    }

    /** The start points in optimiser coordinates, in a fixed order, ignoring the data. */
    List<double[]> generate(Law law, Parametrization map) {
        List<Parameter> ps = law.parameters();
        int k = map.freeCount();
        switch (kind) {
            case GRID:
            case FULL_GRID:
            case CHINCHILLA: {
                List<double[]> axes = new ArrayList<>();
                for (int s = 0; s < k; s++) {
                    Parameter p = ps.get(map.freeParameter(s));
                    double[] values;
                    if (kind == Kind.CHINCHILLA) {
                        values = CHINCHILLA_GRID.get(p.name());
                        if (values == null) {
                            throw new BadInputException("the chinchilla start grid covers E, A, B, alpha and beta; law "
                                    + law.name() + " has free parameter " + p.name());
                        }
                        if (p.transform() != Transform.LOG && !p.name().equals("alpha") && !p.name().equals("beta")) {
                            values = exp(values);
                        }
                    } else {
                        List<Double> g = law.metadata().startGrid().get(p.name());
                        values = g == null ? new double[]{p.transform().toOptimizer(defaultValue(p))}
                                : g.stream().mapToDouble(v -> p.transform().toOptimizer(clamp(v, p))).toArray();
                    }
                    axes.add(values);
                }
                return product(axes);
            }
            case LHS:
                return latinHypercube(ps, map);
            default: {
                List<double[]> out = new ArrayList<>();
                for (Map<String, Double> point : points) {
                    double[] u = new double[k];
                    for (int s = 0; s < k; s++) {
                        Parameter p = ps.get(map.freeParameter(s));
                        Double v = point.get(p.name());
                        u[s] = p.transform().toOptimizer(v == null ? defaultValue(p) : clamp(v, p));
                    }
                    out.add(u);
                }
                return out;
            }
        }
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    private static double clamp(double v, Parameter p) {
        double c = Math.min(p.upper(), Math.max(p.lower(), v));
        if (p.transform() == Transform.LOG && c <= 0) {
            c = Double.MIN_NORMAL;
        }
        return c;
    }

    /** A value for a parameter no grid mentions. */
    static double defaultValue(Parameter p) {
        boolean lo = Double.isFinite(p.lower());
        boolean hi = Double.isFinite(p.upper());
        if (lo && hi) {
            return p.transform() == Transform.LOG && p.lower() > 0 ? Math.sqrt(p.lower() * p.upper())
                    : 0.5 * (p.lower() + p.upper());
        }
        if (lo) {
            return p.lower() + 1;
        }
        if (hi) {
            return p.upper() - 1;
        }
        return 0.5;
    }

    /** The optimiser-coordinate range a Latin hypercube samples for one parameter. */
    static double[] range(Parameter p) {
        Transform t = p.transform();
        boolean lo = Double.isFinite(p.lower()) && !(t == Transform.LOG && p.lower() == 0);
        boolean hi = Double.isFinite(p.upper());
        double a = lo ? t.toOptimizer(p.lower()) : Double.NaN;
        double b = hi ? t.toOptimizer(p.upper()) : Double.NaN;
        double width = t == Transform.LOG ? 13 : 6;
        if (lo && hi) {
            return new double[]{a, b};
        }
        if (lo) {
            return new double[]{a, a + width};
        }
        if (hi) {
            return new double[]{b - width, b};
        }
        return t == Transform.LOG ? new double[]{-3, 10} : new double[]{-3, 3};
    }

    private List<double[]> latinHypercube(List<Parameter> ps, Parametrization map) {
        int k = map.freeCount();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[k][count];
        for (int s = 0; s < k; s++) {
            double[] r = range(ps.get(map.freeParameter(s)));
            int[] perm = new int[count];
            for (int i = 0; i < count; i++) {
                perm[i] = i;
            }
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int i = 0; i < count; i++) {
                double cell = (perm[i] + random.nextDouble()) / count;
                columns[s][i] = r[0] + cell * (r[1] - r[0]);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] u = new double[k];
            for (int s = 0; s < k; s++) {
                u[s] = columns[s][i];
            }
            out.add(u);
        }
        return out;
    }

    /** Cartesian product, the last axis varying fastest. */
    static List<double[]> product(List<double[]> axes) {
        int total = 1;
        for (double[] a : axes) {
            total *= a.length;
        }
        List<double[]> out = new ArrayList<>(total);
        int k = axes.size();
        for (int index = 0; index < total; index++) {
            double[] u = new double[k];
            int rest = index;
            for (int s = k - 1; s >= 0; s--) {
                double[] a = axes.get(s);
                u[s] = a[rest % a.length];
                rest /= a.length;
            }
            out.add(u);
        }
        return out;
    }

    private static Map<String, double[]> chinchillaGrid() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("E", new double[]{-1, -0.5, 0, 0.5, 1});
        m.put("A", new double[]{0, 5, 10, 15, 20, 25});
        m.put("B", new double[]{0, 5, 10, 15, 20, 25});
        m.put("alpha", new double[]{0, 0.5, 1, 1.5, 2});
        m.put("beta", new double[]{0, 0.5, 1, 1.5, 2});
        return m;
    }
}
