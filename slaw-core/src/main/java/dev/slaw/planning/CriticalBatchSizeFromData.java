package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.VariableRange;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The critical batch size as a law of the training tokens D alone: Zhang et al. 2024 ("How Does
 * Critical Batch Size Scale in Pre-training?") find that it grows with the data, not with the
 * model. Their critical batch is where reaching a target loss takes 20 % more steps than linear
 * scaling from a small batch predicts; the catalogue's zhang-cbs writes it B = k D^b in tokens.
 */
public final class CriticalBatchSizeFromData {
    /**
     * k and b in tokens: a log-space refit, against the tokens of each run, of the five critical
     * batch sizes the authors' notebook printed (plots/chinchilla.ipynb; REFERENCE.md s.20).
     */
    public static final Map<String, Double> ZHANG = OptimalHyperparameters.orderedMap("k", 18.05, "b", 0.4682);

    /**
     * The runs those five numbers come from: models of 85M to 1.2B parameters at their
     * Chinchilla token counts, 13,282 to 187,500 steps of 256 sequences of 512 tokens.
     */
    public static final Map<String, VariableRange> ZHANG_RANGES = Map.of("D",
            new VariableRange(13_282d * 256 * 512, 187_500d * 256 * 512));

    private final OptimalHyperparameters.Source law;
    /** The D the law's values were fitted over: the authors' runs, or the user's fit's rows; empty for none. */
    private final Map<String, VariableRange> ranges;
    private final boolean published;

    private CriticalBatchSizeFromData(OptimalHyperparameters.Source law, Map<String, VariableRange> ranges,
                                      boolean published) {
        this.law = law;
        this.ranges = Map.copyOf(ranges);
        this.published = published;
    }

    /** The catalogue's zhang-cbs at the constants from Zhang et al.'s notebook. */
    public static CriticalBatchSizeFromData zhang() {
        Law l = Catalogue.builtIn().find("zhang-cbs").orElseThrow(() -> new IllegalStateException("zhang-cbs"));
        return new CriticalBatchSizeFromData(new OptimalHyperparameters.Source(
                "Zhang et al. 2024, the authors' notebook refitted in D", l, ZHANG), ZHANG_RANGES, true);
    }

    /**
     * A law of the tokens D (a fit of zhang-cbs, say) with the range of D it was fitted over
     * (empty when unknown).
     *
     * @throws BadInputException when the law reads anything but D or lacks a value
     */
    public static CriticalBatchSizeFromData of(OptimalHyperparameters.Source law, Map<String, VariableRange> ranges) {
        if (!law.law().variables().equals(List.of("D"))) {
            throw new BadInputException("the critical-batch law " + law.law().name() + " reads "
                    + String.join(", ", law.law().variables()) + "; with --hyperparameters zhang it must read the"
                    + " training tokens D alone, as zhang-cbs does");
        }
        for (var p : law.law().parameters()) {
            if (!law.values().containsKey(p.name())) {
                throw new BadInputException("the critical-batch law " + law.law().name() + ": no value for " + p.name());
            }
        }
        return new CriticalBatchSizeFromData(law, ranges, false);
    }

    public OptimalHyperparameters.Source source() {
        return law;
    }

    /**
     * B_crit for D training tokens; with a batch B in tokens (NaN for none) also its steps and
     * B / B_crit; with a sequence length (NaN for none) B_crit in sequences.
     *
     * @throws BadInputException when a given number is not positive and finite, or the law gives
     *                           no positive finite batch
     */
    public CriticalBatchFromDataPlan at(double tokens, double batchTokens, double sequenceLength) {
        OptimalHyperparameters.positive(tokens, "the token count D");
        double critical = law.at(Map.of("D", tokens));
        if (!(critical > 0) || !Double.isFinite(critical)) {
            throw new BadInputException("the critical-batch law gives " + critical + " at D = " + tokens);
        }
        List<String> warnings = new ArrayList<>();
        for (String line : VariableRange.beyond(ranges, Map.of("D", new double[]{tokens}))) {
            // a law at published values has no rows of its own: the reach is measured against the authors' runs
            warnings.add(published ? line + " (the runs Zhang et al. measured: 85M to 1.2B parameters on C4 at"
                    + " their Chinchilla token counts; the constants are extrapolated here)" : line);
        }
        double sequences = Double.NaN;
        if (!Double.isNaN(sequenceLength)) {
            OptimalHyperparameters.positive(sequenceLength, "the sequence length");
            sequences = critical / sequenceLength;
            if (sequences < 1) {
                warnings.add(String.format(Locale.ROOT, "the critical batch of %.3g tokens is less than one sequence"
                        + " of %.0f tokens", critical, sequenceLength));
            }
        }
        double criticalSteps = tokens / critical;
        if (criticalSteps < 100) {
            warnings.add(String.format(Locale.ROOT, "D / B_crit = %.3g steps: a run this short has no meaningful"
                    + " critical batch", criticalSteps));
        }
        double steps = Double.NaN;
        double ratio = Double.NaN;
        if (!Double.isNaN(batchTokens)) {
            OptimalHyperparameters.positive(batchTokens, "the batch size B");
            steps = tokens / batchTokens;
            ratio = batchTokens / critical;
        }
        return new CriticalBatchFromDataPlan(tokens, critical, sequenceLength, sequences, criticalSteps, batchTokens,
                steps, ratio, warnings);
    }
}
