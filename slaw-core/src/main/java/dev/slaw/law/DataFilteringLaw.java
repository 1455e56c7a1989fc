package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * The data-filtering law of Goyal et al. 2024, "Scaling Laws for Data Filtering -- Data Curation
 * cannot be Compute Agnostic" (arXiv:2404.07177, CVPR 2024, section 4): a pool's utility, its scaling
 * exponent {@code b}, halves every {@code tau} epochs over the pool, so the error after {@code n}
 * samples seen from a pool of {@code U} unique samples is a power law whose exponent changes at
 * each epoch boundary:
 *
 * <pre>
 * y(n, U) = (d + (a min(n, U) / 1e5)^b) * prod_{k=1}^{K} (min(k + 1, n/U) / k)^(b 2^(-k/tau)),   K = floor(n/U)
 * </pre>
 *
 * Within epoch {@code k} (0-based) the error follows {@code dy/dn = b_k y / n} with
 * {@code b_k = b 2^(-k/tau)}, so each epoch multiplies the error by the ratio of samples seen at
 * its end and start raised to its own exponent. The form, the sample unit {@code 1e5} and the
 * irreducible error {@code d} multiplied by the later epochs' factors are as the authors' code
 * evaluates it ({@code func_effective_utility} in locuslab/scaling_laws_data_filtering
 * objective.py; the paper writes the first epoch {@code a n^b + d}, the code {@code (a n / 1e5)^b + d},
 * and its published constants are the code's). The paper's equation numbers were not read.
 *
 * <p>The number of factors grows with {@code n/U}, which the law language cannot write, so the law
 * is a Java kernel. Parameters, in order: {@code a} (samples' scale, {@code a > 0}), {@code b}
 * (the utility exponent of fresh data, {@code in [-1, 0]}), {@code tau} (half-life of the
 * utility, in epochs, {@code > 0}) and {@code d} (irreducible error, {@code >= 0}).
 *
 * @param parameters declarations of {@code a, b, tau, d}
 * @param target     residuals on log error (default) or on error
 */
public record DataFilteringLaw(List<Parameter> parameters, Target target) implements Law {
    /** The catalogue name. */
    public static final String NAME = "data-filtering";

    /** Parameter names in evaluation order. */
    public static final List<String> PARAMETER_NAMES = List.of("a", "b", "tau", "d");

    /** The authors' unit of samples seen: {@code a n / 1e5} is the power law's argument. */
    public static final double SAMPLE_UNIT = 1e5;

    private static final LawMetadata METADATA = new LawMetadata(
            "Error of a model trained on a filtered data pool: a power law in samples seen whose exponent (the"
                    + " pool's utility) halves every tau epochs of repetition, applied epoch by epoch.",
            "Goyal et al. 2024, \"Scaling Laws for Data Filtering -- Data Curation cannot be Compute Agnostic\""
                    + " (arXiv:2404.07177, CVPR 2024), section 4 (y = a n^b + d; the utility b of a sample seen k + 1"
                    + " times decays with half-life tau; the closed form over epochs), read in a summary of the paper"
                    + " (equation numbers not read); the form as the authors' code evaluates it (dy/dn = b_k y / n in"
                    + " epoch k, b_k = b 0.5^(k/tau), a inside the power with n in units of 1e5) and the fitted"
                    + " constants: locuslab/scaling_laws_data_filtering objective.py func_effective_utility,"
                    + " results/parameter_values.jsonl \"tmars_imagenet1k_utility\"",
            variableMeanings(), starts());

    public DataFilteringLaw {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(target, "target");
        if (parameters.size() != PARAMETER_NAMES.size()) {
            throw new IllegalArgumentException(NAME + " has parameters " + PARAMETER_NAMES + ", got "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).name().equals(PARAMETER_NAMES.get(i))) {
                throw new IllegalArgumentException(NAME + " parameter " + (i + 1) + " must be "
                        + PARAMETER_NAMES.get(i) + ", got " + parameters.get(i).name());
            }
        }
    }

    /** The law with its default declarations, fitted on log error. */
    public static DataFilteringLaw standard() {
        return new DataFilteringLaw(defaultParameters(), Target.LOG);
    }

    /** {@code a > 0}, {@code b in [-1, 0]}, {@code tau > 0} (both optimised as logarithms), {@code d >= 0}. */
    public static List<Parameter> defaultParameters() {
        return List.of(Parameter.positive("a"), Parameter.bounded("b", -1, 0), Parameter.positive("tau"),
                Parameter.bounded("d", 0, Double.POSITIVE_INFINITY));
    }

    private static Map<String, String> variableMeanings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("n", "samples seen in training");
        m.put("U", "unique samples in the pool (one epoch)");
        return m;
    }

    /**
     * A grid over the nonlinear parameters only: {@code d} enters linearly and is solved by least
     * squares at each start, so the starts follow the data's scale. The exponents span the
     * authors' grid ({@code b} in [-0.5, -0.005], {@code tau} in [1, 10] epochs); {@code a} spans
     * four decades around their fitted 0.025.
     */
    private static Map<String, List<Double>> starts() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put("a", List.of(1e-3, 1e-2, 0.1, 1.0));
        m.put("b", List.of(-0.05, -0.15, -0.4));
        m.put("tau", List.of(1.0, 3.0, 10.0));
        return m;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return "y = (d + (a * min(n, U) / 1e5)^b) * prod[k = 1 .. floor(n / U)] (min(k + 1, n / U) / k)^(b * 2^(-k / tau))";
    }

    @Override
    public List<String> variables() {
        return List.of("n", "U");
    }

    /** The pool size: one pool, one value of U in every row, is this law's usual fit. */
    @Override
    public List<String> settingVariables() {
        return List.of("U");
    }

    @Override
    public LawMetadata metadata() {
        return METADATA;
    }

    @Override
    public Law withParameters(List<Parameter> newParameters) {
        return new DataFilteringLaw(newParameters, target);
    }

    @Override
    public Law withTarget(Target newTarget) {
        return new DataFilteringLaw(parameters, newTarget);
    }

    /**
     * The error at {@code n} samples seen from a pool of {@code u} unique samples.
     *
     * @throws BadInputException when {@code n} or {@code u} is not a positive number
     */
    public static double error(double n, double u, double a, double b, double tau, double d) {
        double step = Math.exp(-Math.log(2) / tau);
        return error(n, u, a, d, k -> b * Math.pow(step, k));
    }

    /**
     * The error at {@code n} samples seen from a pool of {@code u} unique samples when epoch
     * {@code k} (0 the first) learns with exponent {@code exponent.applyAsDouble(k)}: the law's
     * product with any schedule of exponents, such as a mixed pool's (Goyal et al.'s pools of
     * several buckets, {@code dev.slaw.planning.DataFilteringPools}).
     *
     * @throws BadInputException when {@code n} or {@code u} is not a positive number
     */
    public static double error(double n, double u, double a, double d, IntToDoubleFunction exponent) {
        check(n, u, null);
        Row row = new Row(n, u);
        double logError = Math.log(d + Math.exp(exponent.applyAsDouble(0) * Math.log(a * row.firstEpoch / SAMPLE_UNIT)));
        for (int k = 1; k <= row.complete; k++) {
            logError += exponent.applyAsDouble(k) * Math.log((k + 1.0) / k);
        }
        if (row.partial > 0) {
            logError += exponent.applyAsDouble(row.partial) * row.logPartial;
        }
        return Math.exp(logError);
    }

    @Override
    public LawEvaluator evaluator(Dataset data) {
        double[] n = data.column("n");
        double[] u = data.column("U");
        Row[] rows = new Row[n.length];
        int longest = 0;
        for (int i = 0; i < n.length; i++) {
            check(n[i], u[i], data.source() + ": row " + data.rowNumber(i) + ": ");
            rows[i] = new Row(n[i], u[i]);
            longest = Math.max(longest, rows[i].complete);
        }
        // log((k + 1)/k) of every complete epoch, shared by the rows (a row of 500 epochs stores two numbers)
        double[] logSteps = new double[longest];
        for (int k = 1; k <= longest; k++) {
            logSteps[k - 1] = Math.log((k + 1.0) / k);
        }
        return new Evaluator(rows, logSteps);
    }

    private static void check(double n, double u, String where) {
        String at = where == null ? "" : where;
        if (!(n > 0 && n < Double.POSITIVE_INFINITY)) {
            throw new BadInputException(at + NAME + ": samples seen n must be a positive number, got " + n);
        }
        if (!(u > 0 && u < Double.POSITIVE_INFINITY)) {
            throw new BadInputException(at + NAME + ": pool size U must be a positive number, got " + u);
        }
        if (n / u > MAX_EPOCHS) {
            throw new BadInputException(at + NAME + ": n = " + Numbers.compact(n) + " samples from a pool of U = "
                    + Numbers.compact(u) + " is more than " + MAX_EPOCHS + " epochs");
        }
    }

    /** A bound on the product's length (a million epochs is no training run; it bounds the work per row). */
    static final int MAX_EPOCHS = 1_000_000;

    /**
     * What a row's prediction needs besides the parameters: the samples of its first epoch, how
     * many later epochs it completed (epoch k multiplies the error by ((k + 1)/k)^(b_k)), and the
     * epoch it is part-way through with its log ratio {@code log((n/U)/k)}; {@code partial} is 0
     * when there is none (within the first epoch, or n a whole number of epochs, whose next factor is 1).
     */
    private static final class Row {
        final double firstEpoch;
        final int complete;
        final int partial;
        final double logPartial;

        Row(double n, double u) {
            firstEpoch = Math.min(n, u);
            double epochs = n / u;
            int full = (int) Math.floor(epochs);
            complete = Math.max(full - 1, 0);
            partial = full >= 1 && epochs > full ? full : 0;
            logPartial = partial > 0 ? Math.log(epochs / full) : 0;
        }

        /**
         * {@code sum_k 2^(-k/tau) log r_k}; with {@code dTau} not null, also its derivative in tau,
         * {@code sum_k 2^(-k/tau) (k ln 2 / tau^2) log r_k}, in {@code dTau[0]}.
         */
        double decayedSum(double tau, double[] logSteps, double[] dTau) {
            double sum = 0;
            double derivative = 0;
            double step = Math.exp(-Math.log(2) / tau);
            double weight = 1;
            for (int k = 1; k <= complete; k++) {
                weight *= step;
                double term = weight * logSteps[k - 1];
                sum += term;
                derivative += term * k;
            }
            if (partial > 0) {
                double term = Math.pow(step, partial) * logPartial;
                sum += term;
                derivative += term * partial;
            }
            if (dTau != null) {
                dTau[0] = derivative * Math.log(2) / (tau * tau);
            }
            return sum;
        }
    }

    private static final class Evaluator implements LawEvaluator {
        private final Row[] rows;
        private final double[] logSteps;
        private final double[] dTau = new double[1];

        Evaluator(Row[] rows, double[] logSteps) {
            this.rows = rows;
            this.logSteps = logSteps;
        }

        @Override
        public int rows() {
            return rows.length;
        }

        @Override
        public void evaluate(double[] parameters, double[] values, double[][] jacobian) {
            double a = parameters[0];
            double b = parameters[1];
            double tau = parameters[2];
            double d = parameters[3];
            for (int i = 0; i < rows.length; i++) {
                Row row = rows[i];
                double logFirst = Math.log(a * row.firstEpoch / SAMPLE_UNIT);
                double first = Math.exp(b * logFirst);
                double sum = row.decayedSum(tau, logSteps, jacobian == null ? null : dTau);
                double later = Math.exp(b * sum);
                double y = (d + first) * later;
                values[i] = y;
                if (jacobian != null) {
                    jacobian[0][i] = later * b * first / a;
                    jacobian[1][i] = later * first * logFirst + y * sum;
                    jacobian[2][i] = y * b * dTau[0];
                    jacobian[3][i] = later;
                }
            }
        }
    }
}
