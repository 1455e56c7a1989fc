package dev.slaw.optim;

/** The two vector sums the searches share (a dot product and the largest magnitude), in plain loops. */
public final class Vectors {
    private Vectors() {
    }

    /** The dot product of two vectors of equal length. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The largest |a_i| (the infinity norm); 0 for an empty vector. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
