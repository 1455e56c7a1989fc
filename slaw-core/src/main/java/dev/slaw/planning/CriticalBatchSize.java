package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kaplan et al. 2020's critical batch size B_crit(L) = B* / L^(1/alpha_B) (eq. 1.4, 5.3), the
 * batch in tokens at which reaching the loss L costs twice the fewest steps and twice the fewest
 * tokens; for a run at batch B over E tokens (S = E / B steps), the fewest steps S_min = S / (1 +
 * B_crit/B) (eq. 5.4, at B >> B_crit) and the fewest tokens E_min = E / (1 + B/B_crit) (from eq.
 * 5.1-5.2; compute likewise, eq. 5.5, at B << B_crit).
 */
public final class CriticalBatchSize {
    /** The published constants of eq. 1.4: B* ~ 2e8 tokens, alpha_B ~ 0.21 (WebText2, 1024-token contexts). */
    public static final Map<String, Double> KAPLAN = Map.of("Bstar", 2e8, "alphaB", 0.21);

    private final OptimalHyperparameters.Source law;

    private CriticalBatchSize(OptimalHyperparameters.Source law) {
        this.law = law;
    }

    /** The catalogue's kaplan-bcrit at Kaplan et al.'s constants. */
    public static CriticalBatchSize kaplan() {
        Law l = Catalogue.builtIn().find("kaplan-bcrit").orElseThrow(() -> new IllegalStateException("kaplan-bcrit"));
        return new CriticalBatchSize(new OptimalHyperparameters.Source("Kaplan et al. 2020, eq. 1.4", l,
                new java.util.LinkedHashMap<>(Map.of("Bstar", 2e8, "alphaB", 0.21))));
    }

    /**
     * A law of the loss L (a fit of kaplan-bcrit, say).
     *
     * @throws BadInputException when the law reads anything but L or lacks a value
     */
    public static CriticalBatchSize of(OptimalHyperparameters.Source law) {
        if (!law.law().variables().equals(List.of("L"))) {
            throw new BadInputException("the critical-batch law " + law.law().name() + " reads "
                    + String.join(", ", law.law().variables()) + "; it must read the loss L alone, as kaplan-bcrit does");
        }
        for (var p : law.law().parameters()) {
            if (!law.values().containsKey(p.name())) {
                throw new BadInputException("the critical-batch law " + law.law().name() + ": no value for " + p.name());
            }
        }
        return new CriticalBatchSize(law);
    }

    public OptimalHyperparameters.Source source() {
        return law;
    }

    /**
     * B_crit at the loss L; with a batch B and tokens E (NaN for none) also S, S_min and E_min.
     *
     * @throws BadInputException when a given number is not positive and finite
     */
    public CriticalBatchPlan at(double loss, double batchTokens, double tokens, double sequenceLength) {
        OptimalHyperparameters.positive(loss, "the loss L");
        if (Double.isNaN(batchTokens) != Double.isNaN(tokens)) {
            throw new BadInputException("S_min and E_min need both the batch size B and the tokens D processed");
        }
        double critical = law.at(Map.of("L", loss));
        if (!(critical > 0) || !Double.isFinite(critical)) {
            throw new BadInputException("the critical-batch law gives " + critical + " at L = " + loss);
        }
        List<String> warnings = new ArrayList<>();
        double steps = Double.NaN;
        double fewestSteps = Double.NaN;
        double fewestTokens = Double.NaN;
        if (!Double.isNaN(batchTokens)) {
            OptimalHyperparameters.positive(batchTokens, "the batch size B");
            OptimalHyperparameters.positive(tokens, "the token count D");
            steps = tokens / batchTokens;
            fewestSteps = steps / (1 + critical / batchTokens);
            fewestTokens = tokens / (1 + batchTokens / critical);
        }
        if (!Double.isNaN(sequenceLength)) {
            OptimalHyperparameters.positive(sequenceLength, "the sequence length");
        }
        return new CriticalBatchPlan(loss, critical, sequenceLength,
                Double.isNaN(sequenceLength) ? Double.NaN : critical / sequenceLength, batchTokens, tokens, steps,
                fewestSteps, fewestTokens, warnings);
    }
}
