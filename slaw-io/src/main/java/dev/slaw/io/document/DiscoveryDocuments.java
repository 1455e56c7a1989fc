package dev.slaw.io.document;

import dev.slaw.discover.CandidateScore;
import dev.slaw.discover.Discovery;
import dev.slaw.discover.Search;
import dev.slaw.fit.FitStatistics;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A law search ({@code slaw discover}) as documents: the ranked candidates, the winner's formula
 * and fit, the best catalogue law beside it, and the warnings.
 */
public final class DiscoveryDocuments {
    private DiscoveryDocuments() {
    }

    /** The search, the ranking (the first {@code shown} candidates), the winner and the warnings. */
    public static String text(Discovery d, int shown) {
        StringWriter text = new StringWriter();
        PrintWriter o = new PrintWriter(text);
        o.println("[[Search]]");
        o.printf(Locale.ROOT, "    target       %s over %s%n", d.target(), String.join(", ", d.variables()));
        o.printf(Locale.ROOT, "    rollout      along %s: fit the k smallest of %d values, score every larger one, k = %s%n",
                d.extrapolate(), d.scales().length, String.join(", ", Arrays.stream(d.rungs()).mapToObj(Integer::toString).toList()));
        o.printf(Locale.ROOT, "    candidates   %d proposed (equivalent forms merged, at most %d parameters), %d evaluated, %d scored, "
                        + "%.1f s (%.1f per second)%n", d.generated(), d.options().maxParameters(), d.evaluated(), d.scoredCount(),
                d.seconds(), d.evaluated() / Math.max(d.seconds(), 1e-9));
        o.printf(Locale.ROOT, "    ranking      mean held-out relative error over the rungs (AIC, BIC from relative residuals); ties (within %.0f%% of the best, or half the leader's "
                        + "in-sample error, never past %.1f times the best) go to the lowest BIC%n",
                100 * d.options().tieMargin(), Search.WIDEST_TIE);
        o.println("[[Ranking]]");
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (CandidateScore c : d.ranked()) {
            if (rank >= shown) {
                break;
            }
            rank++;
            rows.add(row(rank, c));
        }
        o.print(new Table(List.of("rank", "rollout err", "last rung", "params", "AIC", "BIC", "R-squared", "family", "law"),
                rows).text());
        if (d.ranked().size() > shown) {
            o.printf(Locale.ROOT, "    ... %d more (--top to show them, --json for all)%n", d.ranked().size() - shown);
        }
        d.bestCatalogue().ifPresent(c -> o.printf(Locale.ROOT, "    best catalogue law: %s, rank %d, rollout error %s%n",
                c.name(), d.ranked().indexOf(c) + 1, pct(c.score())));
        d.winnerFit().ifPresent(w -> {
            o.println("[[Winner]]");
            o.printf(Locale.ROOT, "    law          %s%n", w.law().formula());
            o.printf(Locale.ROOT, "    fitted       %s%n", w);
            CandidateScore top = d.ranked().get(0);
            o.printf(Locale.ROOT, "    rollout      %s%n", String.join("; ", top.rungs().stream().map(r -> String.format(Locale.ROOT,
                    "k = %d (%d rows fitted): %s on %d held out", r.fittedScales(), r.trainingRows(),
                    pct(r.meanRelativeError()), r.heldOutRows())).toList()));
        });
        for (String w : d.warnings()) {
            o.printf(Locale.ROOT, "    warning: %s%n", w);
        }
        o.flush();
        return text.toString();
    }

    private static List<String> row(int rank, CandidateScore c) {
        FitStatistics s = c.fit() == null ? null : c.fit().statistics();
        return List.of(Integer.toString(rank), c.scored() ? pct(c.score()) : "-", c.scored() ? pct(c.lastRungError()) : "-",
                Integer.toString(c.candidate().parameters()), s == null ? "-" : fixed(c.aic()), s == null ? "-" : fixed(c.bic()),
                s == null ? "-" : String.format(Locale.ROOT, "%.4f", s.rSquared()), c.candidate().family(),
                c.candidate().catalogue() ? c.name() : c.candidate().formula());
    }

    /** Every evaluated candidate with its rungs, the winner's fit document and the warnings. */
    public static JsonObject json(Discovery d) {
        JsonObject root = new JsonObject();
        root.put("target", d.target());
        JsonArray vars = root.putArray("variables");
        d.variables().forEach(vars::add);
        root.put("extrapolate", d.extrapolate());
        JsonArray scales = root.putArray("scales");
        for (double x : d.scales()) {
            scales.add(x);
        }
        JsonArray rungs = root.putArray("rungs");
        for (int k : d.rungs()) {
            rungs.add(k);
        }
        root.put("max_params", d.options().maxParameters());
        root.put("tie_margin", d.options().tieMargin());
        root.put("seed", d.options().fit().seed());
        root.put("proposed", d.generated());
        root.put("asked", d.asked());
        root.put("evaluated", d.evaluated());
        root.put("seconds", d.seconds());
        JsonArray ranked = root.putArray("ranked");
        for (CandidateScore c : d.ranked()) {
            JsonObject n = ranked.addObject();
            n.put("law", c.candidate().catalogue() ? c.name() : c.candidate().formula());
            n.put("formula", c.candidate().formula());
            n.put("family", c.candidate().family());
            n.put("catalogue", c.candidate().catalogue());
            n.put("canonical", c.candidate().canonical());
            n.put("parameters", c.candidate().parameters());
            if (c.scored()) {
                n.put("rollout_error", c.score());
            }
            if (!c.failure().isEmpty()) {
                n.put("failure", c.failure());
            }
            JsonArray rs = n.putArray("rungs");
            for (CandidateScore.Rung r : c.rungs()) {
                JsonObject rn = rs.addObject();
                rn.put("fitted_scales", r.fittedScales());
                rn.put("largest_fitted", r.largestFitted());
                rn.put("training_rows", r.trainingRows());
                rn.put("held_out_rows", r.heldOutRows());
                rn.put("mean_relative_error", r.meanRelativeError());
            }
            if (c.fit() != null) {
                FitStatistics s = c.fit().statistics();
                n.put("aic", c.aic());
                n.put("bic", c.bic());
                n.put("r_squared", s.rSquared());
                n.put("fit", c.fit().toString());
            }
        }
        d.bestCatalogue().ifPresent(c -> root.put("best_catalogue", c.name()));
        d.winnerFit().ifPresent(w -> root.put("winner", FitJson.document(w)));
        root.putTexts("warnings", d.warnings());
        return root;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * v);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
