package dev.slaw.curve;

/**
 * How well a predicted loss curve follows an observed one, in the terms the multi-power law's
 * paper reports (Luo et al. 2025): R-squared, mean absolute error, mean and worst relative error.
 *
 * @param points             observations compared
 * @param rSquared           {@code 1 - SS_res / SS_tot}
 * @param meanAbsoluteError  {@code mean |y - f|}
 * @param rootMeanSquare     {@code sqrt(mean (y - f)^2)}
 * @param meanRelativeError  {@code mean |y - f| / y} (a fraction: 0.0011 is 0.11 %)
 * @param worstRelativeError {@code max |y - f| / y}
 */
public record CurveMetrics(int points, double rSquared, double meanAbsoluteError, double rootMeanSquare,
                           double meanRelativeError, double worstRelativeError) {

    /** Compares {@code predicted} with {@code observed}, point by point. */
    public static CurveMetrics of(double[] observed, double[] predicted) {
        if (observed.length != predicted.length || observed.length == 0) {
            throw new IllegalArgumentException("need equally many observed and predicted points, got "
                    + observed.length + " and " + predicted.length);
        }
        int n = observed.length;
        double mean = 0;
        for (double y : observed) {
            mean += y / n;
        }
        double ssRes = 0;
        double ssTot = 0;
        double abs = 0;
        double rel = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double e = observed[i] - predicted[i];
            ssRes += e * e;
            ssTot += (observed[i] - mean) * (observed[i] - mean);
            abs += Math.abs(e);
            double r = Math.abs(e) / Math.abs(observed[i]);
            rel += r;
            worst = Math.max(worst, r);
        }
        return new CurveMetrics(n, 1 - ssRes / ssTot, abs / n, Math.sqrt(ssRes / n), rel / n, worst);
    }

    /**
     * Per run, the agreement of {@code law} with {@code parameters} (in the law's order) with the
     * losses of {@code rows}, in the order the runs first appear.
     */
    public static java.util.Map<String, CurveMetrics> byRun(CurveLaw law, double[] parameters,
                                                           dev.slaw.data.Dataset rows, String lossColumn) {
        double[] f = new double[rows.rowCount()];
        law.evaluator(rows).evaluate(parameters, f, null);
        double[] y = rows.column(lossColumn);
        java.util.Map<String, CurveMetrics> out = new java.util.LinkedHashMap<>();
        for (CurveRows.Run run : CurveRows.bind(rows, law.schedules(), law.runColumn(), law.stepColumn(), law.name())) {
            int[] idx = run.rows();
            out.put(run.name(), of(java.util.Arrays.stream(idx).mapToDouble(i -> y[i]).toArray(),
                    java.util.Arrays.stream(idx).mapToDouble(i -> f[i]).toArray()));
        }
        return out;
    }

    /** The average of each figure over several curves, as the paper reports a set of held-out runs. */
    public static CurveMetrics average(java.util.Collection<CurveMetrics> curves) {
        int n = curves.size();
        if (n == 0) {
            throw new IllegalArgumentException("no curves to average");
        }
        int points = 0;
        double r2 = 0;
        double mae = 0;
        double rms = 0;
        double rel = 0;
        double worst = 0;
        for (CurveMetrics c : curves) {
            points += c.points;
            r2 += c.rSquared / n;
            mae += c.meanAbsoluteError / n;
            rms += c.rootMeanSquare / n;
            rel += c.meanRelativeError / n;
            worst += c.worstRelativeError / n;
        }
        return new CurveMetrics(points, r2, mae, rms, rel, worst);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "R^2 %.5f, MAE %.5f, mean rel. error %.3f %%, worst %.3f %%",
                rSquared, meanAbsoluteError, 100 * meanRelativeError, 100 * worstRelativeError);
    }
}
