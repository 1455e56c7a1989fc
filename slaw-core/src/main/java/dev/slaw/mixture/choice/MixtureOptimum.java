package dev.slaw.mixture.choice;

import java.util.Arrays;
import java.util.List;

/**
 * The best mixture a search found.
 *
 * @param space           the mixtures searched
 * @param proportions     one per source, in the space's order; they sum to 1
 * @param value           the target there
 * @param constraintValue the capped quantity there, or NaN when there was no cap
 * @param starts          the starts searched from
 * @param reachedBest     the starts that ended within a relative 1e-7 of the best value
 * @param converged       the starts whose search met its stopping rule (not the iteration limit)
 * @param evaluations     mixtures evaluated, over all starts (a gradient costs 2 per source)
 */
public record MixtureOptimum(MixtureSpace space, double[] proportions, double value, double constraintValue,
                             int starts, int reachedBest, int converged, long evaluations) {
    public MixtureOptimum {
        proportions = proportions.clone();
    }

    @Override
    public double[] proportions() {
        return proportions.clone();
    }

    public double proportion(String source) {
        int i = space.sources().indexOf(source);
        if (i < 0) {
            throw new IllegalArgumentException("no source " + source);
        }
        return proportions[i];
    }

    /** The sources whose proportion sits at a bound of the space (within 1e-6), e.g. at 0. */
    public List<String> atBounds() {
        double[] lo = space.lower();
        double[] hi = space.upper();
        return java.util.stream.IntStream.range(0, proportions.length)
                .filter(i -> proportions[i] <= lo[i] + 1e-6 || proportions[i] >= hi[i] - 1e-6)
                .mapToObj(i -> space.sources().get(i)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureOptimum m && space.equals(m.space) && Arrays.equals(proportions, m.proportions)
                && Double.compare(value, m.value) == 0 && Double.compare(constraintValue, m.constraintValue) == 0
                && starts == m.starts && reachedBest == m.reachedBest && converged == m.converged
                && evaluations == m.evaluations;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(proportions) * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("optimum " + MixtureSpace.number(value) + " at");
        for (int i = 0; i < proportions.length; i++) {
            b.append(' ').append(space.sources().get(i)).append('=').append(MixtureSpace.number(proportions[i]));
        }
        return b.toString();
    }
}
