package dev.slaw.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Does the ranking of recipes that small-scale fits predict hold at the target scale? The share of
 * pairwise decisions (which of two recipes is better) that the fits' predictions at the target
 * get right against what was observed there, for the point estimates and for every bootstrap
 * replicate, whose spread gives the interval (DataDecide's question).
 *
 * @param recipes    the recipes, in the order given
 * @param predicted  each recipe's predicted value at the target
 * @param observed   each recipe's observed value at the target
 * @param pairs      the pairs compared (pairs observed as tied are left out)
 * @param correct    the share of pairs the point estimates order as observed
 * @param lower      the share's interval over replicates (NaN without replicates)
 * @param upper      its upper end
 */
public record Ranking(List<String> recipes, double[] predicted, double[] observed, int pairs, double correct,
                      double lower, double upper) {

    public Ranking {
        recipes = List.copyOf(recipes);
        predicted = predicted.clone();
        observed = observed.clone();
    }

    /**
     * Scores the predicted ranking.
     *
     * @param recipes       names
     * @param predicted     per recipe, its point prediction at the target
     * @param replicates    per recipe, its replicates' predictions at the target (all the same length, or empty)
     * @param observed      per recipe, the observed value at the target
     * @param level         interval coverage
     */
    public static Ranking of(List<String> recipes, double[] predicted, double[][] replicates, double[] observed,
                             double level) {
        int k = recipes.size();
        if (k < 2 || predicted.length != k || observed.length != k) {
            throw new IllegalArgumentException("a ranking needs two recipes or more, each predicted and observed");
        }
        int pairs = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                pairs += observed[i] != observed[j] ? 1 : 0;
            }
        }
        double point = share(predicted, observed);
        int n = replicates.length == 0 ? 0 : replicates[0].length;
        for (double[] r : replicates) {
            n = Math.min(n, r.length);
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n > 0 && replicates.length == k) {
            double[] shares = new double[n];
            double[] p = new double[k];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < k; i++) {
                    p[i] = replicates[i][r];
                }
                shares[r] = share(p, observed);
            }
            lo = Curves.quantile(shares, (1 - level) / 2);
            hi = Curves.quantile(shares, (1 + level) / 2);
        }
        return new Ranking(recipes, predicted, observed, pairs, point, lo, hi);
    }

    /** The share of pairs (untied in {@code observed}) that {@code predicted} orders the same way. */
    static double share(double[] predicted, double[] observed) {
        int pairs = 0;
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = i + 1; j < predicted.length; j++) {
                // the direction cancels: a pair is right when prediction and observation order it alike
                double o = observed[i] - observed[j];
                if (o == 0) {
                    continue;
                }
                pairs++;
                right += Math.signum(predicted[i] - predicted[j]) == Math.signum(o) ? 1 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : (double) right / pairs;
    }

    /** Recipes in predicted order, best first. */
    public List<String> predictedOrder(boolean lowerIsBetter) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < recipes.size(); i++) {
            idx.add(i);
        }
        idx.sort((x, y) -> lowerIsBetter ? Double.compare(predicted[x], predicted[y])
                : Double.compare(predicted[y], predicted[x]));
        return idx.stream().map(recipes::get).toList();
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranking r && recipes.equals(r.recipes) && java.util.Arrays.equals(predicted, r.predicted)
                && java.util.Arrays.equals(observed, r.observed) && correct == r.correct;
    }

    @Override
    public int hashCode() {
        return recipes.hashCode();
    }
}
