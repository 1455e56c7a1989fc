package dev.slaw.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Two recipes compared by their laws along one scale axis, each figure with a bootstrap interval:
 * the gap at given scales, the crossover (the scale where one recipe overtakes the other) or its
 * absence from a range with the probability that one exists there, and the effective compute
 * multiplier (how much more of the scale the second recipe needs to match the first).
 *
 * <p>Replicate {@code r} of the first law is paired with replicate {@code r} of the second: the two
 * bootstraps resample different runs, so any pairing is a draw from the joint distribution.
 *
 * @param first         the first recipe (A)
 * @param second        the second recipe (B)
 * @param lo            the low end of the range searched for a crossover
 * @param hi            the high end
 * @param level         the intervals' nominal coverage
 * @param lowerIsBetter whether a lower value of the metric is better (a loss)
 * @param replicates    replicate pairs behind the intervals (0: no intervals)
 * @param gaps          the gap at each scale asked for
 * @param crossover     where the laws cross in [lo, hi]
 * @param multipliers   the compute multiplier at each scale asked for
 */
public record RecipeComparison(String first, String second, double lo, double hi, double level,
                               boolean lowerIsBetter, int replicates, List<Gap> gaps, Crossover crossover,
                               List<Multiplier> multipliers) {

    public RecipeComparison {
        gaps = List.copyOf(gaps);
        multipliers = List.copyOf(multipliers);
    }

    /**
     * The gap at one scale: second minus first, so with a loss a positive gap means the first
     * recipe is better.
     *
     * @param scale              where
     * @param firstValue         the first law there
     * @param secondValue        the second law there
     * @param gap                second minus first
     * @param lower              the gap's interval, NaN without replicates
     * @param upper              its upper end
     * @param secondBetterShare  the share of replicates where the second recipe is better
     */
    public record Gap(double scale, double firstValue, double secondValue, double gap, double lower, double upper,
                      double secondBetterShare) {
        /** Whether the interval leaves out zero, so the sign of the gap is settled at this level. */
        public boolean decided() {
            return lower > 0 || upper < 0;
        }
    }

    /**
     * Where the laws cross in the range.
     *
     * @param points       the point estimates' crossings, increasing (empty: none in the range)
     * @param lower        the interval of the first crossing over the replicates that cross (NaN when none does)
     * @param upper        its upper end
     * @param probability  the share of replicates whose laws cross in the range (NaN without replicates)
     * @param overtaker    the recipe better above the first crossing (null without one)
     */
    public record Crossover(List<Double> points, double lower, double upper, double probability, String overtaker) {
        public Crossover {
            points = List.copyOf(points);
        }

        /** The first crossing of the point estimates, NaN when there is none. */
        public double first() {
            return points.isEmpty() ? Double.NaN : points.get(0);
        }
    }

    /**
     * The effective compute multiplier at one scale: the scale the second recipe needs to reach
     * the first recipe's value there, divided by that scale. Above 1 the second needs more (the first
     * is ahead); +infinity when the second never reaches it on the sampled axis, 0 when it is
     * ahead even at the axis's start.
     */
    public record Multiplier(double scale, double value, double lower, double upper) {
    }

    /**
     * Compares two sampled laws.
     *
     * @param a             the first recipe's law (A)
     * @param b             the second's, sampled at the same scales
     * @param lo            low end of the crossover range, within the sampled scales
     * @param hi            high end
     * @param at            scales for the gap and the multiplier, within the sampled scales
     * @param level         interval coverage, e.g. 0.95
     * @param lowerIsBetter whether lower values are better
     */
    public static RecipeComparison of(LawSamples a, LawSamples b, double lo, double hi, double[] at, double level,
                                      boolean lowerIsBetter) {
        double[] x = a.scaleRef();
        if (!java.util.Arrays.equals(x, b.scaleRef())) {
            throw new IllegalArgumentException("the two laws are sampled at different scales");
        }
        if (!(lo > 0 && hi > lo && lo >= x[0] && hi <= x[x.length - 1])) {
            throw new IllegalArgumentException("range [" + lo + ", " + hi + "] must lie inside the sampled scales");
        }
        int n = Math.min(a.replicateCount(), b.replicateCount());
        double qLo = (1 - level) / 2;
        double qHi = (1 + level) / 2;
        List<Gap> gaps = new ArrayList<>();
        List<Multiplier> multipliers = new ArrayList<>();
        for (double s : at) {
            double fa = Curves.at(x, a.pointRef(), s);
            double fb = Curves.at(x, b.pointRef(), s);
            double m = multiplier(x, a.pointRef(), b.pointRef(), s, lowerIsBetter);
            double gl = Double.NaN;
            double gu = Double.NaN;
            double share = Double.NaN;
            double ml = Double.NaN;
            double mu = Double.NaN;
            if (n > 0) {
                double[] g = new double[n];
                double[] mr = new double[n];
                int better = 0;
                for (int r = 0; r < n; r++) {
                    g[r] = Curves.at(x, b.replicateRef(r), s) - Curves.at(x, a.replicateRef(r), s);
                    better += (lowerIsBetter ? g[r] < 0 : g[r] > 0) ? 1 : 0;
                    mr[r] = multiplier(x, a.replicateRef(r), b.replicateRef(r), s, lowerIsBetter);
                }
                gl = Curves.quantile(g, qLo);
                gu = Curves.quantile(g, qHi);
                share = (double) better / n;
                double[] finite = java.util.Arrays.stream(mr).filter(v -> !Double.isNaN(v)).toArray();
                if (finite.length > 0) {
                    ml = Curves.quantile(finite, qLo);
                    mu = Curves.quantile(finite, qHi);
                }
            }
            gaps.add(new Gap(s, fa, fb, fb - fa, gl, gu, share));
            multipliers.add(new Multiplier(s, m, ml, mu));
        }
        List<Double> points = Curves.crossings(x, a.pointRef(), b.pointRef(), lo, hi);
        String overtaker = null;
        if (!points.isEmpty()) {
            double above = points.size() > 1 ? Math.sqrt(points.get(0) * points.get(1)) : hi;
            double ga = Curves.at(x, b.pointRef(), above) - Curves.at(x, a.pointRef(), above);
            boolean secondBetter = lowerIsBetter ? ga < 0 : ga > 0;
            overtaker = secondBetter ? b.recipe() : a.recipe();
        }
        double cl = Double.NaN;
        double cu = Double.NaN;
        double probability = Double.NaN;
        if (n > 0) {
            List<Double> firsts = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                List<Double> c = Curves.crossings(x, a.replicateRef(r), b.replicateRef(r), lo, hi);
                if (!c.isEmpty()) {
                    firsts.add(c.get(0));
                }
            }
            probability = (double) firsts.size() / n;
            if (!firsts.isEmpty()) {
                double[] logs = firsts.stream().mapToDouble(Math::log).toArray();
                cl = Math.exp(Curves.quantile(logs, qLo));
                cu = Math.exp(Curves.quantile(logs, qHi));
            }
        }
        return new RecipeComparison(a.recipe(), b.recipe(), lo, hi, level, lowerIsBetter, n, gaps,
                new Crossover(points, cl, cu, probability, overtaker), multipliers);
    }

    /** The scale {@code b} needs to reach {@code a}'s value at {@code s}, over {@code s}. */
    static double multiplier(double[] x, double[] a, double[] b, double s, boolean lowerIsBetter) {
        double level = Curves.at(x, a, s);
        double reached = Curves.reach(x, b, level, lowerIsBetter);
        return reached / s;
    }
}
