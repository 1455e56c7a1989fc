package dev.slaw.report.plots;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;

/**
 * The compute-optimal frontier of a fitted Chinchilla law in closed form, for plotting until
 * the planner ({@code dev.slaw.planning}) is wired in.
 *
 * <p>With {@code L = E + A/N^alpha + B/D^beta} and {@code C = 6 N D}, minimising L at fixed C
 * gives (Hoffmann et al. 2022, eq. 4): {@code N_opt = G (C/6)^a}, {@code D_opt = (C/6)^b / G}
 * with {@code G = (alpha A / (beta B))^(1/(alpha+beta))}, {@code a = beta/(alpha+beta)},
 * {@code b = alpha/(alpha+beta)}.
 */
public final class ClosedFormFrontier {
    private ClosedFormFrontier() {
    }

    /**
     * The frontier at {@code points} budgets spaced evenly in log C from {@code minFlops} to
     * {@code maxFlops}.
     *
     * @throws BadInputException when the fit lacks one of E, A, B, alpha, beta
     */
    public static Frontier of(Fit fit, double minFlops, double maxFlops, int points) {
        if (!(minFlops > 0) || !(maxFlops > minFlops) || points < 2) {
            throw new IllegalArgumentException("need 0 < minFlops < maxFlops and at least 2 points");
        }
        for (String p : new String[]{"E", "A", "B", "alpha", "beta"}) {
            if (fit.parameter(p).isEmpty()) {
                throw new BadInputException("the closed-form frontier needs a Chinchilla-form law with E, A, B, alpha,"
                        + " beta; " + fit.law().name() + " has " + String.join(", ", fit.valueMap().keySet()));
            }
        }
        double e = fit.value("E");
        double a = fit.value("A");
        double b = fit.value("B");
        double alpha = fit.value("alpha");
        double beta = fit.value("beta");
        double g = Math.pow(alpha * a / (beta * b), 1 / (alpha + beta));
        double[] c = new double[points];
        double[] n = new double[points];
        double[] d = new double[points];
        double[] loss = new double[points];
        for (int i = 0; i < points; i++) {
            c[i] = Math.exp(Math.log(minFlops) + (Math.log(maxFlops) - Math.log(minFlops)) * i / (points - 1));
            n[i] = g * Math.pow(c[i] / 6, beta / (alpha + beta));
            d[i] = Math.pow(c[i] / 6, alpha / (alpha + beta)) / g;
            loss[i] = e + a / Math.pow(n[i], alpha) + b / Math.pow(d[i], beta);
        }
        return new Frontier(c, n, d, loss, "closed form of the fit, C = 6ND");
    }

    /** Whether a fit has the parameters and the data the variables the closed form needs. */
    public static boolean applies(Fit fit, Dataset data) {
        return fit.valueMap().keySet().containsAll(java.util.List.of("E", "A", "B", "alpha", "beta"))
                && fit.law().variables().containsAll(java.util.List.of("N", "D")) && data.hasColumn("N")
                && data.hasColumn("D");
    }

    /**
     * The frontier from the smallest budget in the data ({@code C = 6ND}) to 10,000 times the
     * largest: the range a reader of the fit is extrapolating into.
     */
    public static Frontier overData(Fit fit, Dataset data, int points) {
        double[] n = data.column("N");
        double[] d = data.column("D");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < n.length; i++) {
            double c = 6 * n[i] * d[i];
            if (c > 0 && Double.isFinite(c)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        if (!(hi > lo)) {
            throw new BadInputException("the frontier needs rows with positive N and D at more than one budget");
        }
        return of(fit, lo, hi * 1e4, points);
    }
}
