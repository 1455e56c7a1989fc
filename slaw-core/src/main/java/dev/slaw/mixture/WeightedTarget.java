package dev.slaw.mixture;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.law.expr.Formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One law fitted to a weighted target ({@code avg = 0.5*web_loss + 0.5*code_loss}) set against
 * the same law fitted to each column of the target alone, the predictions then combined by the
 * target's own expression. Data mixing laws aggregate either way (Ye et al. 2024, arXiv:2403.16952:
 * the authors' pipeline fits one model to the weighted total, {@code pipeline/mixlaw.py} with
 * target {@code full}); but a weighted sum of domain laws is not, in general, a law of the same
 * form: when the domains respond to the mixture differently (web text wants web, code wants
 * code) one law bends the wrong way and its optimum can be a corner the columns' own fits rule
 * out. The comparison makes that visible.
 *
 * @param target           the weighted target's column
 * @param expression       the expression it was made from
 * @param rmsOne           rms of (actual - predicted) of the one fit, in the target's units
 * @param rmsColumns       the same for the columns' fits combined by the expression
 * @param columnPredictions the combined predictions, one per row of the data compared on
 */
public record WeightedTarget(String target, String expression, double rmsOne, double rmsColumns,
                             double[] columnPredictions) {

    /**
     * The one fit's rms error over the columns' combined this many times or more is worth a warning.
     * The columns' fits have k times the parameters, which by itself lowers the rms on the fitted
     * rows by about sqrt((n - p) / (n - kp)): 4 % for RegMix (n 512, p 35, k 2), not 10 %.
     */
    public static final double WORSE = 1.1;

    public WeightedTarget {
        columnPredictions = columnPredictions.clone();
    }

    @Override
    public double[] columnPredictions() {
        return columnPredictions.clone();
    }

    /**
     * Compares the one fit with the columns' fits on {@code data} (the rows the one fit used).
     *
     * @param columnFits a fit of the same law to each column the expression names
     */
    public static WeightedTarget compare(Fit one, Map<String, Fit> columnFits, String expression, Dataset data) {
        Formula f = Formula.parse(expression, data.columnNames());
        Map<String, double[]> predicted = new LinkedHashMap<>();
        for (String name : f.names()) {
            Fit c = columnFits.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no fit for column " + name + " of " + expression);
            }
            predicted.put(name, c.predict(data));
        }
        double[] combined = f.evaluate(predicted);
        double[] actual = data.column(one.target());
        double[] mine = one.predict(data);
        return new WeightedTarget(one.target(), expression, rms(actual, mine), rms(actual, combined), combined);
    }

    /** The warning, or none when the one fit is within {@link #WORSE} times the columns' residuals. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (rmsOne > WORSE * rmsColumns) {
            out.add(String.format(java.util.Locale.ROOT,
                    "one law fits the weighted target %s = %s worse (rms error %.3g, in its units) than the same law fitted to each"
                            + " of its columns and combined (%.3g): the columns respond to the mixture differently, and a"
                            + " weighted sum of such laws is not one law of the form; fit each column and minimise the"
                            + " weighted sum with slaw mixture optimize FIT1 FIT2 --weights W1,W2",
                    target, expression, rmsOne, rmsColumns));
        }
        return out;
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }
}
