package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parallel streams against parameters with a law in N (non-embedding parameters) and P (parallel
 * streams), such as the catalogue's parscale (Chen et al. 2025): for a model of N parameters, the
 * loss at each P and the size a single-stream model needs for the same loss; for a target loss,
 * the N each P needs. The single-stream equivalent is solved from the law itself (for parscale it
 * is N (1 + k ln P)), so a user's own form in N and P plans the same way.
 */
public final class ParallelStreams {
    /** Variables the law must read. */
    public static final List<String> VARIABLES = List.of("N", "P");
    /** Parameter counts searched when solving for N; an answer beyond them is reported as none. */
    static final double SMALLEST_PARAMETERS = 1e3;
    static final double LARGEST_PARAMETERS = 1e16;

    private final String lawName;
    private final Law law;
    private final Map<String, Double> parameters;

    private ParallelStreams(String lawName, Law law, Map<String, Double> parameters) {
        this.lawName = lawName;
        this.law = law;
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * The planner for a law in N and P at given parameter values.
     *
     * @throws BadInputException when the law reads other variables or a parameter has no value
     */
    public static ParallelStreams of(Law law, Map<String, Double> parameters) {
        Objects.requireNonNull(law, "law");
        if (!law.variables().containsAll(VARIABLES) || law.variables().size() != VARIABLES.size()) {
            throw new BadInputException("law " + law.name() + " reads " + String.join(", ", law.variables())
                    + "; the parallel-streams plan needs a law in N (non-embedding parameters) and P (parallel"
                    + " streams), such as the catalogue's 'parscale'");
        }
        Map<String, Double> values = LossSurface.completeValues(law, parameters);
        return new ParallelStreams(law.name(), law, values);
    }

    /** The law's name. */
    public String lawName() {
        return lawName;
    }

    /** The parameter values planned with. */
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The predicted loss of N parameters run as P streams. */
    public double loss(double parameterCount, double streams) {
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = parameters.get(law.parameters().get(i).name());
        }
        Map<String, Double> point = new HashMap<>();
        point.put("N", parameterCount);
        point.put("P", streams);
        return Predictor.at(law, p, point);
    }

    /**
     * Each P's loss for a model of N parameters, and the single-stream N of the same loss.
     *
     * @throws BadInputException when N is not positive or a P is below 1
     */
    public ParallelStreamsPlan at(double parameterCount, List<Double> streams) {
        positive(parameterCount, "parameters N");
        checkStreams(streams);
        List<ParallelStreamsPlan.Row> rows = new ArrayList<>();
        for (double p : streams) {
            double loss = loss(parameterCount, p);
            // one stream is its own equivalent; solving for it would only add rounding
            double equivalent = p == 1 ? parameterCount : parametersFor(loss, 1);
            rows.add(new ParallelStreamsPlan.Row(p, parameterCount, loss, equivalent, 2 * parameterCount * p));
        }
        return new ParallelStreamsPlan(parameterCount, Double.NaN, rows, unreached(rows));
    }

    /**
     * The N each P needs to reach a target loss.
     *
     * @throws BadInputException when a P is below 1 or the target is not finite
     */
    public ParallelStreamsPlan forTargetLoss(double target, List<Double> streams) {
        if (!Double.isFinite(target)) {
            throw new BadInputException("target loss must be a finite number, got " + target);
        }
        checkStreams(streams);
        double single = parametersFor(target, 1);
        List<ParallelStreamsPlan.Row> rows = new ArrayList<>();
        for (double p : streams) {
            double n = parametersFor(target, p);
            rows.add(new ParallelStreamsPlan.Row(p, n, Double.isNaN(n) ? Double.NaN : loss(n, p), single,
                    2 * n * p));
        }
        List<String> warnings = new ArrayList<>();
        for (ParallelStreamsPlan.Row r : rows) {
            if (Double.isNaN(r.parameterCount())) {
                warnings.add(String.format(Locale.ROOT, "no model of %.0e to %.0e parameters reaches loss %s at P = %s:"
                                + " the target lies below what the law allows there", SMALLEST_PARAMETERS,
                        LARGEST_PARAMETERS, target, streamsText(r.streams())));
            }
        }
        return new ParallelStreamsPlan(Double.NaN, target, rows, warnings);
    }

    /** The N that reaches loss L at P streams (the law falls with N), or NaN when none in the searched range does. */
    double parametersFor(double target, double streams) {
        double lo = Math.log(SMALLEST_PARAMETERS);
        double hi = Math.log(LARGEST_PARAMETERS);
        double fLo = loss(Math.exp(lo), streams) - target;
        double fHi = loss(Math.exp(hi), streams) - target;
        if (!Double.isFinite(fLo) || !Double.isFinite(fHi) || fLo * fHi > 0) {
            return Double.NaN;
        }
        return Math.exp(OneDimension.root(x -> loss(Math.exp(x), streams) - target, lo, hi));
    }

    private static List<String> unreached(List<ParallelStreamsPlan.Row> rows) {
        List<String> warnings = new ArrayList<>();
        for (ParallelStreamsPlan.Row r : rows) {
            if (Double.isNaN(r.equivalentParameters())) {
                warnings.add("no single-stream model of up to " + String.format(Locale.ROOT, "%.0e", LARGEST_PARAMETERS)
                        + " parameters matches P = " + streamsText(r.streams()) + ": its loss lies beyond what one stream"
                        + " can reach under this law");
            }
        }
        return warnings;
    }

    private static void checkStreams(List<Double> streams) {
        if (streams.isEmpty()) {
            throw new BadInputException("give at least one number of streams P");
        }
        for (double p : streams) {
            if (!(p >= 1) || !Double.isFinite(p) || p != Math.rint(p)) {
                throw new BadInputException("a number of parallel streams P must be a whole number of at least 1, got " + p);
            }
        }
    }

    private static String streamsText(double p) {
        return String.format(Locale.ROOT, "%.0f", p);
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(what + " must be a positive number, got " + v);
        }
    }
}
