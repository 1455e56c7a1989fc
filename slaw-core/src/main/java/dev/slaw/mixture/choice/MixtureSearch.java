package dev.slaw.mixture.choice;

import dev.slaw.data.BadInputException;
import dev.slaw.optim.Vectors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Minimises a {@link MixtureFunction} over a {@link MixtureSpace} by the spectral projected
 * gradient method (Birgin, Martinez and Raydan 2000, "Nonmonotone spectral projected gradient
 * methods on convex sets", algorithm SPG2): a Barzilai-Borwein step projected onto the space,
 * with a nonmonotone line search over the last 10 values. The space is a box cut by the plane
 * {@code sum r = 1}, whose projection is exact and cheap ({@link MixtureSpace#project}), so
 * bounds, availability caps and the sum hold at every iterate and a corner (a source at 0) is
 * reached exactly, which a softmax reparametrisation reaches only in the limit.
 *
 * <p>Gradients are central differences (one-sided of second order at a bound) evaluated as one
 * batch. The search runs from several starts, in a fixed order, and keeps the lowest value (the
 * earliest start on ties), so it is deterministic: the centre of the space, each source's corner
 * projected onto the space, and {@code randomStarts} uniform draws on the simplex from
 * {@code seed}.
 *
 * <p>A cap on a second quantity ({@code g(r) <= cap}: D-CPT's domain loss under a cap on the
 * general loss) is met by the augmented Lagrangian method (Nocedal and Wright 2006, section
 * 17.4, inequality form) with this search as the inner solver, started from f's own optimum and
 * from g's (the constrained optimum lies on {@code g = cap} between them when the cap binds).
 */
public final class MixtureSearch {
    private static final int HISTORY = 10;
    private static final double SUFFICIENT_DECREASE = 1e-4;
    private static final double STEP_MIN = 1e-30;
    private static final double STEP_MAX = 1e30;
    private static final double DIFFERENCE_STEP = 5e-6;

    private final int randomStarts;
    private final long seed;
    private final double tolerance;
    private final int maxIterations;

    private MixtureSearch(int randomStarts, long seed, double tolerance, int maxIterations) {
        this.randomStarts = randomStarts;
        this.seed = seed;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** 16 random starts besides the centre and the corners, seed 0, projected gradient below 1e-9. */
    public static MixtureSearch withDefaults() {
        return new MixtureSearch(16, 0, 1e-9, 5000);
    }

    public MixtureSearch withRandomStarts(int n) {
        if (n < 0) {
            throw new BadInputException("random starts must be at least 0, got " + n);
        }
        return new MixtureSearch(n, seed, tolerance, maxIterations);
    }

    public MixtureSearch withSeed(long s) {
        return new MixtureSearch(randomStarts, s, tolerance, maxIterations);
    }

    public MixtureSearch withTolerance(double t) {
        return new MixtureSearch(randomStarts, seed, t, maxIterations);
    }

    public int randomStarts() {
        return randomStarts;
    }

    public long seed() {
        return seed;
    }

    public double tolerance() {
        return tolerance;
    }

    /** A description for provenance and reports. */
    public String describe() {
        return "spectral projected gradient from the centre, each corner and " + randomStarts
                + " random mixtures (seed " + seed + "), stop at projected gradient <= " + MixtureSpace.number(tolerance);
    }

    /** The starts in the order they are searched. */
    public List<double[]> starts(MixtureSpace space) {
        int n = space.size();
        List<double[]> starts = new ArrayList<>();
        double[] centre = new double[n];
        java.util.Arrays.fill(centre, 1.0 / n);
        starts.add(space.project(centre));
        for (int i = 0; i < n; i++) {
            double[] corner = new double[n];
            corner[i] = 1;
            starts.add(space.project(corner));
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < randomStarts; k++) {
            double[] r = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                r[i] = -Math.log(1 - random.nextDouble());
                sum += r[i];
            }
            for (int i = 0; i < n; i++) {
                r[i] /= sum;
            }
            starts.add(space.project(r));
        }
        return starts;
    }

    /** The mixture with the lowest {@code f}. */
    public MixtureOptimum minimize(MixtureFunction f, MixtureSpace space) {
        return minimizeFrom(f, space, starts(space));
    }

    /** The mixture with the lowest {@code f}, searched from the given starts only (projected first). */
    public MixtureOptimum minimizeFrom(MixtureFunction f, MixtureSpace space, List<double[]> starts) {
        Counter count = new Counter(f);
        List<Local> ends = new ArrayList<>();
        for (double[] start : starts) {
            ends.add(descend(count, space, space.project(start)));
        }
        return best(ends, space, count.evaluations, null);
    }

    /**
     * The mixture with the lowest {@code f} among those with {@code g <= cap}.
     *
     * @throws BadInputException when no allowed mixture meets the cap (naming the lowest g)
     */
    public MixtureOptimum minimize(MixtureFunction f, MixtureFunction g, double cap, MixtureSpace space) {
        MixtureOptimum lowestG = minimize(g, space);
        double slack = 1e-9 * Math.max(1, Math.abs(cap));
        if (lowestG.value() > cap + slack) {
            throw new BadInputException("the cap " + MixtureSpace.number(cap) + " cannot be met: the lowest value of the"
                    + " capped target on the allowed mixtures is " + MixtureSpace.number(lowestG.value()));
        }
        MixtureOptimum lowestF = minimize(f, space);
        double gAtF = g.value(lowestF.proportions());
        if (gAtF <= cap) {
            return withConstraint(lowestF, gAtF); // the cap does not bind
        }
        // the constrained optimum lies on g = cap, between the two targets' own optima
        return capped(f, g, cap, space, List.of(lowestF.proportions()), lowestG.proportions());
    }

    private MixtureOptimum capped(MixtureFunction f, MixtureFunction g, double cap, MixtureSpace space,
                                  List<double[]> starts, double[] feasible) {
        Counter countF = new Counter(f);
        Counter countG = new Counter(g);
        double slack = 1e-7 * Math.max(1, Math.abs(cap));
        List<Local> ends = new ArrayList<>();
        List<double[]> all = new ArrayList<>(starts);
        all.add(feasible);
        for (double[] start : all) {
            double[] x = space.project(start);
            double multiplier = 0;
            double penalty = 10;
            double lastViolation = Double.POSITIVE_INFINITY;
            Local local = null;
            for (int outer = 0; outer < 40; outer++) {
                double mu = penalty;
                double lambda = multiplier;
                MixtureFunction lagrangian = mixtures -> {
                    double[] fv = countF.values(mixtures);
                    double[] gv = countG.values(mixtures);
                    for (int i = 0; i < fv.length; i++) {
                        double shifted = Math.max(0, gv[i] - cap + lambda / mu);
                        fv[i] += 0.5 * mu * shifted * shifted;
                    }
                    return fv;
                };
                local = descend(new Counter(lagrangian), space, x);
                x = local.point;
                double gx = countG.value(x);
                double violation = Math.max(0, gx - cap);
                multiplier = Math.max(0, multiplier + penalty * (gx - cap));
                if (violation <= slack && outer > 0 && Math.abs(multiplier - lambda) <= 1e-9 * Math.max(1, lambda)) {
                    break;
                }
                if (violation > 0.25 * lastViolation) {
                    penalty *= 10;
                }
                lastViolation = violation;
            }
            double gx = countG.value(x);
            ends.add(new Local(x, countF.value(x), gx > cap + slack ? Double.NaN : gx, local.converged));
        }
        List<Local> feasibleEnds = ends.stream().filter(l -> !Double.isNaN(l.constraint)).toList();
        if (feasibleEnds.isEmpty()) {
            throw new BadInputException("no start met the cap " + MixtureSpace.number(cap) + " within " + MixtureSpace.number(slack));
        }
        return best(ends, space, countF.evaluations + countG.evaluations, feasibleEnds);
    }

    /**
     * The Pareto front between two targets: for caps on {@code g} evenly spaced from its value at
     * f's optimum down to its own minimum, the lowest f under the cap (the epsilon-constraint
     * method, which finds points a weighted sum would miss where the front is not convex).
     */
    public MixtureTradeoff tradeoff(MixtureFunction f, MixtureFunction g, MixtureSpace space, int points) {
        if (points < 2) {
            throw new BadInputException("a trade-off curve needs at least 2 points, got " + points);
        }
        MixtureOptimum bestF = minimize(f, space);
        MixtureOptimum bestG = minimize(g, space);
        double gAtF = g.value(bestF.proportions());
        double gMin = bestG.value();
        List<MixtureOptimum> front = new ArrayList<>();
        front.add(withConstraint(bestF, gAtF));
        double span = gAtF - gMin;
        if (span > 1e-12 * Math.max(1, Math.abs(gMin))) {
            List<double[]> starts = List.of(bestF.proportions(), bestG.proportions());
            for (int k = 1; k < points; k++) {
                double cap = gAtF - span * k / (points - 1);
                if (k == points - 1) {
                    cap = gMin + 1e-6 * span; // exactly the minimum leaves a feasible set of one point
                }
                front.add(capped(f, g, cap, space, starts, bestG.proportions()));
            }
        }
        return new MixtureTradeoff(front, bestF, bestG);
    }

    private static MixtureOptimum withConstraint(MixtureOptimum m, double g) {
        return new MixtureOptimum(m.space(), m.proportions(), m.value(), g, m.starts(), m.reachedBest(), m.converged(),
                m.evaluations());
    }

    private static MixtureOptimum best(List<Local> ends, MixtureSpace space, long evaluations, List<Local> feasible) {
        List<Local> candidates = feasible == null ? ends : feasible;
        Local best = null;
        for (Local l : candidates) {
            if (Double.isFinite(l.value) && (best == null || l.value < best.value)) {
                best = l;
            }
        }
        if (best == null) {
            throw new BadInputException("the target is not a finite number at any mixture the search reached");
        }
        int reached = 0;
        int converged = 0;
        for (Local l : candidates) {
            if (Math.abs(l.value - best.value) <= 1e-7 * Math.max(1, Math.abs(best.value))) {
                reached++;
            }
        }
        for (Local l : ends) {
            if (l.converged) {
                converged++;
            }
        }
        return new MixtureOptimum(space, best.point, best.value, feasible == null ? Double.NaN : best.constraint,
                ends.size(), reached, converged, evaluations);
    }

    private record Local(double[] point, double value, double constraint, boolean converged) {
    }

    /** Counts the mixtures a function is evaluated at. */
    private static final class Counter implements MixtureFunction {
        private final MixtureFunction f;
        long evaluations;

        Counter(MixtureFunction f) {
            this.f = f;
        }

        @Override
        public double[] values(double[][] mixtures) {
            evaluations += mixtures.length;
            return f.values(mixtures);
        }
    }

    /** SPG2 from one start; the start is already in the space. */
    private Local descend(Counter f, MixtureSpace space, double[] start) {
        int n = space.size();
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = valueAndGradient(f, x, g);
        if (!Double.isFinite(fx)) {
            return new Local(x, fx, Double.NaN, false);
        }
        double step = clamp(1 / Math.max(Vectors.maxAbs(projectedGradient(space, x, g, 1)), 1e-300));
        Deque<Double> history = new ArrayDeque<>();
        history.add(fx);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (Vectors.maxAbs(projectedGradient(space, x, g, 1)) <= tolerance) {
                return new Local(x, fx, Double.NaN, true);
            }
            double[] d = projectedGradient(space, x, g, step);
            double slope = Vectors.dot(g, d);
            if (!(slope < 0)) {
                return new Local(x, fx, Double.NaN, true); // no descent left at this precision
            }
            double reference = history.stream().mapToDouble(Double::doubleValue).max().orElse(fx);
            double alpha = 1;
            double[] trial = new double[n];
            double ft;
            while (true) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + alpha * d[i];
                }
                ft = f.value(trial);
                if (ft <= reference + SUFFICIENT_DECREASE * alpha * slope) {
                    break;
                }
                // safeguarded quadratic interpolation, as SPG2 does
                double quadratic = -0.5 * alpha * alpha * slope / (ft - fx - alpha * slope);
                alpha = Double.isFinite(quadratic) && quadratic >= 0.1 * alpha && quadratic <= 0.9 * alpha
                        ? quadratic : alpha / 2;
                if (alpha < 1e-16) {
                    return new Local(x, fx, Double.NaN, true); // the line search cannot improve: rounding level
                }
            }
            double[] gt = new double[n];
            double ftrial = valueAndGradient(f, trial, gt);
            double ss = 0;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                double s = trial[i] - x[i];
                ss += s * s;
                sy += s * (gt[i] - g[i]);
            }
            step = sy <= 0 ? STEP_MAX : clamp(ss / sy);
            x = trial.clone();
            g = gt;
            fx = ftrial;
            history.addLast(fx);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        return new Local(x, fx, Double.NaN, false);
    }

    private static double clamp(double step) {
        return Math.min(STEP_MAX, Math.max(STEP_MIN, step));
    }

    /** {@code P(x - step g) - x}. */
    private static double[] projectedGradient(MixtureSpace space, double[] x, double[] g, double step) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] - step * g[i];
        }
        double[] p = space.project(y);
        for (int i = 0; i < x.length; i++) {
            p[i] -= x[i];
        }
        return p;
    }

    /**
     * The value at x and its gradient by differences, in one batch: central where both sides
     * lie in [0, 1], else the one-sided three-point rule, since a law of r may be undefined below 0.
     */
    private static double valueAndGradient(MixtureFunction f, double[] x, double[] gradient) {
        int n = x.length;
        double h = DIFFERENCE_STEP;
        double[][] rows = new double[1 + 2 * n][];
        rows[0] = x.clone();
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            double[] a = x.clone();
            double[] b = x.clone();
            if (x[i] - h < 0) {
                kind[i] = 1;
                a[i] += h;
                b[i] += 2 * h;
            } else if (x[i] + h > 1) {
                kind[i] = -1;
                a[i] -= h;
                b[i] -= 2 * h;
            } else {
                a[i] += h;
                b[i] -= h;
            }
            rows[1 + 2 * i] = a;
            rows[2 + 2 * i] = b;
        }
        double[] v = f.values(rows);
        for (int i = 0; i < n; i++) {
            double a = v[1 + 2 * i];
            double b = v[2 + 2 * i];
            gradient[i] = switch (kind[i]) {
                case 1 -> (-3 * v[0] + 4 * a - b) / (2 * h);
                case -1 -> (3 * v[0] - 4 * a + b) / (2 * h);
                default -> (a - b) / (2 * h);
            };
        }
        return v[0];
    }

    @Override
    public String toString() {
        return describe();
    }
}
