package dev.slaw.observational;

import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Principal components of a scores matrix (models by benchmarks), centred but not standardised,
 * as the authors extract capabilities: the top k right singular vectors of the centred matrix.
 * Each component's sign is chosen so its loadings sum to a positive number, so a higher
 * component means higher scores (the SVD leaves the sign free).
 *
 * @param mean      the fitted models' mean score per benchmark
 * @param loadings  loadings[component][benchmark], unit vectors
 * @param explained each component's share of the total variance
 */
public record Components(double[] mean, double[][] loadings, double[] explained) {

    /** The top {@code k} components of {@code x}'s rows. */
    public static Components fit(double[][] x, int k) {
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= x.length;
        }
        SingularValueDecomposition svd = LowRankImputer.svd(centred(x, mean));
        RealMatrix v = svd.getV();
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double value : s) {
            total += value * value;
        }
        double[][] loadings = new double[k][p];
        double[] explained = new double[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int j = 0; j < p; j++) {
                loadings[c][j] = c < v.getColumnDimension() ? v.getEntry(j, c) : 0;
                sum += loadings[c][j];
            }
            if (sum < 0) {
                for (int j = 0; j < p; j++) {
                    loadings[c][j] = -loadings[c][j];
                }
            }
            explained[c] = c < s.length && total > 0 ? s[c] * s[c] / total : 0;
        }
        return new Components(mean, loadings, explained);
    }

    /** Each row's component scores: (x - mean) . loadings. */
    public double[][] scores(double[][] x) {
        double[][] out = new double[x.length][loadings.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < loadings.length; c++) {
                double sum = 0;
                for (int j = 0; j < mean.length; j++) {
                    sum += (x[i][j] - mean[j]) * loadings[c][j];
                }
                out[i][c] = sum;
            }
        }
        return out;
    }

    public int count() {
        return loadings.length;
    }

    static double[][] centred(double[][] x, double[] mean) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = x[i][j] - mean[j];
            }
        }
        return out;
    }
}
