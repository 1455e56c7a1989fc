package dev.slaw.discover;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.uncertainty.Rollout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One candidate fitted and scored: its fit on every row (for AIC, BIC and in-sample fit) and its
 * rollout along the extrapolated variable, scored on the rows beyond each rung. {@link #evaluate}
 * is a pure function of (data, candidate, options): no clock, no shared state, so the candidates
 * of a search may be evaluated anywhere, in any order.
 *
 * @param candidate the candidate
 * @param index     its place in the enumeration
 * @param fit       the fit on every row, or null when it failed
 * @param rungs     one per scored rung, in order
 * @param score     the rollout error: the mean over rungs of the mean relative error of the held-out
 *                  rows (infinite when a rung was not scored)
 * @param failure   why it has no score, or empty
 * @param aic       AIC of the fit on every row from its relative residuals (f - y) / y, comparable across
 *                  candidates whatever scale each law fits on (the fit's own AIC is on its fitted scale)
 * @param bic       BIC likewise
 */
public record CandidateScore(Candidate candidate, int index, Fit fit, List<Rung> rungs, double score, String failure,
                             double aic, double bic) {

    public CandidateScore {
        Objects.requireNonNull(candidate, "candidate");
        rungs = List.copyOf(rungs);
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * One rung of the rollout.
     *
     * @param fittedScales  distinct values of the variable fitted (the k smallest)
     * @param largestFitted the largest value fitted
     * @param trainingRows  rows fitted
     * @param heldOutRows   rows scored (every larger value)
     * @param meanRelativeError mean |f - y| / |y| over the held-out rows
     */
    public record Rung(int fittedScales, double largestFitted, int trainingRows, int heldOutRows,
                       double meanRelativeError) {
    }

    /** The candidate's name. */
    public String name() {
        return candidate.name();
    }

    /** Whether every rung was fitted and scored. */
    public boolean scored() {
        return Double.isFinite(score);
    }

    /** The error of the last rung (the most rows fitted, the fewest held out), NaN without one. */
    public double lastRungError() {
        return rungs.isEmpty() ? Double.NaN : rungs.get(rungs.size() - 1).meanRelativeError();
    }

    /**
     * Fits the candidate to every row and runs its rollout on the given rungs.
     *
     * @param rungs the k of each scored rung (see {@link Search#rungs})
     */
    public static CandidateScore evaluate(Dataset data, String target, Candidate candidate, int index, String variable,
                                          int[] rungs, FitOptions options) {
        FitOptions one = options.withThreads(1);
        Fit full;
        try {
            full = Fitter.fit(candidate.law(), data, target, one);
        } catch (FitFailedException | BadInputException | ArithmeticException e) {
            return new CandidateScore(candidate, index, null, List.of(), Double.POSITIVE_INFINITY, "fit: " + e.getMessage(),
                    Double.NaN, Double.NaN);
        }
        double[] criteria = criteria(full, data, target, candidate.parameters());
        Rollout rollout;
        try {
            rollout = Rollout.run(candidate.law(), data, target, variable, one, k -> Arrays.binarySearch(rungs, k) >= 0);
        } catch (BadInputException | ArithmeticException e) {
            return new CandidateScore(candidate, index, full, List.of(), Double.POSITIVE_INFINITY, "rollout: " + e.getMessage(),
                    criteria[0], criteria[1]);
        }
        List<Rung> out = new ArrayList<>();
        double sum = 0;
        String failure = "";
        for (Rollout.Step s : rollout.steps()) {
            if (!s.fitted()) {
                failure = "rung " + s.fittedScales() + ": " + s.failure();
                break;
            }
            double e = s.larger().meanRelativeError();
            if (!Double.isFinite(e)) {
                failure = "rung " + s.fittedScales() + ": " + (rowsAtZero(data, target) > 0 ? "the relative error of the"
                        + " held-out rows is not finite (the target is 0 in some rows, where it is undefined)"
                        : "predictions of the held-out rows are not finite");
                break;
            }
            out.add(new Rung(s.fittedScales(), s.largestFitted(), s.trainingRows(), s.larger().rows(), e));
            sum += e;
        }
        double score = failure.isEmpty() && !out.isEmpty() ? sum / out.size() : Double.POSITIVE_INFINITY;
        return new CandidateScore(candidate, index, full, out, score, failure, criteria[0], criteria[1]);
    }

    /** The rows where the target is 0, where a relative error is undefined. */
    static long rowsAtZero(Dataset data, String target) {
        return Arrays.stream(data.column(target)).filter(y -> y == 0).count();
    }

    /**
     * AIC and BIC from the relative residuals of the fit on every row (Gaussian, variance profiled
     * out). Rows where the target is 0 are left out: a relative residual is undefined there (an
     * accuracy of 0 at the first checkpoints would otherwise make every candidate's AIC NaN).
     */
    static double[] criteria(Fit fit, Dataset data, String target, int parameters) {
        double[] y = data.column(target);
        double[] f = fit.predict(data);
        double ss = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0) {
                double r = (f[i] - y[i]) / Math.abs(y[i]);
                ss += r * r;
                n++;
            }
        }
        double base = n * Math.log(ss / n);
        if (!Double.isFinite(base)) {
            return new double[]{Double.NaN, Double.NaN};
        }
        return new double[]{base + 2 * parameters, base + parameters * Math.log(n)};
    }
}
