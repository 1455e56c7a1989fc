package dev.slaw.spark;

import dev.slaw.discover.Candidate;
import dev.slaw.discover.CandidateScore;
import dev.slaw.fit.Fit;
import dev.slaw.io.fit.FitJson;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one Spark task sends back for one candidate of a law search: its {@link CandidateScore}
 * as plain serializable values, the fit on every row as the fit document the CLI writes (core
 * values stay free of Java serialization; the document's numbers are written to round-trip).
 *
 * @param index     the candidate's place in the enumeration
 * @param formula   its formula, to check the executor enumerated the driver's candidates
 * @param fit       the fit document, or null when the fit failed
 * @param rungs     per scored rung: fitted scales, training rows, held-out rows
 * @param largest   per scored rung: the largest value fitted
 * @param errors    per scored rung: the mean relative error of the held-out rows
 * @param score     the rollout error (infinite when unscored)
 * @param failure   why it has no score, or empty
 * @param aic       AIC from relative residuals
 * @param bic       BIC likewise
 */
record ScoredCandidate(int index, String formula, String fit, int[][] rungs, double[] largest, double[] errors,
                       double score, String failure, double aic, double bic) implements Serializable {

    static ScoredCandidate of(CandidateScore c) {
        int k = c.rungs().size();
        int[][] rungs = new int[k][];
        double[] largest = new double[k];
        double[] errors = new double[k];
        for (int j = 0; j < k; j++) {
            CandidateScore.Rung r = c.rungs().get(j);
            rungs[j] = new int[]{r.fittedScales(), r.trainingRows(), r.heldOutRows()};
            largest[j] = r.largestFitted();
            errors[j] = r.meanRelativeError();
        }
        return new ScoredCandidate(c.index(), c.candidate().formula(), c.fit() == null ? null : FitJson.write(c.fit()),
                rungs, largest, errors, c.score(), c.failure(), c.aic(), c.bic());
    }

    /** The score again, for the driver's own copy of the candidate and its table's name ({@code source}). */
    CandidateScore score(Candidate candidate, String source) {
        if (!candidate.formula().equals(formula)) {
            throw new IllegalStateException("candidate " + index + " is " + formula + " on the executor but "
                    + candidate.formula() + " on the driver: the two enumerated different candidates");
        }
        Fit f = fit == null ? null : SlawSpark.readFit(fit, "candidate " + index, source);
        List<CandidateScore.Rung> out = new ArrayList<>();
        for (int j = 0; j < rungs.length; j++) {
            out.add(new CandidateScore.Rung(rungs[j][0], largest[j], rungs[j][1], rungs[j][2], errors[j]));
        }
        return new CandidateScore(candidate, index, f, out, score, failure, aic, bic);
    }
}
