package dev.slaw.io.document;

import dev.slaw.fit.Fit;
import dev.slaw.fit.FittedParameter;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HuberLikelihood;
import dev.slaw.uncertainty.ParameterComparison;
import dev.slaw.uncertainty.ParameterSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A maximum-likelihood fit ({@code slaw likelihood}) as documents: its parameters and the noise
 * scale with their standard errors, beside a saved bootstrap's standard errors and the
 * chi-squared comparison when they were asked for.
 */
public final class LikelihoodDocuments {
    private LikelihoodDocuments() {
    }

    /**
     * A bootstrap read from a file, to report beside the likelihood's standard errors.
     *
     * @param result     the bootstrap
     * @param source     the file it was read from, as the user named it
     * @param comparison the chi-squared test of other values against the likelihood's, or null
     */
    public record Beside(BootstrapResult result, String source, ParameterComparison comparison) {
    }

    /**
     * The summary (law, rows, negative log-likelihood, how the optimiser stopped), the law's
     * parameters then sigma each with its standard error (and the bootstrap's, where given),
     * the bootstrap and comparison when given, and the fit itself as a saved fit file holds it.
     *
     * @param beside the bootstrap reported beside, or null
     */
    public static JsonObject json(HuberLikelihood.Result ml, Beside beside) {
        Fit fit = ml.fit();
        Map<String, Double> bootstrapErrors = bootstrapErrors(beside);
        JsonObject root = new JsonObject();
        root.put("law", fit.law().name());
        root.put("target", fit.target());
        root.put("rows", fit.statistics().rows());
        root.put("delta", ml.delta());
        root.put("negative_log_likelihood", fit.objectiveValue());
        root.put("converged", fit.convergence().converged());
        root.put("message", fit.convergence().reason());
        JsonArray ps = root.putArray("parameters");
        for (FittedParameter e : estimates(ml)) {
            JsonObject o = ps.addObject();
            o.put("name", e.name());
            o.put("value", e.value());
            o.put("standard_error", e.standardError());
            if (bootstrapErrors.containsKey(e.name())) {
                o.put("bootstrap_standard_error", bootstrapErrors.get(e.name()));
            }
        }
        if (beside != null) {
            root.put("bootstrap", beside.source());
            root.put("bootstrap_replicates", beside.result().successful());
            if (beside.comparison() != null) {
                root.put("comparison", BootstrapDocuments.json(beside.comparison()));
            }
        }
        root.put("fit", FitJson.document(fit));
        return root;
    }

    /**
     * The report: the summary, then the parameters with the scores' standard errors, or with the
     * bootstrap's beside them as a table, then the comparison.
     *
     * @param beside the bootstrap reported beside, or null
     */
    public static String text(HuberLikelihood.Result ml, Beside beside) {
        Fit fit = ml.fit();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "[[Maximum likelihood]]%n    law          %s%n    rows         %d%n",
                fit.law().formula(), fit.statistics().rows()));
        out.append(String.format(Locale.ROOT, "    -log L       %.6f (Huber density, delta %s, fitted scale sigma)%n",
                fit.objectiveValue(), ml.delta()));
        out.append(String.format(Locale.ROOT, "    optimiser    %s after %d iterations%n", fit.convergence().reason(),
                fit.convergence().iterations()));
        if (beside == null) {
            out.append(String.format("[[Parameters]]   (standard errors from the outer product of per-row scores)%n"));
            for (FittedParameter e : estimates(ml)) {
                out.append(String.format(Locale.ROOT, "    %-8s %-14.6g +/- %.4g%n", e.name(), e.value(),
                        e.standardError()));
            }
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "    bootstrap    %s: %d replicates, starts %s%n", beside.source(),
                beside.result().successful(), beside.result().startsDescription()));
        Map<String, Double> bootstrapErrors = bootstrapErrors(beside);
        List<List<String>> rows = new ArrayList<>();
        for (FittedParameter e : estimates(ml)) {
            Double b = bootstrapErrors.get(e.name());
            rows.add(List.of(e.name(), BootstrapDocuments.num(e.value()), BootstrapDocuments.num(e.standardError()),
                    b == null ? "-" : BootstrapDocuments.num(b)));
        }
        out.append(String.format("[[Parameters]]%n"));
        out.append(new Table(List.of("parameter", "estimate", "se (scores)", "se (bootstrap)"), rows).text());
        if (beside.comparison() != null) {
            out.append(BootstrapDocuments.text(beside.comparison()));
        }
        return out.toString();
    }

    /** The law's parameters, then sigma. */
    private static List<FittedParameter> estimates(HuberLikelihood.Result ml) {
        List<FittedParameter> all = new ArrayList<>(ml.fit().parameters());
        all.add(ml.sigma());
        return all;
    }

    private static Map<String, Double> bootstrapErrors(Beside beside) {
        Map<String, Double> errors = new LinkedHashMap<>();
        if (beside != null) {
            for (ParameterSummary s : beside.result().parameters()) {
                errors.put(s.name(), s.standardError());
            }
        }
        return errors;
    }
}
