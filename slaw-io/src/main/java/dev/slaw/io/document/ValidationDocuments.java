package dev.slaw.io.document;

import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import dev.slaw.uncertainty.HeldOutScores;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Rollout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Held-out validation and rollouts as documents ({@code slaw validate}). The text is written
 * to a string, never to the terminal.
 */
public final class ValidationDocuments {
    private ValidationDocuments() {
    }

    /**
     * A held-out validation: the holdout, the fit on the rest, each held-out row against its
     * intervals, and the summary (relative errors, scores, coverage).
     */
    public static String text(HeldOutValidation v, String target) {
        return text(v, target, List.of());
    }

    /**
     * As {@link #text(HeldOutValidation, String)}, with the trend's shape warnings read over all rows
     * (held out too: a shape change there is what makes the extrapolation fail).
     */
    public static String text(HeldOutValidation v, String target, List<String> trend) {
        StringWriter text = new StringWriter();
        PrintWriter o = new PrintWriter(text);
        String pct = Numbers.compact(100 * v.level());
        o.println("[[Held-out validation]]");
        o.printf(Locale.ROOT, "    holdout      %s: %d rows held out, %d fitted%n", v.holdout().describe(),
                v.rows().size(), v.trainingRows());
        o.printf(Locale.ROOT, "    fit          %s%n", v.fit());
        // the resampling unit says what the intervals assume (single steps of a loss curve are not independent)
        o.printf(Locale.ROOT, "    bootstrap    %d of %d replicates refitted (%d failed), resampling %s, seed %d%n",
                v.bootstrap().successful(), v.bootstrap().options().replicates(), v.bootstrap().failures().size(),
                BootstrapDocuments.resampling(v.bootstrap()), v.bootstrap().options().seed());
        for (String w : trend) {
            o.printf(Locale.ROOT, "    trend        all %d rows, held out too: %s%n", v.trainingRows() + v.rows().size(), w);
        }
        o.println("[[Held-out rows]]");
        List<String> header = new ArrayList<>();
        header.add("row");
        List<String> vars = v.fit().law().variables();
        header.addAll(vars);
        header.addAll(List.of(target, "predicted", pct + "% confidence", pct + "% prediction", "rel error", "covered"));
        List<List<String>> rows = new ArrayList<>();
        for (HeldOutValidation.HeldOutRow r : v.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.rowNumber()));
            for (String x : vars) {
                cells.add(String.format(Locale.ROOT, "%.4g", r.point().get(x)));
            }
            cells.add(String.format(Locale.ROOT, "%.5f", r.observed()));
            cells.add(String.format(Locale.ROOT, "%.5f", r.prediction().estimate()));
            cells.add(String.format(Locale.ROOT, "%.5f - %.5f", r.prediction().confidence().lower(),
                    r.prediction().confidence().upper()));
            cells.add(String.format(Locale.ROOT, "%.5f - %.5f", r.prediction().prediction().lower(),
                    r.prediction().prediction().upper()));
            cells.add(String.format(Locale.ROOT, "%.2f%%", 100 * r.relativeError()));
            cells.add(r.confidenceCovers() && r.predictionCovers() ? "both" : r.predictionCovers() ? "prediction"
                    : r.confidenceCovers() ? "confidence" : "no");
            rows.add(cells);
        }
        o.print(new Table(header, rows).text());
        o.println("[[Summary]]");
        o.printf(Locale.ROOT, "    relative error   mean %.2f%%, max %.2f%%%n", 100 * v.meanRelativeError(),
                100 * v.maxRelativeError());
        o.printf(Locale.ROOT, "    scores           %s%n", scores(v.scores()));
        o.printf(Locale.ROOT, "    coverage         %s%% confidence intervals %.0f%%, %s%% prediction intervals %.0f%% "
                + "(%d rows)%n", pct, 100 * v.confidenceCoverage(), pct, 100 * v.predictionCoverage(), v.rows().size());
        o.flush();
        return text.toString();
    }

    /** A rollout: one row per rung k (fitted on the k smallest scales), its scores on the next and larger scales. */
    public static String text(Rollout r) {
        StringWriter text = new StringWriter();
        PrintWriter o = new PrintWriter(text);
        o.printf(Locale.ROOT, "[[Rollout over %s]]%n", r.column());
        o.printf(Locale.ROOT, "    fit on the k smallest of %d values of %s, score the next one and every larger one%n",
                r.scales().length, r.column());
        List<List<String>> rows = new ArrayList<>();
        for (Rollout.Step s : r.steps()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(s.fittedScales()), g(s.largestFitted()),
                    Integer.toString(s.trainingRows()), g(s.nextScale())));
            if (!s.fitted()) {
                cells.addAll(List.of("-", "-", "-", "-", "-", "-", "-"));
            } else {
                cells.add(pct(s.next().meanRelativeError()));
                cells.add(Integer.toString(s.larger().rows()));
                cells.add(fixed(s.larger().rSquared()));
                cells.add(fixed(s.larger().nmse()));
                cells.add(fixed(s.larger().nmae()));
                cells.add(pct(s.larger().meanRelativeError()));
                cells.add(pct(s.larger().maxRelativeError()));
            }
            rows.add(cells);
        }
        o.print(new Table(List.of("k", "fitted up to", "rows", "next", "next rel err", "larger rows", "R-squared",
                "NMSE", "NMAE", "mean rel err", "max rel err"), rows).text());
        for (Rollout.Step s : r.steps()) {
            if (!s.fitted()) {
                o.printf(Locale.ROOT, "    k = %d not fitted: %s%n", s.fittedScales(), s.failure());
            } else {
                // a rung's fit may be degenerate (one scale cannot fix an exponent): its warnings say so
                for (String w : s.fit().warnings()) {
                    o.printf(Locale.ROOT, "    k = %d fit warns: %s%n", s.fittedScales(), w);
                }
            }
        }
        o.flush();
        return text.toString();
    }

    /**
     * The held-out rows as a table for a spreadsheet: the row, the point's variables, observed and
     * predicted values, both intervals, the relative error and what covered the observation.
     */
    public static Table csvTable(HeldOutValidation v, String target) {
        List<String> vars = v.fit().law().variables();
        List<String> header = new ArrayList<>(List.of("row"));
        header.addAll(vars);
        header.addAll(List.of(target, "predicted", "median", "confidence_lower", "confidence_upper", "prediction_lower",
                "prediction_upper", "level", "relative_error", "confidence_covers", "prediction_covers"));
        List<List<String>> rows = new ArrayList<>();
        for (HeldOutValidation.HeldOutRow r : v.rows()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(r.rowNumber())));
            vars.forEach(x -> cells.add(Double.toString(r.point().get(x))));
            for (double x : new double[]{r.observed(), r.prediction().estimate(), r.prediction().median(),
                    r.prediction().confidence().lower(), r.prediction().confidence().upper(),
                    r.prediction().prediction().lower(), r.prediction().prediction().upper(), v.level(),
                    r.relativeError()}) {
                cells.add(Double.isFinite(x) ? Double.toString(x) : "");
            }
            cells.add(Boolean.toString(r.confidenceCovers()));
            cells.add(Boolean.toString(r.predictionCovers()));
            rows.add(cells);
        }
        return new Table(header, rows);
    }

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A rollout: the scales, and each rung's fit, warnings and scores (or why it was not fitted). */
    public static JsonObject json(Rollout r, String target) {
        JsonObject root = new JsonObject();
        root.put("rollout", r.column());
        root.put("target", target);
        JsonArray scales = root.putArray("scales");
        for (double x : r.scales()) {
            scales.add(x);
        }
        JsonArray steps = root.putArray("steps");
        for (Rollout.Step s : r.steps()) {
            JsonObject n = steps.addObject();
            n.put("fitted_scales", s.fittedScales());
            n.put("largest_fitted", s.largestFitted());
            n.put("training_rows", s.trainingRows());
            n.put("next_scale", s.nextScale());
            if (!s.fitted()) {
                n.put("failure", s.failure());
                continue;
            }
            n.put("fit", s.fit().toString());
            n.putTexts("warnings", s.fit().warnings());
            putScores(n.putObject("next"), s.next());
            putScores(n.putObject("larger"), s.larger());
        }
        return root;
    }

    /** R-squared, NMSE and NMAE on one line; "n/a" where the held-out values do not spread. */
    public static String scores(HeldOutScores s) {
        if (Double.isNaN(s.nmse())) {
            return "R-squared, NMSE, NMAE n/a: the held-out values do not spread (" + s.rows() + " rows)";
        }
        return String.format(Locale.ROOT, "R-squared %.4f, NMSE %.4f, NMAE %.4f (pooled over %d rows)", s.rSquared(),
                s.nmse(), s.nmae(), s.rows());
    }

    /** The scores; one without spread to normalise by is null. */
    private static void putScores(JsonObject node, HeldOutScores s) {
        node.put("rows_scored", s.rows());
        node.put("r_squared", s.rSquared());
        node.put("nmse", s.nmse());
        node.put("nmae", s.nmae());
        node.put("mean_relative_error", s.meanRelativeError());
        node.put("max_relative_error", s.maxRelativeError());
    }

    /** A held-out validation: its summary, every held-out row beside the point's variables, and the fit on the rest. */
    public static JsonObject json(HeldOutValidation v, String target) {
        return json(v, target, List.of());
    }

    /** As {@link #json(HeldOutValidation, String)}, with the trend's shape warnings over all rows. */
    public static JsonObject json(HeldOutValidation v, String target, List<String> trend) {
        JsonObject root = new JsonObject();
        root.put("holdout", v.holdout().describe());
        root.put("target", target);
        root.put("level", v.level());
        root.put("training_rows", v.trainingRows());
        root.put("held_out_rows", v.rows().size());
        root.putTexts("trend_warnings", trend);
        JsonObject boot = root.putObject("bootstrap");
        boot.put("replicates", v.bootstrap().options().replicates());
        boot.put("successful", v.bootstrap().successful());
        boot.put("failed", v.bootstrap().failures().size());
        boot.put("not_converged", v.bootstrap().notConverged());
        boot.put("seed", v.bootstrap().options().seed());
        JsonObject summary = root.putObject("summary");
        summary.put("mean_relative_error", v.meanRelativeError());
        summary.put("max_relative_error", v.maxRelativeError());
        summary.put("confidence_coverage", v.confidenceCoverage());
        summary.put("prediction_coverage", v.predictionCoverage());
        putScores(summary, v.scores());
        JsonArray rows = root.putArray("rows");
        for (HeldOutValidation.HeldOutRow r : v.rows()) {
            // beside the point's variables, named as the user named them
            JsonObject n = JsonObject.ofNames();
            rows.add(n);
            n.put("row", r.rowNumber());
            for (Map.Entry<String, Double> e : r.point().entrySet()) {
                n.put(e.getKey(), e.getValue());
            }
            n.put("observed", r.observed());
            n.put("predicted", r.prediction().estimate());
            n.put("median", r.prediction().median());
            n.put("confidence_lower", r.prediction().confidence().lower());
            n.put("confidence_upper", r.prediction().confidence().upper());
            n.put("prediction_lower", r.prediction().prediction().lower());
            n.put("prediction_upper", r.prediction().prediction().upper());
            n.put("relative_error", r.relativeError());
            n.put("confidence_covers", r.confidenceCovers());
            n.put("prediction_covers", r.predictionCovers());
        }
        root.put("fit", FitJson.document(v.fit()));
        return root;
    }
}
