package dev.slaw.compare;

import org.hipparchus.distribution.continuous.FDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The shape of a metric across scale, in the metric's own sense of better: {@code MONOTONE}
 * (better with scale), {@code INVERSE} (worse with scale, inverse scaling), {@code U_SHAPED}
 * (worse, then better), {@code INVERTED_U} (better, then worse), {@code EMERGENT} (nearly flat,
 * then a sharp break towards better), or {@code FLAT} (no trend the noise lets us see).
 *
 * <p>Read from the mean metric at each distinct scale (in log when every mean is positive) against log scale by three least-squares
 * models: a line, a parabola, and two lines joined at a break (the sharp limit of the broken power
 * law {@code bnsl}, whose break sharpness goes to 0). A model replaces a simpler one only when an
 * F-test says so (at the 1 % level for a trend, at 0.1 % for a change of shape, with both arms of a
 * U clear of three residual standard deviations); a parabola counts as U-shaped only with its turning point well
 * inside the data, and a break counts as emergent only when the slope after it is at least three
 * times the slope before it and the bend is sharper than the parabola can follow. U-shaped,
 * inverted-U and emergent trends change shape inside the data: a law fitted across the change
 * may not extrapolate ({@link #changesInsideData()}).
 *
 * @param shape        the class
 * @param scales       the distinct scales the classification read
 * @param turn         where the shape changes (the parabola's turning point or the break), NaN for the others
 * @param description  one line: the class and why
 */
public record TrendShape(Shape shape, int scales, double turn, String description) {

    /** The classes, named as the literature on scaling trends names them. */
    public enum Shape {
        MONOTONE("monotone"), INVERSE("inverse"), U_SHAPED("U-shaped"), INVERTED_U("inverted-U"),
        EMERGENT("emergent"), FLAT("flat"), UNDETERMINED("undetermined");

        private final String word;

        Shape(String word) {
            this.word = word;
        }

        /** The class as the reports write it. */
        public String word() {
            return word;
        }
    }

    /** Fewer distinct scales than this leave the shape undetermined. */
    public static final int MINIMUM_SCALES = 5;

    private static final double ALPHA = 0.01;
    private static final double CHANGE_ALPHA = 0.001;

    /** Whether the shape changes inside the data, so extrapolating a single law is unreliable. */
    public boolean changesInsideData() {
        return shape == Shape.U_SHAPED || shape == Shape.INVERTED_U || shape == Shape.EMERGENT;
    }

    /**
     * Whether lower values of a metric with this name are better: everything is a loss, an error
     * or a perplexity unless its name says accuracy, a score or a pass rate.
     */
    public static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        for (String w : List.of("acc", "score", "pass", "exact", "match", "f1", "bleu", "rouge", "win", "correct",
                "auc", "precision", "recall", "reward")) {
            if (m.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** Above this many gaps between scales, candidate breaks lie on an even grid instead of eight per gap. */
    static final int BREAK_GAPS = 64;

    /**
     * Classifies a metric across scale.
     *
     * @param scale         positive scales, one per row (repeats are averaged)
     * @param metric        the metric per row
     * @param lowerIsBetter whether lower values are better
     */
    public static TrendShape classify(double[] scale, double[] metric, boolean lowerIsBetter) {
        TreeMap<Double, double[]> byScale = new TreeMap<>();
        for (int i = 0; i < scale.length; i++) {
            if (scale[i] > 0 && Double.isFinite(scale[i]) && Double.isFinite(metric[i])) {
                double[] s = byScale.computeIfAbsent(scale[i], k -> new double[2]);
                s[0] += metric[i];
                s[1]++;
            }
        }
        int m = byScale.size();
        if (m < MINIMUM_SCALES) {
            return new TrendShape(Shape.UNDETERMINED, m, Double.NaN, "shape undetermined: " + m
                    + " distinct scales, at least " + MINIMUM_SCALES + " needed");
        }
        double[] u = new double[m];
        double[] y = new double[m];
        // log scale centred, so the parabola's normal equations stay well conditioned
        double centre = (Math.log(byScale.firstKey()) + Math.log(byScale.lastKey())) / 2;
        int k = 0;
        for (var e : byScale.entrySet()) {
            u[k] = Math.log(e.getKey()) - centre;
            y[k] = e.getValue()[0] / e.getValue()[1];
            k++;
        }
        // a positive metric in log, where a power law is a line (the ordering, so the shape, is the same)
        boolean logged = java.util.Arrays.stream(y).allMatch(v -> v > 0);
        if (logged) {
            for (int i = 0; i < m; i++) {
                y[i] = Math.log(y[i]);
            }
        }
        // "better" as a positive slope, whatever the metric
        double sign = lowerIsBetter ? -1 : 1;
        double[] line = leastSquares(u, y, 2, Double.NaN);
        double[] parabola = leastSquares(u, y, 3, Double.NaN);
        double rssLine = rss(u, y, line, Double.NaN);
        double rssParabola = rss(u, y, parabola, Double.NaN);
        double bestBreak = Double.NaN;
        double rssBreak = Double.POSITIVE_INFINITY;
        double[] hinge = null;
        // breaks between the second and the second-last scale, on a fine grid so that the break
        // need not sit on a sample; with many scales, a grid even in log scale (each candidate
        // costs a pass over the scales: eight per gap made 33,000 rows take minutes)
        double[] breaks = new double[m - 3 <= BREAK_GAPS ? Math.max(0, m - 3) * 8 : BREAK_GAPS * 8];
        for (int t = 0; t < breaks.length; t++) {
            if (m - 3 <= BREAK_GAPS) {
                int i = 1 + t / 8;
                breaks[t] = u[i] + (u[i + 1] - u[i]) * (t % 8) / 8.0;
            } else {
                breaks[t] = u[1] + (u[m - 2] - u[1]) * t / breaks.length;
            }
        }
        for (double b : breaks) {
            double[] c = leastSquares(u, y, 3, b);
            double r = rss(u, y, c, b);
            if (r < rssBreak) {
                rssBreak = r;
                bestBreak = b;
                hinge = c;
            }
        }
        double span = u[m - 1] - u[0];
        // a change of shape is a strong claim (it withdraws trust in extrapolation): 0.1 % level
        boolean parabolaWins = m > 3 && fTest(rssLine, rssParabola, 1, m - 3, CHANGE_ALPHA);
        boolean breakWins = hinge != null && m > 4 && fTest(rssLine, rssBreak, 2, m - 4, CHANGE_ALPHA);
        if (breakWins) {
            double before = sign * hinge[1];
            double after = sign * (hinge[1] + hinge[2]);
            boolean sharp = after > 0 && after >= 3 * Math.abs(before) && rssBreak < 0.5 * rssParabola;
            if (sharp) {
                return new TrendShape(Shape.EMERGENT, m, Math.exp(bestBreak + centre), String.format(Locale.ROOT,
                        "emergent: nearly flat, then a sharp break near %s (%sslope %.3g before, %.3g after)",
                        compact(Math.exp(bestBreak + centre)), logged ? "log-log " : "per e-fold ", sign * before,
                        sign * after));
            }
        }
        if (parabolaWins) {
            double turn = -parabola[1] / (2 * parabola[2]);
            boolean inside = turn > u[0] + 0.15 * span && turn < u[m - 1] - 0.15 * span;
            // both arms must rise clear of the noise, not just the curvature be significant
            double sigma = Math.sqrt(rssParabola / Math.max(1, m - 3));
            double left = Math.abs(parabola[2]) * (turn - u[0]) * (turn - u[0]);
            double right = Math.abs(parabola[2]) * (u[m - 1] - turn) * (u[m - 1] - turn);
            if (inside && left > 3 * sigma && right > 3 * sigma) {
                // the curvature in the sense of better: positive means worse then better
                boolean worseThenBetter = sign * parabola[2] > 0;
                Shape s = worseThenBetter ? Shape.U_SHAPED : Shape.INVERTED_U;
                return new TrendShape(s, m, Math.exp(turn + centre), s.word() + ": " + (worseThenBetter ? "worse" : "better")
                        + " with scale up to " + compact(Math.exp(turn + centre)) + ", then " + (worseThenBetter ? "better"
                        : "worse"));
            }
        }
        // a curved but one-way trend (a loss falling fast, then slowly) is a trend too
        boolean trend = fTest(total(y), rssLine, 1, m - 2, ALPHA)
                || (parabolaWins || fTest(rssLine, rssParabola, 1, m - 3, ALPHA))
                && fTest(total(y), rssParabola, 2, m - 3, ALPHA);
        if (!trend) {
            return new TrendShape(Shape.FLAT, m, Double.NaN, "flat: no trend with scale stands out from the noise");
        }
        boolean better = sign * line[1] > 0;
        return better ? new TrendShape(Shape.MONOTONE, m, Double.NaN, "monotone: better with scale")
                : new TrendShape(Shape.INVERSE, m, Double.NaN, "inverse: worse with scale");
    }

    /**
     * "Extrapolation unreliable" when {@code target}'s trend across the law's one variable changes
     * shape inside {@code data}; none for a law of several variables (no single trend to read) or
     * data without the columns. What a fit carries as a warning, and {@code slaw validate} reads
     * over all rows.
     */
    public static List<String> extrapolationWarnings(dev.slaw.law.Law law, dev.slaw.data.Dataset data, String target) {
        if (law.variables().size() != 1 || !data.hasColumn(law.variables().get(0)) || !data.hasColumn(target)) {
            return List.of();
        }
        String x = law.variables().get(0);
        return classify(data.column(x), data.column(target), lowerIsBetter(target)).warnings(target, x);
    }

    /** The warning a fit carries when the shape changes inside its data, or none. */
    public List<String> warnings(String metric, String variable) {
        List<String> out = new ArrayList<>();
        if (changesInsideData()) {
            out.add("extrapolation unreliable: " + metric + " across " + variable + " is " + description
                    + "; the shape changes inside the data, so a law fitted across the change may not extrapolate");
        }
        return out;
    }

    private static String compact(double v) {
        return dev.slaw.law.Numbers.compact(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
    }

    private static boolean fTest(double rssSmall, double rssBig, int extra, int dof, double alpha) {
        if (dof < 1 || !(rssSmall > rssBig)) {
            return false;
        }
        if (rssBig <= 1e-300 * Math.max(1, rssSmall)) {
            return true;
        }
        double f = (rssSmall - rssBig) / extra / (rssBig / dof);
        return f > new FDistribution(extra, dof).inverseCumulativeProbability(1 - alpha);
    }

    private static double total(double[] y) {
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return s;
    }

    /**
     * Least squares on the basis 1, u and either u^2 ({@code hinge} NaN) or max(0, u - hinge);
     * {@code terms} 2 for the line.
     */
    private static double[] leastSquares(double[] u, double[] y, int terms, double hinge) {
        double[][] a = new double[terms][terms + 1];
        for (int i = 0; i < u.length; i++) {
            double[] basis = basis(u[i], terms, hinge);
            for (int r = 0; r < terms; r++) {
                for (int c = 0; c < terms; c++) {
                    a[r][c] += basis[r] * basis[c];
                }
                a[r][terms] += basis[r] * y[i];
            }
        }
        // Gaussian elimination with partial pivoting on the normal equations (3 x 3 at most)
        for (int p = 0; p < terms; p++) {
            int best = p;
            for (int r = p + 1; r < terms; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
                    best = r;
                }
            }
            double[] t = a[p];
            a[p] = a[best];
            a[best] = t;
            if (a[p][p] == 0) {
                return new double[terms];
            }
            for (int r = 0; r < terms; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int c = p; c <= terms; c++) {
                        a[r][c] -= f * a[p][c];
                    }
                }
            }
        }
        double[] out = new double[terms];
        for (int r = 0; r < terms; r++) {
            out[r] = a[r][terms] / a[r][r];
        }
        return out;
    }

    private static double[] basis(double u, int terms, double hinge) {
        if (terms == 2) {
            return new double[]{1, u};
        }
        return new double[]{1, u, Double.isNaN(hinge) ? u * u : Math.max(0, u - hinge)};
    }

    private static double rss(double[] u, double[] y, double[] c, double hinge) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            double[] b = basis(u[i], c.length, hinge);
            double f = 0;
            for (int j = 0; j < c.length; j++) {
                f += c[j] * b[j];
            }
            s += (y[i] - f) * (y[i] - f);
        }
        return s;
    }
}
