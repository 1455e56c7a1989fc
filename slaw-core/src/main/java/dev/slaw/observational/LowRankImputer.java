package dev.slaw.observational;

import dev.slaw.data.BadInputException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Missing scores filled by iterated low-rank reconstruction, the way Ruan et al.'s code does it:
 * standardise each benchmark by the fitted models' observed mean and standard deviation, start
 * the gaps at the column mean, then repeatedly fit a rank-r PCA and put its reconstruction into
 * the gaps, until the reconstruction agrees with the whole matrix (numpy's {@code allclose},
 * atol 1e-4, rtol 1e-5) or after 1,000 rounds. Held-out models are filled with the last PCA of
 * the fitted ones, so nothing about them reaches the fit. Results are clipped to [0, 1].
 */
public final class LowRankImputer {
    static final int MAX_ROUNDS = 1000;
    static final double ABSOLUTE_TOLERANCE = 1e-4;
    static final double RELATIVE_TOLERANCE = 1e-5;

    private LowRankImputer() {
    }

    /** The filled matrices and how many rounds the fitted models' filling took. */
    public record Filled(double[][] fitted, double[][] heldOut, int rounds, int missingFitted, int missingHeldOut) {
    }

    /**
     * @param fitted   scores of the models the law is fitted on, NaN where missing
     * @param heldOut  scores of the held-out models, NaN where missing
     * @param rank     the rank of the reconstruction (the authors: 1)
     * @param names    the benchmarks' names, for messages
     */
    public static Filled fill(double[][] fitted, double[][] heldOut, int rank, java.util.List<String> names) {
        int p = names.size();
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            int n = 0;
            for (double[] row : fitted) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    n++;
                }
            }
            if (n == 0) {
                throw new BadInputException("benchmark \"" + names.get(j) + "\" has no score among the fitted models");
            }
            mean[j] = sum / n;
            double ss = 0;
            for (double[] row : fitted) {
                if (!Double.isNaN(row[j])) {
                    ss += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
            }
            double sd = Math.sqrt(ss / n);
            // a constant benchmark keeps its values (sklearn's StandardScaler does the same)
            scale[j] = sd > 0 ? sd : 1;
        }
        double[][] z = standardised(fitted, mean, scale);
        boolean[][] missing = missing(fitted);
        double[] start = observedMeans(z, missing);
        fillWith(z, missing, start);
        int rounds = 0;
        Reconstruction pca = null;
        for (int r = 0; r < MAX_ROUNDS; r++) {
            rounds = r + 1;
            pca = Reconstruction.fit(z, rank);
            double[][] back = pca.apply(z);
            if (close(z, back)) {
                break;
            }
            copyInto(z, back, missing);
        }
        double[][] zHeld = standardised(heldOut, mean, scale);
        boolean[][] missingHeld = missing(heldOut);
        fillWith(zHeld, missingHeld, start);
        if (zHeld.length > 0) {
            for (int r = 0; r < MAX_ROUNDS; r++) {
                double[][] back = pca.apply(zHeld);
                if (close(zHeld, back)) {
                    break;
                }
                copyInto(zHeld, back, missingHeld);
            }
        }
        return new Filled(restored(z, mean, scale), restored(zHeld, mean, scale), rounds, count(missing),
                count(missingHeld));
    }

    private static double[][] standardised(double[][] x, double[] mean, double[] scale) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        return z;
    }

    private static double[][] restored(double[][] z, double[] mean, double[] scale) {
        double[][] x = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            x[i] = new double[mean.length];
            for (int j = 0; j < mean.length; j++) {
                x[i][j] = Math.min(1, Math.max(0, z[i][j] * scale[j] + mean[j]));
            }
        }
        return x;
    }

    private static boolean[][] missing(double[][] x) {
        boolean[][] m = new boolean[x.length][];
        for (int i = 0; i < x.length; i++) {
            m[i] = new boolean[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                m[i][j] = Double.isNaN(x[i][j]);
            }
        }
        return m;
    }

    private static int count(boolean[][] m) {
        int n = 0;
        for (boolean[] row : m) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    private static double[] observedMeans(double[][] z, boolean[][] missing) {
        int p = missing.length == 0 ? 0 : missing[0].length;
        double[] m = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < z.length; i++) {
                if (!missing[i][j]) {
                    sum += z[i][j];
                    n++;
                }
            }
            m[j] = sum / n;
        }
        return m;
    }

    private static void fillWith(double[][] z, boolean[][] missing, double[] values) {
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                if (missing[i][j]) {
                    z[i][j] = values[j];
                }
            }
        }
    }

    private static void copyInto(double[][] z, double[][] back, boolean[][] missing) {
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                if (missing[i][j]) {
                    z[i][j] = back[i][j];
                }
            }
        }
    }

    /** numpy's allclose(a, b): |a - b| <= atol + rtol |b| everywhere. */
    private static boolean close(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!(Math.abs(a[i][j] - b[i][j]) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(b[i][j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A fitted rank-r PCA as a projection: x -> mean + (x - mean) V V^T. */
    record Reconstruction(double[] mean, RealMatrix basis) {
        static Reconstruction fit(double[][] x, int rank) {
            Components c = Components.fit(x, rank);
            return new Reconstruction(c.mean(), MatrixUtils.createRealMatrix(c.loadings()).transpose());
        }

        double[][] apply(double[][] x) {
            if (x.length == 0) {
                return new double[0][];
            }
            RealMatrix centred = MatrixUtils.createRealMatrix(Components.centred(x, mean));
            RealMatrix back = centred.multiply(basis).multiply(basis.transpose());
            double[][] out = back.getData();
            for (double[] row : out) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += mean[j];
                }
            }
            return out;
        }
    }

    static SingularValueDecomposition svd(double[][] centred) {
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred));
    }
}
