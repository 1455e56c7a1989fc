package dev.slaw.io.document;

import dev.slaw.fit.FittedParameter;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A sensitivity sweep as documents ({@code slaw sensitivity}); the text is written to a string. */
public final class SensitivityDocuments {
    private SensitivityDocuments() {
    }

    /** Parameter names over every fitted choice, in first-seen order. */
    private static List<String> parameterNames(SensitivityResult r) {
        Set<String> names = new LinkedHashSet<>();
        for (SensitivitySweep.Outcome o : r.outcomes()) {
            if (!o.failed()) {
                for (FittedParameter fp : o.fit().parameters()) {
                    names.add(fp.name());
                }
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The sweep: its baseline, one row per choice (parameters, objective, the prediction and the
     * allocation asked for, status), failures and notes, and the spread of D/N.
     */
    public static String text(SensitivityResult r) {
        StringWriter text = new StringWriter();
        PrintWriter o = new PrintWriter(text);
        SensitivitySweep s = r.sweep();
        o.println("[[Sensitivity sweep]]");
        o.printf(Locale.ROOT, "    choices      %d (%d failed, %d did not converge), %.1f s%n", r.outcomes().size(),
                r.failedCount(), r.notConvergedCount(), r.elapsedMillis() / 1000);
        SensitivitySweep.Choice b = s.choices().get(0);
        o.printf(Locale.ROOT, "    baseline     law %s; %s; %s; %s; data: %s%n", b.law().name(),
                b.options().objective().describe(), b.options().optimizer().name().toLowerCase(Locale.ROOT),
                b.options().starts().describe(), b.data().describe());
        List<String> names = parameterNames(r);
        List<String> header = new ArrayList<>(List.of("aspect", "choice", "rows"));
        header.addAll(names);
        header.add("objective");
        String atText = s.at().isEmpty() ? null : pointText(s.at());
        if (atText != null) {
            header.add(r.target() + "@" + atText);
        }
        boolean allocation = !Double.isNaN(s.computeFlops());
        if (allocation) {
            String c = Numbers.compact(s.computeFlops());
            header.addAll(List.of("N_opt@" + c, "D_opt@" + c, "D/N@" + c));
        }
        header.add("status");
        List<List<String>> rows = new ArrayList<>();
        for (SensitivitySweep.Outcome out : r.outcomes()) {
            List<String> cells = new ArrayList<>(List.of(out.choice().aspect(), out.choice().name(),
                    Integer.toString(out.rows())));
            for (String n : names) {
                cells.add(out.failed() ? "-" : out.fit().parameter(n).map(fp -> num(fp.value())).orElse("-"));
            }
            cells.add(out.failed() ? "-" : num(out.fit().objectiveValue()));
            if (atText != null) {
                cells.add(num(out.predictedLoss()));
            }
            if (allocation) {
                boolean has = out.allocation() != null;
                cells.add(has ? num(out.allocation().parameterCount()) : "-");
                cells.add(has ? num(out.allocation().tokenCount()) : "-");
                cells.add(has ? num(out.tokensPerParameter()) : "-");
            }
            cells.add(out.failed() ? "failed" : out.converged() ? "ok" : "not converged");
            rows.add(cells);
        }
        o.print(new Table(header, rows).text());
        for (SensitivitySweep.Outcome out : r.outcomes()) {
            if (out.failed()) {
                o.println("    " + out.choice().name() + " failed: " + out.failure());
            }
            for (String note : out.notes()) {
                o.println("    " + out.choice().name() + ": " + note);
            }
        }
        if (allocation) {
            double[] range = r.tokensPerParameterRange();
            o.printf(Locale.ROOT, "    D/N at %s FLOPs over converged choices: %s to %s%n",
                    Numbers.compact(s.computeFlops()), num(range[0]), num(range[1]));
        }
        o.flush();
        return text.toString();
    }

    private static String pointText(Map<String, Double> point) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : point.entrySet()) {
            parts.add(e.getKey() + "=" + Numbers.compact(e.getValue()));
        }
        return String.join(",", parts);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The sweep: its counts, the D/N range, and every outcome with its choice, parameters and predictions. */
    public static JsonObject json(SensitivityResult r) {
        SensitivitySweep s = r.sweep();
        JsonObject root = new JsonObject();
        root.put("target", r.target());
        root.putNumbers("at", s.at());
        if (!Double.isNaN(s.computeFlops())) {
            root.put("compute_flops", s.computeFlops());
        }
        root.put("choices", r.outcomes().size());
        root.put("failed", r.failedCount());
        root.put("not_converged", r.notConvergedCount());
        double[] range = r.tokensPerParameterRange();
        root.put("tokens_per_parameter_min", range[0]);
        root.put("tokens_per_parameter_max", range[1]);
        root.put("elapsed_ms", r.elapsedMillis());
        JsonArray list = root.putArray("outcomes");
        for (SensitivitySweep.Outcome out : r.outcomes()) {
            SensitivitySweep.Choice c = out.choice();
            JsonObject n = list.addObject();
            n.put("aspect", c.aspect());
            n.put("choice", c.name());
            n.put("law", c.law().name());
            n.put("objective", c.options().objective().describe());
            n.put("optimizer", c.options().optimizer().name().toLowerCase(Locale.ROOT));
            n.put("starts", c.options().starts().describe());
            n.put("data", c.data().describe());
            n.put("rows", out.rows());
            n.put("status", out.failed() ? "failed" : out.converged() ? "ok" : "not converged");
            if (out.failed()) {
                n.put("failure", out.failure());
                continue;
            }
            n.putNumbers("parameters", out.fit().valueMap());
            n.put("objective_value", out.fit().objectiveValue());
            n.put("starts_reaching_best", out.fit().starts().reachedBest());
            if (!s.at().isEmpty()) {
                n.put("predicted", out.predictedLoss());
            }
            if (out.allocation() != null) {
                n.put("parameter_count", out.allocation().parameterCount());
                n.put("token_count", out.allocation().tokenCount());
                n.put("tokens_per_parameter", out.tokensPerParameter());
                n.put("allocation_method", out.allocation().method().name().toLowerCase(Locale.ROOT));
            }
            n.putTexts("notes", out.notes());
        }
        return root;
    }
}
