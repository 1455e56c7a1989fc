package dev.slaw.io.document;

import dev.slaw.fit.Fit;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings of the fits a decision was drawn from (a plan, a prediction, an optimum mixture):
 * a plan made with a fit that did not converge is only as good as that fit, so its doubts are
 * printed under the decision, and kept in its JSON, by this one piece for every command.
 *
 * @param lines each warning, labelled with its fit where a decision drew on several
 */
public record FitWarnings(List<String> lines) {
    /** The key the warnings take in a JSON document. */
    public static final String KEY = "fit_warnings";

    public FitWarnings {
        lines = List.copyOf(lines);
    }

    /** No fit, or fits without warnings (a law at given values). */
    public static FitWarnings none() {
        return new FitWarnings(List.of());
    }

    /** The warnings of the one fit a decision was drawn from. */
    public static FitWarnings of(Fit fit) {
        return new FitWarnings(fit.warnings());
    }

    /** These warnings and another fit's, each line labelled with {@code label} (a file, a step). */
    public FitWarnings and(String label, Fit fit) {
        return and(label, fit.warnings());
    }

    /** These warnings and {@code warnings} (a bootstrap's, say), each labelled with {@code label}. */
    public FitWarnings and(String label, List<String> warnings) {
        List<String> all = new ArrayList<>(lines);
        warnings.forEach(w -> all.add(label + ": " + w));
        return new FitWarnings(all);
    }

    /** These warnings and the decision's own ({@code more}: how far a prediction reaches beyond the data, say). */
    public FitWarnings with(List<String> more) {
        List<String> all = new ArrayList<>(lines);
        all.addAll(more);
        return new FitWarnings(all);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * A blank line, {@code fit warnings:} and a line per warning, to stand under the decision's
     * text; nothing when there are none.
     */
    public String text() {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\nfit warnings:\n");
        lines.forEach(w -> text.append("  ").append(w).append('\n'));
        return text.toString();
    }

    /**
     * {@code [[Fit warnings]]} and a line per warning, for a decision printed as a sectioned report
     * (as {@code slaw fit} prints its own {@code [[Warnings]]}); nothing when there are none.
     */
    public String section() {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("[[Fit warnings]]\n");
        lines.forEach(w -> text.append("    ").append(w).append('\n'));
        return text.toString();
    }

    /** {@code document} with {@code fit_warnings}: always present, so that its shape does not depend on the fit. */
    public JsonObject putInto(JsonObject document) {
        return document.putTexts(KEY, lines);
    }
}
