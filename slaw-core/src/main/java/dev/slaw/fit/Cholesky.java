package dev.slaw.fit;

/**
 * The Cholesky factor of a small symmetric matrix, H = L L', and solves with it: written out
 * rather than taken from Hipparchus because it runs at every evaluation on matrices of a law's
 * few parameters, and because Hipparchus's factor rounds differently, which moves a quoted chain
 * bootstrap interval's fourth digit (see {@link Preconditioner}).
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * The lower-triangular L with {@code symmetric} = L L', read from its lower triangle; null when
     * the matrix is not positive definite or not finite.
     */
    static double[][] factor(double[][] symmetric) {
        int k = symmetric.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = symmetric[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** x with L L' x = b, by a forward and a backward substitution. */
    static double[] solve(double[][] l, double[] b) {
        int k = b.length;
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= l[i][m] * z[m];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = z[i];
            for (int m = i + 1; m < k; m++) {
                s -= l[m][i] * x[m];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
