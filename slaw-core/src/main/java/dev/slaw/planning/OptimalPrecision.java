package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.fit.VariableRange;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;

/**
 * The compute-optimal training precision of Kumar et al. 2024 (section 4.3.2, eq. 5): N, D and the
 * precision P (bits of weights, activations and KV cache alike) chosen together on the budget
 * C = (6/16) N D P, the paper's cost model in which compute is linear in bits and 16-bit training
 * costs Chinchilla's 6 N D. For the paper's form the optimal P solves an equation free of C
 * (eq. 7), so every budget gets the same P; the search here is numeric and works for any law in N,
 * D and P.
 */
public final class OptimalPrecision {
    /** Variables the law must read: parameters, tokens, training precision in bits. */
    public static final List<String> VARIABLES = List.of("N", "D", "P");
    /** Bits searched; an optimum on an end is reported as such. */
    static final double FEWEST_BITS = 1;
    static final double MOST_BITS = 32;
    /** Below this the paper's fits and runs are not to be trusted (section 4.3.2, Appendix L). */
    static final double LOWEST_TRUSTED_BITS = 4;
    /** Grid steps of the scans: ln N in 0.1 (about 0.04 decades), precision in quarter bits. */
    static final double SCAN_STEP = 0.1;
    static final double BITS_STEP = 0.25;
    /** Smallest model searched; the largest is the one the budget can train on one token. */
    static final double SMALLEST_MODEL = 1e3;
    /** The paper's sweep (section 2.3): N 30M to 220M non-embedding parameters, D 1.5B to 26B tokens, 3 to 16 bits. */
    public static final Map<String, VariableRange> PAPER_RANGES = Map.of(
            "N", new VariableRange(30e6, 220e6), "D", new VariableRange(1.5e9, 26e9),
            "P", new VariableRange(3, 16));

    private final Law law;
    private final Map<String, Double> parameters;
    private final Map<String, VariableRange> ranges;
    private final String rangesSource;

    private OptimalPrecision(Law law, Map<String, Double> parameters, Map<String, VariableRange> ranges,
                             String rangesSource) {
        this.law = law;
        this.parameters = parameters;
        this.ranges = ranges;
        this.rangesSource = rangesSource;
    }

    /**
     * The planner for a law in N, D and P at given parameter values; plans are checked against the
     * paper's sweep until {@link #withFittedRanges} gives the fit's own.
     *
     * @throws BadInputException when the law reads other variables or a parameter has no value
     */
    public static OptimalPrecision of(Law law, Map<String, Double> parameters) {
        Objects.requireNonNull(law, "law");
        if (!law.variables().containsAll(VARIABLES) || law.variables().size() != VARIABLES.size()) {
            throw new BadInputException("law " + law.name() + " reads " + String.join(", ", law.variables())
                    + "; the precision plan needs a law in N (parameters), D (tokens) and P (training bits),"
                    + " such as the catalogue's 'precision'");
        }
        if (law.name().equals("precision-ptq")) {
            // its target is the loss post-training quantization adds, and its P the bits served in
            throw new BadInputException("law precision-ptq gives the loss lost to post-training quantization, not the"
                    + " loss of training in P bits; plan the training precision with 'precision' (or a fit of it)");
        }
        Map<String, Double> values = LossSurface.completeValues(law, parameters);
        return new OptimalPrecision(law, Map.copyOf(values), PAPER_RANGES, "Kumar et al.'s sweep");
    }

    /** The same planner, warning when a plan leaves the ranges a fit was made on (empty: no check). */
    public OptimalPrecision withFittedRanges(Map<String, VariableRange> fitted) {
        return new OptimalPrecision(law, parameters, Map.copyOf(fitted), "the fitted data");
    }

    /** The law's name. */
    public String lawName() {
        return law.name();
    }

    /** The parameter values planned with. */
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The loss at a point. */
    public double loss(double parameterCount, double tokenCount, double bits) {
        double[] p = values();
        Map<String, Double> point = new HashMap<>();
        point.put("N", parameterCount);
        point.put("D", tokenCount);
        point.put("P", bits);
        return Predictor.at(law, p, point);
    }

    /** Tokens the budget leaves for N parameters trained in P bits: C = (6/16) N D P. */
    public static double tokens(double computeFlops, double parameterCount, double bits) {
        return 16 * computeFlops / (6 * parameterCount * bits);
    }

    /** The loss at many points at once: one evaluator for the lot, which a scan needs to be quick. */
    private double[] losses(double[] n, double[] d, double[] bits) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("N", n);
        columns.put("D", d);
        columns.put("P", bits);
        double[] out = new double[n.length];
        law.evaluator(dev.slaw.data.Dataset.of("precision plan", columns)).evaluate(values(), out, null);
        return out;
    }

    private double[] values() {
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = parameters.get(law.parameters().get(i).name());
        }
        return p;
    }

    /**
     * The least loss over x in [lo, hi] of a function known on a grid by {@code scan} and at single
     * points by {@code f}: the grid's best point, then a Brent search between its neighbours.
     */
    private static OneDimension.Minimum minimize(java.util.function.Function<double[], double[]> scan,
                                                 DoubleUnaryOperator f, double lo, double hi, double step) {
        return minimize(scan, f, lo, hi, step, true);
    }

    private static OneDimension.Minimum minimize(java.util.function.Function<double[], double[]> scan,
                                                 DoubleUnaryOperator f, double lo, double hi, double step,
                                                 boolean refine) {
        int steps = Math.max(2, (int) Math.ceil((hi - lo) / step));
        double h = (hi - lo) / steps;
        double[] x = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            x[i] = lo + i * h;
        }
        double[] v = scan.apply(x);
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            if (Double.isFinite(v[i]) && v[i] < bestValue) {
                bestValue = v[i];
                best = i;
            }
        }
        if (best < 0) {
            return new OneDimension.Minimum(Double.NaN, Double.NaN, false);
        }
        if (best == 0 || best == steps || !refine) {
            return new OneDimension.Minimum(x[best], bestValue, best == 0 || best == steps);
        }
        DoubleUnaryOperator finite = t -> {
            double y = f.applyAsDouble(t);
            return Double.isFinite(y) ? y : Double.POSITIVE_INFINITY;
        };
        var point = new BrentOptimizer(1e-13, 1e-14).optimize(new MaxEval(10_000),
                new UnivariateObjectiveFunction(finite::applyAsDouble), GoalType.MINIMIZE,
                new SearchInterval(x[best - 1], x[best + 1], x[best]));
        return point.getValue() < bestValue ? new OneDimension.Minimum(point.getPoint(), point.getValue(), false)
                : new OneDimension.Minimum(x[best], bestValue, false);
    }

    /** The N of least loss at budget C for training in P bits (section 4.3.1), as ln N. */
    private OneDimension.Minimum bestModel(double c, double bits) {
        return bestModel(c, bits, true);
    }

    /** As above; without {@code refine} only the grid's best (for the scan over precisions). */
    private OneDimension.Minimum bestModel(double c, double bits, boolean refine) {
        double hi = Math.log(16 * c / (6 * bits));
        double lo = Math.min(Math.log(SMALLEST_MODEL), hi - 1);
        return minimize(xs -> {
            double[] n = new double[xs.length];
            double[] d = new double[xs.length];
            double[] p = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                n[i] = Math.exp(xs[i]);
                d[i] = tokens(c, n[i], bits);
                p[i] = bits;
            }
            return losses(n, d, p);
        }, x -> loss(Math.exp(x), tokens(c, Math.exp(x), bits), bits), lo, hi, SCAN_STEP, refine);
    }

    /**
     * N, D and P of least loss at budget C.
     *
     * @throws BadInputException when the budget is not positive and finite, or the law gives no finite loss
     */
    public PrecisionPlan at(double computeFlops) {
        if (!(computeFlops > 0) || !Double.isFinite(computeFlops)) {
            throw new BadInputException("compute C must be a positive number, got " + computeFlops);
        }
        double c = computeFlops;
        DoubleUnaryOperator least = bits -> bestModel(c, bits).value();
        OneDimension.Minimum best = minimize(bs -> {
            double[] v = new double[bs.length];
            for (int i = 0; i < bs.length; i++) {
                v[i] = bestModel(c, bs[i], false).value();
            }
            return v;
        }, least, FEWEST_BITS, MOST_BITS, BITS_STEP);
        if (!Double.isFinite(best.x())) {
            throw new BadInputException("the law gives no finite loss at C = " + c + " for any precision");
        }
        double bits = best.x();
        OneDimension.Minimum model = bestModel(c, bits);
        double n = Math.exp(model.x());
        double d = tokens(c, n, bits);
        OneDimension.Minimum sixteen = bestModel(c, 16);
        List<String> warnings = new ArrayList<>();
        if (best.atBoundary()) {
            warnings.add(String.format(Locale.ROOT, "the least loss lies at the end of the searched precisions"
                    + " (%.0f to %.0f bits): the law has no interior optimum, so P is a bound, not an optimum",
                    FEWEST_BITS, MOST_BITS));
        }
        if (model.atBoundary()) {
            warnings.add("the least loss at P = " + String.format(Locale.ROOT, "%.2f", bits) + " bits lies at the"
                    + " end of the searched model sizes: N is a bound, not an optimum");
        }
        if (bits < LOWEST_TRUSTED_BITS) {
            warnings.add(String.format(Locale.ROOT, "P = %.2f bits is below 4: the paper's integer-type fits stop"
                    + " matching floating-point training there (section 4.3.2) and its runs with activations or KV"
                    + " cache at 3 bits diverged (Appendix L); its own constants, with the per-part offsets of"
                    + " Table 2, put the optimum at 7-8 bits", bits));
        }
        for (String line : VariableRange.beyond(ranges, Map.of("N", new double[]{n}, "D", new double[]{d},
                "P", new double[]{bits}))) {
            warnings.add(line + " [ranges of " + rangesSource + "]");
        }
        return new PrecisionPlan(c, bits, n, d, effectiveFraction(bits), best.value(), sixteen.value(),
                Math.exp(sixteen.x()), warnings);
    }

    /** N_eff / N = (1 - e^(-P/gamma))^3 for the catalogue's precision law; NaN for another law. */
    private double effectiveFraction(double bits) {
        if (!law.name().equals("precision") || !parameters.containsKey("gamma")) {
            return Double.NaN;
        }
        return Math.pow(1 - Math.exp(-bits / parameters.get("gamma")), 3);
    }
}
