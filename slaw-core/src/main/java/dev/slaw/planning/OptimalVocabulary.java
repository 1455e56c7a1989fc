package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compute-optimal vocabulary of Tao et al. 2024 (approach 3): with the non-vocabulary
 * parameters N_nv and the embedding width d fixed, the vocabulary size V sets the vocabulary
 * parameters N_v = V d, and the budget C = 6 (N_nv + N_v) D sets the tokens. A larger vocabulary
 * lowers the vocabulary term but costs tokens; the plan is the V of least loss on that budget
 * line, the root of dL/dV = 0 the authors solve.
 */
public final class OptimalVocabulary {
    /** Variables the law must read: non-vocabulary parameters, vocabulary parameters, tokens. */
    public static final List<String> VARIABLES = List.of("Nnv", "Nv", "D");
    /** Vocabulary sizes searched (tokens in the vocabulary); an optimum on an end is reported as such. */
    static final double SMALLEST_VOCABULARY = 256;
    static final double LARGEST_VOCABULARY = 1e8;

    private final String lawName;
    private final Law law;
    private final Map<String, Double> parameters;

    private OptimalVocabulary(String lawName, Law law, Map<String, Double> parameters) {
        this.lawName = lawName;
        this.law = law;
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * The planner for a law in Nnv, Nv and D at given parameter values.
     *
     * @throws BadInputException when the law reads other variables or a parameter has no value
     */
    public static OptimalVocabulary of(Law law, Map<String, Double> parameters) {
        Objects.requireNonNull(law, "law");
        if (!law.variables().containsAll(VARIABLES) || law.variables().size() != VARIABLES.size()) {
            throw new BadInputException("law " + law.name() + " reads " + String.join(", ", law.variables())
                    + "; the vocabulary plan needs a law in Nnv (non-vocabulary parameters), Nv (vocabulary"
                    + " parameters) and D (tokens), such as the catalogue's 'vocabulary'");
        }
        Map<String, Double> values = LossSurface.completeValues(law, parameters);
        return new OptimalVocabulary(law.name(), law, values);
    }

    /** The law's name. */
    public String lawName() {
        return lawName;
    }

    /** The parameter values planned with. */
    public Map<String, Double> parameters() {
        return parameters;
    }

    /** The loss at a point. */
    public double loss(double nonVocabularyParameters, double vocabularyParameters, double tokens) {
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = parameters.get(law.parameters().get(i).name());
        }
        Map<String, Double> point = new HashMap<>();
        point.put("Nnv", nonVocabularyParameters);
        point.put("Nv", vocabularyParameters);
        point.put("D", tokens);
        return Predictor.at(law, p, point);
    }

    /**
     * The vocabulary of least loss at budget C for a model of N_nv non-vocabulary parameters and
     * embedding width d.
     *
     * @throws BadInputException when a number is not positive and finite, or the budget cannot
     *                           train the model on a single token
     */
    public VocabularyPlan at(double computeFlops, double nonVocabularyParameters, double embeddingWidth) {
        positive(computeFlops, "compute C");
        positive(nonVocabularyParameters, "non-vocabulary parameters");
        positive(embeddingWidth, "embedding width");
        double nnv = nonVocabularyParameters;
        double d = embeddingWidth;
        double c = computeFlops;
        OneDimension.Minimum m = OneDimension.minimize(
                x -> loss(nnv, Math.exp(x) * d, c / (6 * (nnv + Math.exp(x) * d))),
                Math.log(SMALLEST_VOCABULARY), Math.log(LARGEST_VOCABULARY));
        if (!Double.isFinite(m.x())) {
            throw new BadInputException("the law gives no finite loss at C = " + c + " for any vocabulary size");
        }
        double v = Math.exp(m.x());
        double nv = v * d;
        double tokens = c / (6 * (nnv + nv));
        List<String> warnings = new ArrayList<>();
        if (m.atBoundary()) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "the least loss lies at the end of the searched vocabulary sizes (%.0f to %.0e): the law has no"
                            + " interior optimum at this budget, so V is a bound, not an optimum", SMALLEST_VOCABULARY,
                    LARGEST_VOCABULARY));
        }
        return new VocabularyPlan(c, nnv, d, v, nv, tokens, m.value(), warnings);
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new BadInputException(what + " must be a positive number, got " + v);
        }
    }
}
