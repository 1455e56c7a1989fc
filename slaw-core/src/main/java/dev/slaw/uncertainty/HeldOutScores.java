package dev.slaw.uncertainty;

/**
 * The scores a researcher reports for predictions of held-out rows, pooled over all of them, on
 * the target's own scale (loss, not log loss). With f the prediction, y the observation and
 * y-bar the mean observation:
 * <ul>
 *   <li>NMSE = mean (f - y)^2 / mean (y - y-bar)^2, the squared error relative to predicting
 *       every row by the held-out mean;</li>
 *   <li>R-squared = 1 - NMSE, the same comparison as a share explained;</li>
 *   <li>NMAE = mean |f - y| / mean |y - y-bar|, the absolute error relative to the same
 *       baseline;</li>
 *   <li>relative error |f - y| / |y|, its mean and largest.</li>
 * </ul>
 * With one held-out row, or rows that all share one value, there is no spread to normalise by
 * and R-squared, NMSE and NMAE are NaN.
 *
 * @param rows              rows scored
 * @param rSquared          1 - NMSE
 * @param nmse              mean squared error over the variance of the observations
 * @param nmae              mean absolute error over the mean absolute deviation of the observations
 * @param meanRelativeError mean of |f - y| / |y|
 * @param maxRelativeError  largest |f - y| / |y|
 */
public record HeldOutScores(int rows, double rSquared, double nmse, double nmae, double meanRelativeError,
                            double maxRelativeError) {

    /**
     * Scores predictions against observations.
     *
     * @throws IllegalArgumentException when the arrays differ in length or are empty
     */
    public static HeldOutScores of(double[] observed, double[] predicted) {
        int n = observed.length;
        if (n == 0 || predicted.length != n) {
            throw new IllegalArgumentException(n + " observations and " + predicted.length + " predictions");
        }
        double mean = 0;
        for (double y : observed) {
            mean += y / n;
        }
        double se = 0;
        double ae = 0;
        double var = 0;
        double dev = 0;
        double rel = 0;
        double maxRel = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - observed[i];
            se += e * e;
            ae += Math.abs(e);
            var += (observed[i] - mean) * (observed[i] - mean);
            dev += Math.abs(observed[i] - mean);
            double r = Math.abs(e) / Math.abs(observed[i]);
            rel += r;
            maxRel = Math.max(maxRel, r);
        }
        double nmse = var > 0 ? se / var : Double.NaN;
        double nmae = dev > 0 ? ae / dev : Double.NaN;
        return new HeldOutScores(n, 1 - nmse, nmse, nmae, rel / n, maxRel);
    }
}
