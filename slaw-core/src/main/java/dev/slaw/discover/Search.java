package dev.slaw.discover;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Workers;
import dev.slaw.uncertainty.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code slaw discover}: proposes candidate laws ({@link Grammar}), fits and scores each by its
 * rollout along the extrapolated variable ({@link CandidateScore#evaluate}), and ranks them by
 * that score, near-ties broken toward fewer parameters. Candidates run in parallel, one per
 * thread, results kept by index, so the ranking does not depend on the thread count; a time
 * limit keeps the longest prefix of the enumeration that finished (then the result may depend
 * on the machine's speed, and says so).
 */
public final class Search {
    /** Fewest held-out rows at the last rung before the result warns that the score rests on few points. */
    static final int FEW_HELD_OUT = 3;
    /** A rollout error this many times the best is never a tie, however noisy the data. */
    public static final double WIDEST_TIE = 1.5;
    /**
     * A winner's rollout error above which the search says nothing extrapolates: losses' laws miss
     * by 0.5-3 % on the public ladders, ARC-C over compute alone by 15-18 %.
     */
    static final double POOR = 0.10;

    private Search() {
    }

    /**
     * The rungs scored: for fractions evenly spaced from 1/2 to 4/5 of the variable's log range,
     * the number of distinct values at or below that point, at least 2 (one value shows no trend)
     * and at most all but one.
     *
     * @throws BadInputException with fewer than 3 distinct values
     */
    public static int[] rungs(double[] column, int count, String name) {
        double[] scales = Arrays.stream(column).distinct().sorted().toArray();
        int m = scales.length;
        if (m < 3) {
            throw new BadInputException("'" + name + "' has " + m + " distinct value" + (m == 1 ? "" : "s")
                    + "; extrapolating along it needs at least 3 (two to fit a trend, one to score)");
        }
        double lo = Math.log(scales[0]);
        double span = Math.log(scales[m - 1]) - lo;
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (int r = 0; r < count; r++) {
            double f = count == 1 ? 0.85 : 0.6 + 0.25 * r / (count - 1);
            int k = 0;
            for (double s : scales) {
                if (Math.log(s) <= lo + f * span + 1e-12 * Math.max(1, Math.abs(lo))) {
                    k++;
                }
            }
            ks.add(Math.max(2, Math.min(m - 1, k)));
        }
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The variable with the widest range in log terms: the default direction of extrapolation. */
    public static String widestLogRange(Dataset data, List<String> variables) {
        String best = variables.get(0);
        double widest = -1;
        for (String v : variables) {
            double[] c = data.column(v);
            double lo = Arrays.stream(c).min().orElse(1);
            double hi = Arrays.stream(c).max().orElse(1);
            double w = lo > 0 ? Math.log(hi / lo) : 0;
            if (w > widest) {
                widest = w;
                best = v;
            }
        }
        return best;
    }

    /** Enumerates the candidates and runs the search. */
    public static Discovery run(Dataset data, String target, List<String> variables, SearchOptions options,
                                ProgressListener progress) {
        if (!variables.contains(options.extrapolate())) {
            throw new BadInputException("--extrapolate " + options.extrapolate() + " is not one of --vars "
                    + String.join(",", variables));
        }
        List<Candidate> all = Grammar.enumerate(data, target, variables, options.maxParameters());
        List<Candidate> chosen = new ArrayList<>();
        int grammar = 0;
        for (Candidate c : all) {
            if (c.catalogue() || grammar++ < options.maxCandidates()) {
                chosen.add(c);
            }
        }
        return run(data, target, variables, chosen, all.size(), options, progress);
    }

    /**
     * Evaluates a search's candidates: on this machine's threads ({@link #IN_THREADS}) or elsewhere
     * (slaw-spark runs them as Spark tasks). Each result must be what {@link CandidateScore#evaluate}
     * gives for the candidate and its index, so the ranking cannot depend on where it ran.
     */
    @FunctionalInterface
    public interface Evaluator {
        /**
         * The candidates' scores by index; null for a candidate the time limit kept from starting.
         *
         * @param rungs the rungs scored ({@link #rungs})
         */
        CandidateScore[] evaluate(Dataset data, String target, List<Candidate> candidates, int[] rungs,
                                  SearchOptions options, ProgressListener progress);
    }

    /** One candidate per thread, {@code options.threads()} at once; the time limit counted from the call. */
    public static final Evaluator IN_THREADS = (data, target, candidates, rungs, options, progress) -> {
        int n = candidates.size();
        CandidateScore[] results = new CandidateScore[n];
        long start = System.nanoTime();
        long limit = options.timeLimitSeconds() > 0 ? (long) (options.timeLimitSeconds() * 1e9) : Long.MAX_VALUE;
        AtomicInteger done = new AtomicInteger();
        Workers.forEachIndex(n, options.threads(), "slaw-discover-", () -> null, (state, i) -> {
            if (System.nanoTime() - start > limit) {
                return;
            }
            results[i] = CandidateScore.evaluate(data, target, candidates.get(i), i, options.extrapolate(), rungs,
                    options.fit());
            progress.advanced(done.incrementAndGet(), n);
        });
        return results;
    };

    /** Runs the search over given candidates ({@code generated}: how many the grammar proposed in all). */
    public static Discovery run(Dataset data, String target, List<String> variables, List<Candidate> candidates,
                                int generated, SearchOptions options, ProgressListener progress) {
        return run(data, target, variables, candidates, generated, options, progress, IN_THREADS);
    }

    /** {@link #run(Dataset, String, List, List, int, SearchOptions, ProgressListener)} with the candidates evaluated by {@code evaluator}. */
    public static Discovery run(Dataset data, String target, List<String> variables, List<Candidate> candidates,
                                int generated, SearchOptions options, ProgressListener progress, Evaluator evaluator) {
        int[] rungs = rungs(data.column(options.extrapolate()), options.rungs(), options.extrapolate());
        FitOptions fit = options.fit();
        int n = candidates.size();
        long start = System.nanoTime();
        CandidateScore[] results = evaluator.evaluate(data, target, candidates, rungs, options, progress);
        if (results.length != n) {
            throw new IllegalStateException("the evaluator returned " + results.length + " scores for " + n + " candidates");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int prefix = 0;
        while (prefix < n && results[prefix] != null) {
            prefix++;
        }
        List<CandidateScore> evaluated = new ArrayList<>(Arrays.asList(results).subList(0, prefix));
        List<CandidateScore> ranked = rank(evaluated, options.tieMargin());
        double[] scales = Arrays.stream(data.column(options.extrapolate())).distinct().sorted().toArray();
        List<String> warnings = new ArrayList<>();
        Fit winnerFit = null;
        if (!ranked.isEmpty() && ranked.get(0).scored()) {
            CandidateScore w = ranked.get(0);
            List<String> notes = new ArrayList<>(fit.notes());
            notes.add(provenance(w, ranked, prefix, generated, rungs, scales, options));
            winnerFit = Fitter.fit(w.candidate().law(), data, target, fit.withThreads(options.threads()).withNotes(notes));
            warnings.addAll(warnings(w, ranked, rungs, scales, options, slack(evaluated, options.tieMargin()), prefix < n,
                    prefix, n));
            long zeros = CandidateScore.rowsAtZero(data, target);
            if (zeros > 0) {
                warnings.add(String.format(Locale.ROOT, "%s is 0 in %d of %d rows: a relative error is undefined there,"
                        + " so AIC and BIC leave those rows out, and the rows just above 0 weigh most in every relative"
                        + " error; search a loss or an error rate, or keep the rows where %s has left 0 (--where)",
                        target, zeros, data.rowCount(), target));
            }
            for (String fw : winnerFit.warnings()) {
                warnings.add("the winner's fit: " + fw);
            }
        }
        return new Discovery(target, options.extrapolate(), variables, scales, rungs, generated, n, prefix, ranked,
                winnerFit, warnings, options, seconds);
    }

    /**
     * Scored candidates first: repeatedly, among those tied with the best score left, the one
     * with the lowest BIC on every row (in-sample fit with a price of log n per parameter: the
     * tie goes to fewer parameters unless more buy a clearly better fit), then fewer parameters,
     * then the earlier one; unscored candidates after, in enumeration order. Scores tie within
     * the margin of the best, or within the noise ({@link #slack}), but never beyond
     * {@value #WIDEST_TIE} times the best.
     */
    static List<CandidateScore> rank(List<CandidateScore> scores, double tieMargin) {
        List<CandidateScore> left = new ArrayList<>(scores.stream().filter(CandidateScore::scored).toList());
        List<CandidateScore> out = new ArrayList<>();
        double slack = slack(scores, tieMargin);
        while (!left.isEmpty()) {
            double best = left.stream().mapToDouble(CandidateScore::score).min().getAsDouble();
            double edge = Math.min(WIDEST_TIE * best, Math.max(best * (1 + tieMargin), best + slack));
            CandidateScore pick = null;
            for (CandidateScore c : left) {
                if (c.score() > edge) {
                    continue;
                }
                if (pick == null || bic(c) < bic(pick) || bic(c) == bic(pick)
                        && (c.candidate().parameters() < pick.candidate().parameters()
                        || c.candidate().parameters() == pick.candidate().parameters() && c.index() < pick.index())) {
                    pick = c;
                }
            }
            out.add(pick);
            left.remove(pick);
        }
        scores.stream().filter(c -> !c.scored()).forEach(out::add);
        return out;
    }

    /**
     * The noise in a rollout score (0 without a margin): half the in-sample mean relative error of
     * the best-scored candidate. A rung's fit to noisy rows carries that noise into its
     * extrapolation, so two laws whose rollout errors differ by less are not told apart by it.
     * (The noise over the root of the held-out rows, tried instead, is too narrow: it counts only
     * the held-out rows' own noise, and cost the synthetic recovery its exponential saturation.)
     */
    static double slack(List<CandidateScore> scores, double tieMargin) {
        double noise = scores.stream().filter(CandidateScore::scored)
                .min(java.util.Comparator.comparingDouble(CandidateScore::score).thenComparingInt(CandidateScore::index))
                .map(c -> c.fit().statistics().meanRelativeError()).orElse(0.0);
        return tieMargin > 0 && Double.isFinite(noise) ? 0.5 * noise : 0;
    }

    private static double bic(CandidateScore c) {
        double a = c.bic();
        return Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
    }

    private static String provenance(CandidateScore w, List<CandidateScore> ranked, int evaluated, int generated,
                                     int[] rungs, double[] scales, SearchOptions o) {
        String cat = ranked.stream().filter(c -> c.candidate().catalogue() && c.scored()).findFirst()
                .map(c -> "; best catalogue law " + c.name() + " " + percent(c.score())).orElse("; no catalogue law scored");
        return String.format(Locale.ROOT, "found by slaw discover: rank 1 of %d candidates evaluated (%d proposed, "
                        + "at most %d parameters) by rollout along %s, rungs fitting the %s smallest of %d values, "
                        + "rollout error %s%s; ties (within %.0f%%, or half the in-sample error, never past %.1f times the best)"
                        + " to the lowest BIC",
                evaluated, generated, o.maxParameters(), o.extrapolate(),
                String.join(", ", Arrays.stream(rungs).mapToObj(Integer::toString).toList()), scales.length,
                percent(w.score()), cat, 100 * o.tieMargin(), WIDEST_TIE);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * fraction);
    }

    private static List<String> warnings(CandidateScore w, List<CandidateScore> ranked, int[] rungs, double[] scales,
                                         SearchOptions o, double slack, boolean cut, int evaluated, int asked) {
        List<String> out = new ArrayList<>();
        if (cut) {
            out.add(String.format(Locale.ROOT, "the time limit (%.3g s) stopped the search after %d of %d candidates; "
                    + "which ones finished depends on the machine's speed", o.timeLimitSeconds(), evaluated, asked));
        }
        CandidateScore.Rung last = w.rungs().get(w.rungs().size() - 1);
        if (last.heldOutRows() < FEW_HELD_OUT || scales.length - rungs[rungs.length - 1] < 2 && rungs.length < 2) {
            out.add("the rollout scores few held-out points (" + last.heldOutRows() + " row"
                    + (last.heldOutRows() == 1 ? "" : "s") + " beyond the last rung, " + scales.length + " distinct values of "
                    + o.extrapolate() + "): the ranking may be chance");
        }
        if (!w.candidate().law().variables().contains(o.extrapolate())) {
            out.add("the winner does not use " + o.extrapolate() + ", the variable the rollout extrapolated along: it"
                    + " predicts the same at any " + o.extrapolate() + ", and won because the laws that use "
                    + o.extrapolate() + " extrapolated worse in it on these rows; check that the table varies "
                    + o.extrapolate() + " apart from the other variables, or extrapolate along another (--extrapolate)");
        }
        if (w.score() > POOR) {
            out.add("even the winner misses the rows beyond each rung by " + percent(w.score()) + " on average: no candidate"
                    + " extrapolates " + o.extrapolate() + " on these rows, so the ranking compares poor extrapolations;"
                    + " do not predict with the winner beyond the data");
        }
        CandidateScore lowest = ranked.stream().filter(CandidateScore::scored)
                .min(java.util.Comparator.comparingDouble(CandidateScore::score)).orElse(w);
        if (lowest != w) {
            out.add("the lowest rollout error is " + lowest.name() + "'s (" + percent(lowest.score()) + " against the winner's "
                    + percent(w.score()) + "), a tie within the noise that the winner's "
                    + (bic(w) < bic(lowest) ? "lower BIC" : "fewer parameters") + " broke (" + w.candidate().parameters()
                    + " parameters against " + lowest.candidate().parameters() + ")");
        }
        CandidateScore cat = ranked.stream().filter(c -> c.candidate().catalogue() && c.scored()).findFirst().orElse(null);
        if (cat == null) {
            out.add("no catalogue law over these variables was scored: nothing published to compare the winner against");
        } else if (!w.candidate().catalogue()) {
            if (w.score() >= Math.min(cat.score() * (1 - o.tieMargin()), cat.score() - slack)) {
                boolean inSample = w.fit() != null && cat.fit() != null
                        && w.fit().statistics().rSquared() > cat.fit().statistics().rSquared();
                out.add("the winner extrapolates no better than the catalogue law " + cat.name() + " (rollout error "
                        + percent(w.score()) + " against " + percent(cat.score()) + ", a tie)"
                        + (inSample ? ": its edge is in-sample fit only" : ": out of sample the data do not tell them apart"));
            }
        }
        return out;
    }
}
