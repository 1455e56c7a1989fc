package dev.slaw.discover;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitOptions;

import java.util.Objects;

/**
 * How a search runs.
 *
 * @param extrapolate   the variable the rollout extrapolates along
 * @param maxParameters the grammar's parameter budget (catalogue laws above it are left out too)
 * @param maxCandidates grammar candidates evaluated at most, the simplest first (the catalogue's always are)
 * @param timeLimitSeconds stop taking new candidates after this long (0: no limit); the result is then
 *                      the longest prefix of the enumeration that finished
 * @param threads       candidates evaluated at once (each candidate's fits run on one thread)
 * @param tieMargin     scores within this fraction of the best are a tie, broken toward fewer parameters
 * @param rungs         rollout rungs scored, the fitted range ending between half and four fifths of the
 *                      variable's log range
 * @param fit           the fitting protocol of every candidate (its thread count is ignored)
 */
public record SearchOptions(String extrapolate, int maxParameters, int maxCandidates, double timeLimitSeconds,
                            int threads, double tieMargin, int rungs, FitOptions fit) {

    public SearchOptions {
        Objects.requireNonNull(extrapolate, "extrapolate");
        Objects.requireNonNull(fit, "fit");
        if (maxParameters < 1) {
            throw new BadInputException("--max-params must be at least 1, got " + maxParameters);
        }
        if (maxCandidates < 0) {
            throw new BadInputException("--max-candidates must not be negative, got " + maxCandidates);
        }
        if (!(timeLimitSeconds >= 0)) {
            throw new BadInputException("--time-limit must not be negative, got " + timeLimitSeconds);
        }
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        if (!(tieMargin >= 0 && tieMargin < 1)) {
            throw new BadInputException("--tie must be in [0, 1), got " + tieMargin);
        }
        if (rungs < 1) {
            throw new BadInputException("--rungs must be at least 1, got " + rungs);
        }
    }

    /** Budget 8 parameters, 1,000 candidates, no time limit, all cores, ties within 5%, 3 rungs. */
    public static SearchOptions defaults(String extrapolate, FitOptions fit) {
        return new SearchOptions(extrapolate, 8, 1000, 0, Runtime.getRuntime().availableProcessors(), 0.05, 3, fit);
    }

    public SearchOptions withMaxParameters(int m) {
        return new SearchOptions(extrapolate, m, maxCandidates, timeLimitSeconds, threads, tieMargin, rungs, fit);
    }

    public SearchOptions withMaxCandidates(int m) {
        return new SearchOptions(extrapolate, maxParameters, m, timeLimitSeconds, threads, tieMargin, rungs, fit);
    }

    public SearchOptions withTimeLimit(double seconds) {
        return new SearchOptions(extrapolate, maxParameters, maxCandidates, seconds, threads, tieMargin, rungs, fit);
    }

    public SearchOptions withThreads(int t) {
        return new SearchOptions(extrapolate, maxParameters, maxCandidates, timeLimitSeconds, t, tieMargin, rungs, fit);
    }

    public SearchOptions withTieMargin(double m) {
        return new SearchOptions(extrapolate, maxParameters, maxCandidates, timeLimitSeconds, threads, m, rungs, fit);
    }

    public SearchOptions withRungs(int r) {
        return new SearchOptions(extrapolate, maxParameters, maxCandidates, timeLimitSeconds, threads, tieMargin, r, fit);
    }
}
