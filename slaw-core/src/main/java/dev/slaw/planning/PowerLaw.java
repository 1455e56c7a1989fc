package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * y = k x^a fitted by ordinary least squares on log y = log k + a log x, as Hoffmann et al.
 * 2022 fit N_opt(C) and D_opt(C) in Approaches 1 and 2.
 *
 * @param coefficient            k
 * @param exponent               a
 * @param exponentStandardError  the regression standard error of a, sqrt(s^2 / Sxx) with
 *                               s^2 = RSS / (m - 2); NaN with two points
 * @param exponentInterval       a +/- t(m - 2) SE at the given level; null with two points
 * @param rSquared               coefficient of determination in log space
 * @param points                 m, the number of points fitted
 */
public record PowerLaw(double coefficient, double exponent, double exponentStandardError, Interval exponentInterval,
                       double rSquared, int points) {

    /** Fits y = k x^a to positive x and y; needs at least two distinct x. */
    public static PowerLaw fit(double[] x, double[] y, double level) {
        int m = x.length;
        if (m < 2 || y.length != m) {
            throw new BadInputException("a power law needs at least 2 points, got " + m);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < m; i++) {
            if (!(x[i] > 0 && y[i] > 0)) {
                throw new BadInputException("a power law needs positive values, got (" + x[i] + ", " + y[i] + ")");
            }
            mx += Math.log(x[i]) / m;
            my += Math.log(y[i]) / m;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < m; i++) {
            double dx = Math.log(x[i]) - mx;
            double dy = Math.log(y[i]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new BadInputException("a power law needs at least 2 distinct x values");
        }
        double a = sxy / sxx;
        double lnK = my - a * mx;
        double rss = Math.max(0, syy - a * sxy);
        double se = Double.NaN;
        Interval interval = null;
        if (m > 2) {
            se = Math.sqrt(rss / (m - 2) / sxx);
            double t = new TDistribution(m - 2).inverseCumulativeProbability((1 + level) / 2);
            interval = new Interval(a - t * se, a + t * se, level);
        }
        double r2 = syy == 0 ? 1 : 1 - rss / syy;
        return new PowerLaw(Math.exp(lnK), a, se, interval, r2, m);
    }

    /** k x^a. */
    public double at(double x) {
        return coefficient * Math.pow(x, exponent);
    }
}
