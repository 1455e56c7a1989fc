package dev.slaw.mixture.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * A chosen mixture with what a reader needs to trust it: what was minimised, the optimum, its
 * bootstrap intervals, how far it lies from the training mixtures, the rules used, and warnings.
 *
 * @param target        what was minimised, in words (e.g. {@code fit.json (pile_cc_loss)})
 * @param constraint    the cap, in words, or null
 * @param optimum       the best mixture found
 * @param intervals     percentile intervals from bootstrap replicates, or null
 * @param extrapolation distance to the training mixtures, or null when they were not available
 * @param search        the search, described
 * @param rules         the rules that shaped the space (availability caps), in words
 * @param warnings      what may make the optimum wrong
 */
public record MixtureChoice(String target, String constraint, MixtureOptimum optimum, MixtureIntervals intervals,
                            MixtureExtrapolation extrapolation, String search, List<String> rules,
                            List<String> warnings) {
    public MixtureChoice {
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    /** The warnings the optimum itself raises: a search whose starts disagree, a corner without training data to judge it. */
    public static List<String> warningsOf(MixtureOptimum optimum, MixtureExtrapolation extrapolation) {
        List<String> w = new ArrayList<>();
        if (optimum.reachedBest() * 2 < optimum.starts()) {
            w.add("only " + optimum.reachedBest() + " of " + optimum.starts()
                    + " starts reached the best mixture: the target has several local minima");
        }
        if (isVertex(optimum)) {
            w.add("the optimum is a vertex of the allowed mixtures (every source but one at a bound): it follows from"
                    + " the bounds and the law's form as much as from the data (the data mixing law, monotone in one"
                    + " linear sum of the proportions, always chooses a vertex); bound the sources (--bounds) to see"
                    + " the trade-offs");
        }
        if (extrapolation != null) {
            w.addAll(extrapolation.warnings());
        } else {
            double largest = 0;
            for (double p : optimum.proportions()) {
                largest = Math.max(largest, p);
            }
            if (largest > 0.95 || optimum.atBounds().size() > optimum.space().size() / 2) {
                w.add("the optimum is at a corner of the allowed mixtures, where a law fitted on mixed runs extrapolates:"
                        + " give the training table with --data to see how far it lies from the training mixtures");
            }
        }
        return w;
    }

    private static boolean isVertex(MixtureOptimum optimum) {
        return optimum.space().size() - optimum.atBounds().size() <= 1;
    }
}
