package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.mixture.Proportions;
import dev.slaw.mixture.RankAgreement;

import java.util.Locale;

/**
 * Data mixtures as documents ({@code slaw mixture}): how a fit's predictions rank the mixtures of
 * a table, and what the proportion check did to it.
 */
public final class MixtureDocuments {
    private MixtureDocuments() {
    }

    /** {@code test_1m.csv: 256 mixtures, pile_cc: Spearman rho 0.9812, mean |error| 0.0123}. */
    public static String agreementText(String source, String target, RankAgreement a) {
        return String.format(Locale.ROOT, "%s: %d mixtures, %s: Spearman rho %.4f, mean |error| %.4f", source,
                a.rows(), target, a.spearman(), a.meanAbsoluteError());
    }

    public static JsonObject agreementJson(String source, String target, RankAgreement a) {
        JsonObject o = new JsonObject();
        o.put("data", source);
        o.put("target", target);
        o.put("rows", a.rows());
        o.put("spearman_rho", a.spearman());
        o.put("mean_absolute_error", a.meanAbsoluteError());
        return o;
    }

    /** The proportion check's line, or empty when every row summed to 1. */
    public static String checkText(String source, Proportions p) {
        String note = p.note();
        return note.isEmpty() ? "" : source + ": " + note;
    }
}
