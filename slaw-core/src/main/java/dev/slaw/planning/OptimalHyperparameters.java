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
    /** The variables either law may read. */
    public static final List<String> VARIABLES = List.of("N", "D");

    /**
     * Step Law's published constants, as the authors' own calculator on their project page
     * computes them (step-law/step-law.github.io, static/js/tool.js): log lr = log 1.79 -
     * 0.713 ln N + 0.307 ln D, log bs = log 0.58 + 0.571 ln D, bs in tokens.
     */
    public static final Map<String, Double> STEP_LAW_LEARNING_RATE = orderedMap("k", 1.79, "a", -0.713, "b", 0.307);
    public static final Map<String, Double> STEP_LAW_BATCH_SIZE = orderedMap("k", 0.58, "b", 0.571);

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
    private final boolean published;

    /** One law at given values, and a line naming where the values came from. */
    public record Source(String label, Law law, Map<String, Double> values) {
        public Source {
            Objects.requireNonNull(law, "law");
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        double at(double n, double d) {
            double[] p = new double[law.parameters().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = values.get(law.parameters().get(i).name());
            }
            Map<String, Double> point = new LinkedHashMap<>();
            point.put("N", n);
            point.put("D", d);
            return Predictor.at(law, p, point);
        }
    }

    private OptimalHyperparameters(Source learningRate, Source batchSize, Source timescale, boolean published) {
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.timescale = timescale;
        this.published = published;
    }

    /** Step Law with the published constants (the catalogue's step-law-lr and step-law-batch). */
    public static OptimalHyperparameters stepLaw() {
        return new OptimalHyperparameters(stepLawLearningRate(), stepLawBatchSize(), null, true);
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
        boolean published = learningRate.values().equals(STEP_LAW_LEARNING_RATE)
                && batchSize.values().equals(STEP_LAW_BATCH_SIZE);
        return new OptimalHyperparameters(learningRate, batchSize, null, published);
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
        positive(parameterCount, "the parameter count N");
        positive(tokenCount, "the token count D");
        if (!Double.isNaN(sequenceLength)) {
            positive(sequenceLength, "the sequence length");
        }
        double eta = learningRate.at(parameterCount, tokenCount);
        double batch = batchSize.at(parameterCount, tokenCount);
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new BadInputException("the learning-rate law gives " + eta + " at N = " + parameterCount + ", D = "
                    + tokenCount + ": no learning rate");
        }
        if (!(batch > 0) || !Double.isFinite(batch)) {
            throw new BadInputException("the batch-size law gives " + batch + " at N = " + parameterCount + ", D = "
                    + tokenCount + ": no batch size");
        }
        List<String> warnings = new ArrayList<>();
        if (published && (parameterCount < STEP_LAW_SMALLEST_N || parameterCount > STEP_LAW_LARGEST_N
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
        if (steps < 100) {
            warnings.add(String.format(Locale.ROOT, "D / B = %.3g optimizer steps: too few for a learning-rate"
                    + " schedule to mean much", steps));
        }
        double tau = Double.NaN;
        double lambda = Double.NaN;
        if (timescale != null) {
            tau = timescale.at(parameterCount, tokenCount);
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
        return new HyperparameterPlan(parameterCount, tokenCount, eta, batch, sequenceLength, sequences, steps, tau,
                lambda, warnings);
    }

    private static void check(Source s, String what) {
        Objects.requireNonNull(s, what);
        if (!VARIABLES.containsAll(s.law().variables())) {
            throw new BadInputException("the " + what + " law " + s.law().name() + " reads "
                    + String.join(", ", s.law().variables()) + "; it must read N (non-embedding parameters) and/or D"
                    + " (tokens) only, as step-law-lr and step-law-batch do");
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

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(what + " must be a positive finite number, not " + v);
        }
    }

    private static Map<String, Double> orderedMap(Object... keysAndValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
