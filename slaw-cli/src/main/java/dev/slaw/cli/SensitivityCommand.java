package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.FittedParameter;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.Table;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.plots.SensitivityPlot;
import dev.slaw.uncertainty.DataFilter;
import dev.slaw.uncertainty.RowCondition;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code slaw sensitivity}: refit under each standard variation of form, loss, optimiser, starts
 * and data, and tabulate how the parameters, a prediction and the compute-optimal D/N move.
 */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sensitivity sweep: refit across law forms, losses, optimisers, start grids and data filters.",
        footer = {"", "Example (the (Mis)Fitting ladder; final checkpoints, best learning rate per N and D):",
                "  slaw sensitivity examples/misfitting/scaling_results.csv --law chinchilla \\",
                "    --baseline \"portion_steps_elapsed == 1\" --lowest-per N,D \\",
                "    --data-choice \"portion_steps_elapsed >= 0.5\" --compute 5.88e23 --at N=70e9,D=1.4e12"})
public final class SensitivityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();

    @Option(names = "--baseline", paramLabel = "CONDITION",
            description = "A condition on the baseline's rows, e.g. \"portion_steps_elapsed == 1\" (final checkpoints). "
                    + "Repeatable; --data-choice replaces these.")
    List<String> baseline = new ArrayList<>();

    @Option(names = "--lowest-per", paramLabel = "COLUMN", split = ",",
            description = "Within each group equal in these columns keep only the lowest-target row, e.g. N,D "
                    + "(the best learning rate); a choice without it is added.")
    List<String> lowestPer = new ArrayList<>();

    @Option(names = "--data-choice", paramLabel = "CONDITION[;CONDITION...]",
            description = "A further data choice: these conditions instead of the baseline's. Repeatable.")
    List<String> dataChoices = new ArrayList<>();

    @Option(names = "--compute", paramLabel = "FLOPS", defaultValue = "5.88e23",
            description = "Report the compute-optimal N, D and D/N at this compute, C = 6 N D (default: ${DEFAULT-VALUE}).")
    double compute;

    @Option(names = "--at", paramLabel = "VAR=VALUE,...",
            description = "Predict the target at this point, e.g. N=70e9,D=1.4e12.")
    String at;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        // conditions are checked before loading and fitting, so a typo fails at once
        List<RowCondition> base = new ArrayList<>();
        for (String c : baseline) {
            base.add(RowCondition.parse(c));
        }
        List<List<RowCondition>> variations = new ArrayList<>();
        for (String choice : dataChoices) {
            List<RowCondition> v = new ArrayList<>();
            for (String c : choice.split(";")) {
                v.add(RowCondition.parse(c));
            }
            variations.add(v);
        }
        Map<String, Double> point = at == null ? Map.of() : Assignments.list(at, "--at");
        LoadedDataset loaded = data.load(source);
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        for (String v : point.keySet()) {
            if (!p.law().variables().contains(v)) {
                throw new BadInputException("--at " + v + ": law " + p.law().name() + " reads "
                        + String.join(", ", p.law().variables()));
            }
        }
        for (String v : p.law().variables()) {
            if (!point.isEmpty() && !point.containsKey(v)) {
                throw new BadInputException("--at needs a value for " + v + " (law " + p.law().name() + " reads "
                        + String.join(", ", p.law().variables()) + ")");
            }
        }
        DataFilter filter = DataFilter.all().withConditions(base).withLowestPer(lowestPer);
        List<SensitivitySweep.Choice> choices = SensitivitySweep.standardChoices(p.law(), p.options(), filter, variations);
        SensitivitySweep sweep = new SensitivitySweep(choices, point, compute);
        if (loaded.group().isPresent() || !settings.shared.isEmpty()) {
            GroupedFits.sensitivity(spec.commandLine().getOut(), loaded, p, settings.shared, sweep, output.json,
                    plot.requested());
            return 0;
        }
        SensitivityResult result;
        try (Progress progress = Progress.start("sensitivity", choices.size())) {
            result = sweep.run(p.data(), p.target(), progress.listener());
        }
        // the baseline is the fit the sweep is about; its variations may be poor on purpose
        SensitivitySweep.Outcome baseline = result.outcomes().get(0);
        if (baseline.fit() != null) {
            settings.warn(baseline.fit(), spec, "the baseline: ");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            o.println(toJson(result));
        } else {
            render(o, result);
        }
        o.flush();
        plot.writeAndReport(() -> Figure.of(SensitivityPlot.of(result)), output.json ? null : o);
        return 0;
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

    static void render(PrintWriter o, SensitivityResult r) {
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
    }

    private static String pointText(Map<String, Double> point) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : point.entrySet()) {
            parts.add(e.getKey() + "=" + Numbers.compact(e.getValue()));
        }
        return String.join(",", parts);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    static JsonObject toJson(SensitivityResult r) {
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
