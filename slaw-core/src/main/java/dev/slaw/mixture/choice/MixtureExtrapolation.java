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
 * @param observed         the measured target beside the prediction, or null when not known
 */
public record MixtureExtrapolation(List<String> sources, int nearestRow, double distance, double[] trainingLowest,
                                   double[] trainingHighest, double[] mixture, Observed observed) {
    /**
     * The target as measured on the training mixtures, beside its prediction at the optimum.
     *
     * @param predicted     the prediction at the optimum
     * @param best          the lowest measured target among the allowed training mixtures
     * @param bestRow       its 1-based row
     * @param nearBias      the mean residual (measured minus predicted) of the training mixtures nearest the optimum
     * @param standardError the standard error of that mean (residuals' root mean square over sqrt(nearCount))
     * @param nearCount     how many nearest mixtures
     */
    public record Observed(double predicted, double best, int bestRow, double nearBias, double standardError,
                           int nearCount) {
        public boolean biased() {
            return Math.abs(nearBias) > 2 * standardError;
        }
    }

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
        return new MixtureExtrapolation(sources, nearest + 1, best, lowest, highest, mixture, null);
    }

    /** Training mixtures nearest the optimum whose residuals test the law's bias there. */
    public static final int NEAREST = 10;

    /**
     * The same, with the target measured on the training mixtures (the fit's target column) and
     * predicted there: the best allowed training mixture, and the mean residual (measured minus
     * predicted) of the {@value #NEAREST} training mixtures nearest the optimum. A mean residual
     * beyond twice its standard error (the residuals' root mean square over sqrt(10)) means the
     * law is biased where it chose, so its optimum is not to be trusted.
     *
     * @param measured the target per training row
     * @param fitted   the law's prediction per training row
     * @param allowed  whether each training row is an allowed mixture (bounds, availability)
     * @param training the training mixtures, one row each
     */
    public MixtureExtrapolation withObserved(double[] measured, double[] fitted, boolean[] allowed, double[][] training,
                                             double predicted) {
        double squares = 0;
        int n = 0;
        for (int r = 0; r < measured.length; r++) {
            if (Double.isFinite(measured[r]) && Double.isFinite(fitted[r])) {
                squares += (measured[r] - fitted[r]) * (measured[r] - fitted[r]);
                n++;
            }
        }
        int bestRow = -1;
        for (int r = 0; r < measured.length; r++) {
            if (allowed[r] && Double.isFinite(measured[r]) && (bestRow < 0 || measured[r] < measured[bestRow])) {
                bestRow = r;
            }
        }
        Integer[] order = new Integer[training.length];
        double[] distances = new double[training.length];
        for (int r = 0; r < training.length; r++) {
            order[r] = r;
            for (int i = 0; i < mixture.length; i++) {
                distances[r] += Math.abs(training[r][i] - mixture[i]) / 2;
            }
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(distances[x], distances[y]));
        int k = Math.min(NEAREST, training.length);
        double bias = 0;
        for (int j = 0; j < k; j++) {
            bias += (measured[order[j]] - fitted[order[j]]) / k;
        }
        double standardError = n == 0 || k == 0 ? Double.NaN : Math.sqrt(squares / n) / Math.sqrt(k);
        return new MixtureExtrapolation(sources, nearestRow, distance, trainingLowest, trainingHighest, mixture,
                bestRow < 0 ? null : new Observed(predicted, measured[bestRow], bestRow + 1, bias, standardError, k));
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
        if (observed != null && observed.biased()) {
            w.add("the law is biased near the optimum: the " + observed.nearCount() + " nearest training mixtures measured "
                    + String.format(java.util.Locale.ROOT, "%.3g", Math.abs(observed.nearBias())) + (observed.nearBias() < 0 ? " less" : " more")
                    + " than it predicts on average (more than twice the standard error "
                    + String.format(java.util.Locale.ROOT, "%.3g", observed.standardError()) + "), so its optimum is not to be trusted; the best"
                    + " training mixture (row " + observed.bestRow() + ") measured " + MixtureSpace.number(observed.best())
                    + " against " + MixtureSpace.number(observed.predicted()) + " predicted at the optimum");
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
