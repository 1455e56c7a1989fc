package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.mixture.Proportions;
import dev.slaw.mixture.RankAgreement;
import dev.slaw.mixture.WeightedTarget;

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

    /**
     * A weighted target's one fit against its columns' fits combined:
     * {@code weighted target avg = ...: rms residual 0.0263 (this fit), 0.00812 (each column fitted alone, combined)}.
     */
    public static String weightedText(String source, WeightedTarget w) {
        return String.format(Locale.ROOT, "%s: weighted target %s = %s: rms error %.4g (this fit), %.4g (each column"
                + " fitted alone, combined)", source, w.target(), w.expression(), w.rmsOne(), w.rmsColumns());
    }

    public static JsonObject weightedJson(String source, WeightedTarget w) {
        JsonObject o = new JsonObject();
        o.put("data", source);
        o.put("target", w.target());
        o.put("expression", w.expression());
        o.put("rms_error", w.rmsOne());
        o.put("rms_error_columns_combined", w.rmsColumns());
        return o;
    }

    /** The proportion check's line, or empty when every row summed to 1. */
    public static String checkText(String source, Proportions p) {
        String note = p.note();
        return note.isEmpty() ? "" : source + ": " + note;
    }
}
