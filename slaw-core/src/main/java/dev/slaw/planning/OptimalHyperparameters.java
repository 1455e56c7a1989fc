package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The peak learning rate and the batch size for a model of N non-embedding parameters trained
 * on D tokens, from two laws in N and D: Step Law (Li et al. 2025) by default, eta = 1.79
 * N^-0.713 D^0.307 and B = 0.58 D^0.571 tokens, or laws the user fitted to the best (learning
 * rate, batch size) of each cell of their own sweep. With a law of the AdamW timescale tau = B /
 * (eta lambda D) in N and D (Power Lines, Bergsma et al. 2025) it also gives the weight decay
 * lambda = B / (eta tau D).
 */
public final class OptimalHyperparameters {
    /** The variables a law may read: parameters, tokens, and the compute budget (DeepSeek's C = M D). */
    public static final List<String> VARIABLES = List.of("N", "D", "C");

    /**
     * Step Law's published constants, as the authors' own calculator on their project page
     * computes them (step-law/step-law.github.io, static/js/tool.js): log lr = log 1.79 -
     * 0.713 ln N + 0.307 ln D, log bs = log 0.58 + 0.571 ln D, bs in tokens.
     */
    public static final Map<String, Double> STEP_LAW_LEARNING_RATE = orderedMap("k", 1.79, "a", -0.713, "b", 0.307);
    public static final Map<String, Double> STEP_LAW_BATCH_SIZE = orderedMap("k", 0.58, "b", 0.571);

    /**
     * DeepSeek LLM's published constants (arXiv:2401.02954, section 3.1, eq. 1): eta = 0.3118
     * C^-0.1250, B = 0.2920 C^0.3271 (B in tokens), C = M D in FLOPs.
     */
    public static final Map<String, Double> DEEPSEEK_LEARNING_RATE = orderedMap("k", 0.3118, "a", -0.1250);
    public static final Map<String, Double> DEEPSEEK_BATCH_SIZE = orderedMap("k", 0.2920, "b", 0.3271);

    /** The budgets DeepSeek fitted eq. 1 on (1e17 to 2e19 FLOPs); beyond them the plan says it extrapolates. */
    static final double DEEPSEEK_SMALLEST_C = 1e17;
    static final double DEEPSEEK_LARGEST_C = 2e19;

    /**
     * The largest dense grid the Step Law authors publish loss landscapes for (their tool's
     * heatmaps: N from 2.1e8 to 1.07e9 non-embedding parameters, D from 4e9 to 1e11 tokens);
     * the published constants beyond it are an extrapolation, said so in the plan.
     */
    static final double STEP_LAW_SMALLEST_N = 2.1e8;
    static final double STEP_LAW_LARGEST_N = 1.08e9;
    static final double STEP_LAW_SMALLEST_D = 4e9;
    static final double STEP_LAW_LARGEST_D = 1e11;

    /** Outside these the numbers are no learning rate an AdamW run would use: a warning, not a refusal. */
    static final double SMALLEST_SANE_LEARNING_RATE = 1e-6;
    static final double LARGEST_SANE_LEARNING_RATE = 0.1;

    private final Source learningRate;
    private final Source batchSize;
    private final Source timescale;
    /** Whose published constants these are, for the warning about their fitted range; NONE for fits. */
    private final Published published;

    private enum Published { NONE, STEP_LAW, DEEPSEEK }

    /** One law at given values, and a line naming where the values came from. */
    public record Source(String label, Law law, Map<String, Double> values) {
        public Source {
            Objects.requireNonNull(law, "law");
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        double at(double n, double d, double c, String what) {
            Map<String, Double> point = new LinkedHashMap<>();
            putGiven(point, "N", n, law, what, "the parameter count N");
            putGiven(point, "D", d, law, what, "the token count D");
            putGiven(point, "C", c, law, what, "the compute budget C");
            return at(point);
        }

        /** The law at its values, at {@code point} (a value for each of its variables). */
        double at(Map<String, Double> point) {
            double[] p = new double[law.parameters().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = values.get(law.parameters().get(i).name());
            }
            return Predictor.at(law, p, point);
        }

        private static void putGiven(Map<String, Double> point, String name, double v, Law law, String what,
                                     String meaning) {
            if (!law.variables().contains(name)) {
                return;
            }
            if (Double.isNaN(v)) {
                throw new BadInputException("the " + what + " law " + law.name() + " reads " + name + ": give "
                        + meaning);
            }
            point.put(name, v);
        }
    }

    private OptimalHyperparameters(Source learningRate, Source batchSize, Source timescale, Published published) {
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.timescale = timescale;
        this.published = published;
    }

    /** Step Law with the published constants (the catalogue's step-law-lr and step-law-batch). */
    public static OptimalHyperparameters stepLaw() {
        return new OptimalHyperparameters(stepLawLearningRate(), stepLawBatchSize(), null, Published.STEP_LAW);
    }

    /** DeepSeek LLM with the published constants (the catalogue's deepseek-lr and deepseek-batch). */
    public static OptimalHyperparameters deepSeek() {
        return new OptimalHyperparameters(
                new Source("DeepSeek LLM, Bi et al. 2024, eq. 1", catalogue("deepseek-lr"), DEEPSEEK_LEARNING_RATE),
                new Source("DeepSeek LLM, Bi et al. 2024, eq. 1", catalogue("deepseek-batch"), DEEPSEEK_BATCH_SIZE),
                null, Published.DEEPSEEK);
    }

    /** The catalogue's step-law-lr at the published constants. */
    public static Source stepLawLearningRate() {
        return new Source("Step Law, Li et al. 2025, published constants", catalogue("step-law-lr"),
                STEP_LAW_LEARNING_RATE);
    }

    /** The catalogue's step-law-batch at the published constants. */
    public static Source stepLawBatchSize() {
        return new Source("Step Law, Li et al. 2025, published constants", catalogue("step-law-batch"),
                STEP_LAW_BATCH_SIZE);
    }

    /**
     * A planner from two laws (a fit of each, or one fit and one published law).
     *
     * @throws BadInputException when a law reads a variable other than N and D or lacks a value
     */
    public static OptimalHyperparameters of(Source learningRate, Source batchSize) {
        check(learningRate, "learning-rate");
        check(batchSize, "batch-size");
        boolean stepLaw = learningRate.law().name().equals("step-law-lr")
                && learningRate.values().equals(STEP_LAW_LEARNING_RATE)
                && batchSize.law().name().equals("step-law-batch") && batchSize.values().equals(STEP_LAW_BATCH_SIZE);
        return new OptimalHyperparameters(learningRate, batchSize, null, stepLaw ? Published.STEP_LAW : Published.NONE);
    }

    /**
     * This planner with a law of the AdamW timescale tau in N and D, so that each plan also
     * gives the weight decay lambda = B / (eta tau D).
     *
     * @throws BadInputException when the law reads a variable other than N and D or lacks a value
     */
    public OptimalHyperparameters withTimescale(Source timescaleLaw) {
        check(timescaleLaw, "timescale");
        return new OptimalHyperparameters(learningRate, batchSize, timescaleLaw, published);
    }

    /** The timescale law, or null when the plans give no weight decay. */
    public Source timescaleSource() {
        return timescale;
    }

    public Source learningRateSource() {
        return learningRate;
    }

    public Source batchSizeSource() {
        return batchSize;
    }

    /**
     * The learning rate and batch size for N non-embedding parameters and D tokens; with a
     * sequence length (NaN for none) the batch is also given in sequences.
     *
     * @throws BadInputException when N, D or the sequence length is not positive and finite, or a
     *                           law gives no positive finite value there
     */
    public HyperparameterPlan at(double parameterCount, double tokenCount, double sequenceLength) {
        return at(parameterCount, tokenCount, Double.NaN, sequenceLength);
    }

    /**
     * As {@link #at(double, double, double)}, for laws that may also read the compute budget C;
     * any of N, D and C may be NaN when no law reads it (D is then missing from the steps).
     *
     * @throws BadInputException when a given number is not positive and finite, or a law reads
     *                           one that was not given
     */
    public HyperparameterPlan at(double parameterCount, double tokenCount, double computeFlops,
                                 double sequenceLength) {
        if (!Double.isNaN(parameterCount)) {
            positive(parameterCount, "the parameter count N");
        }
        if (!Double.isNaN(tokenCount)) {
            positive(tokenCount, "the token count D");
        }
        if (!Double.isNaN(computeFlops)) {
            positive(computeFlops, "the compute budget C");
        }
        if (!Double.isNaN(sequenceLength)) {
            positive(sequenceLength, "the sequence length");
        }
        double eta = learningRate.at(parameterCount, tokenCount, computeFlops, "learning-rate");
        double batch = batchSize.at(parameterCount, tokenCount, computeFlops, "batch-size");
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new BadInputException("the learning-rate law gives " + eta + " at N = " + parameterCount + ", D = "
                    + tokenCount + ": no learning rate");
        }
        if (!(batch > 0) || !Double.isFinite(batch)) {
            throw new BadInputException("the batch-size law gives " + batch + " at N = " + parameterCount + ", D = "
                    + tokenCount + ": no batch size");
        }
        List<String> warnings = new ArrayList<>();
        if (published == Published.DEEPSEEK && (computeFlops < DEEPSEEK_SMALLEST_C
                || computeFlops > DEEPSEEK_LARGEST_C)) {
            warnings.add(String.format(Locale.ROOT, "C = %.3g FLOPs lies outside the budgets DeepSeek fitted eq. 1 on"
                    + " (%.0e to %.0e; validated at 1e20): the published constants are extrapolated here (the paper"
                    + " chose its 7B and 67B hyperparameters, near 1e23 and 1e24, from them)", computeFlops, DEEPSEEK_SMALLEST_C,
                    DEEPSEEK_LARGEST_C));
        }
        if (published == Published.STEP_LAW && (parameterCount < STEP_LAW_SMALLEST_N || parameterCount > STEP_LAW_LARGEST_N
                || tokenCount < STEP_LAW_SMALLEST_D || tokenCount > STEP_LAW_LARGEST_D)) {
            warnings.add(String.format(Locale.ROOT, "N = %.3g, D = %.3g lies outside the dense grid the Step Law"
                            + " authors publish loss landscapes for (N %.2g to %.2g, D %.2g to %.2g): the published"
                            + " constants are extrapolated here", parameterCount, tokenCount, STEP_LAW_SMALLEST_N,
                    STEP_LAW_LARGEST_N, STEP_LAW_SMALLEST_D, STEP_LAW_LARGEST_D));
        }
        if (eta < SMALLEST_SANE_LEARNING_RATE || eta > LARGEST_SANE_LEARNING_RATE) {
            warnings.add(String.format(Locale.ROOT, "a learning rate of %.3g is outside %.0e to %.1g, where AdamW"
                    + " pre-training runs live: check the law and its units", eta, SMALLEST_SANE_LEARNING_RATE,
                    LARGEST_SANE_LEARNING_RATE));
        }
        double sequences = Double.isNaN(sequenceLength) ? Double.NaN : batch / sequenceLength;
        if (!Double.isNaN(sequences) && sequences < 1) {
            warnings.add(String.format(Locale.ROOT, "the batch of %.3g tokens is less than one sequence of %.0f"
                    + " tokens", batch, sequenceLength));
        }
        double steps = tokenCount / batch;
        if (steps < 100) { // NaN (no D given) compares false
            warnings.add(String.format(Locale.ROOT, "D / B = %.3g optimizer steps: too few for a learning-rate"
                    + " schedule to mean much", steps));
        }
        double tau = Double.NaN;
        double lambda = Double.NaN;
        if (timescale != null) {
            tau = timescale.at(parameterCount, tokenCount, computeFlops, "timescale");
            if (!(tau > 0) || !Double.isFinite(tau)) {
                throw new BadInputException("the timescale law gives " + tau + " at N = " + parameterCount + ", D = "
                        + tokenCount + ": no weight decay");
            }
            // tau = B / (eta lambda D), B and D both in tokens, solved for lambda
            lambda = batch / (eta * tau * tokenCount);
            if (lambda > 10) {
                warnings.add(String.format(Locale.ROOT, "a weight decay of %.3g is far above the 0 to 1 AdamW"
                        + " runs use: check the timescale law and its units (B and D both in tokens)", lambda));
            }
        }
        return new HyperparameterPlan(parameterCount, tokenCount, computeFlops, eta, batch, sequenceLength, sequences,
                steps, tau, lambda, warnings);
    }

    private static void check(Source s, String what) {
        Objects.requireNonNull(s, what);
        if (!VARIABLES.containsAll(s.law().variables())) {
            throw new BadInputException("the " + what + " law " + s.law().name() + " reads "
                    + String.join(", ", s.law().variables()) + "; it must read only N (non-embedding parameters), D"
                    + " (tokens) and C (compute FLOPs), as step-law-lr, step-law-batch and deepseek-lr do");
        }
        for (var p : s.law().parameters()) {
            if (!s.values().containsKey(p.name())) {
                throw new BadInputException("the " + what + " law " + s.law().name() + ": no value for parameter "
                        + p.name());
            }
        }
    }

    private static Law catalogue(String name) {
        return Catalogue.builtIn().find(name).orElseThrow(() -> new IllegalStateException("no built-in law " + name));
    }

    /** Refuses a number that is not positive and finite, naming it as {@code what}. */
    static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(what + " must be a positive finite number, not " + v);
        }
    }

    /** Published constants in the law's order (name, value, name, value, ...). */
    static Map<String, Double> orderedMap(Object... keysAndValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
