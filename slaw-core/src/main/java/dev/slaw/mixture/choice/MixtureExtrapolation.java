package dev.slaw.mixture.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far a mixture lies from the mixtures a law was fitted on: the nearest training mixture in
 * total variation distance (half the L1 distance: the share of tokens that would have to move
 * from one source to another), and each source's training range, since a law fitted on
 * mixtures with at most 40 % of a source says little about 100 %.
 *
 * @param nearestRow       the 1-based row of the nearest training mixture
 * @param distance         its total variation distance to the mixture, in [0, 1]
 * @param trainingLowest   per source, the smallest proportion in the training mixtures
 * @param trainingHighest  per source, the largest
 * @param mixture          the mixture judged
 */
public record MixtureExtrapolation(List<String> sources, int nearestRow, double distance, double[] trainingLowest,
                                   double[] trainingHighest, double[] mixture) {
    /** A distance above this is far enough from every training mixture to warn. */
    public static final double FAR = 0.05;

    public MixtureExtrapolation {
        sources = List.copyOf(sources);
        trainingLowest = trainingLowest.clone();
        trainingHighest = trainingHighest.clone();
        mixture = mixture.clone();
    }

    /** @param training one row per training mixture, one proportion per source */
    public static MixtureExtrapolation of(List<String> sources, double[][] training, double[] mixture) {
        int n = sources.size();
        double[] lowest = new double[n];
        double[] highest = new double[n];
        Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        Arrays.fill(highest, Double.NEGATIVE_INFINITY);
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int row = 0; row < training.length; row++) {
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += Math.abs(training[row][i] - mixture[i]);
                lowest[i] = Math.min(lowest[i], training[row][i]);
                highest[i] = Math.max(highest[i], training[row][i]);
            }
            if (d / 2 < best) {
                best = d / 2;
                nearest = row;
            }
        }
        return new MixtureExtrapolation(sources, nearest + 1, best, lowest, highest, mixture);
    }

    /** The sources whose proportion in the mixture lies outside its training range (by more than 0.005). */
    public List<String> outsideRange() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            if (mixture[i] > trainingHighest[i] + 0.005 || mixture[i] < trainingLowest[i] - 0.005) {
                out.add(sources.get(i));
            }
        }
        return out;
    }

    /** The warnings a reader of the optimum needs: far from every training mixture, outside a source's range. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        List<String> outside = outsideRange();
        if (distance > FAR || !outside.isEmpty()) {
            StringBuilder b = new StringBuilder("the optimum extrapolates: the nearest training mixture (row " + nearestRow
                    + ") is " + MixtureSpace.number(round(distance)) + " away in total variation");
            for (String s : outside) {
                int i = sources.indexOf(s);
                b.append("; ").append(s).append(' ').append(MixtureSpace.number(round(mixture[i])))
                        .append(" lies outside its training range [").append(MixtureSpace.number(trainingLowest[i]))
                        .append(", ").append(MixtureSpace.number(trainingHighest[i])).append(']');
            }
            w.add(b.toString());
        }
        return w;
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    @Override
    public double[] trainingLowest() {
        return trainingLowest.clone();
    }

    @Override
    public double[] trainingHighest() {
        return trainingHighest.clone();
    }

    @Override
    public double[] mixture() {
        return mixture.clone();
    }
}
