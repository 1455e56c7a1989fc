package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.SensitivityDocuments;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.plots.SensitivityPlot;
import dev.slaw.uncertainty.DataFilter;
import dev.slaw.uncertainty.RowCondition;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class SensitivityCommand extends FittingCommand {
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

    @Mixin
    ComputeBudget compute = ComputeBudget.orElse(ComputeBudget.CHINCHILLA);

    @Option(names = "--at", paramLabel = "VAR=VALUE,...",
            description = "Predict the target at this point, e.g. N=70e9,D=1.4e12.")
    String at;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    /** Chooses how a planned sweep's choices are fitted: in this JVM, or (slaw-spark) as a Spark job. */
    @FunctionalInterface
    public interface Fitting {
        SensitivitySweep.ChoiceFits of(Planned plan);
    }

    /**
     * A sweep as the options ask for it, before fitting: the {@code DATA} argument, the table,
     * the prepared baseline and the sweep.
     */
    public record Planned(String source, LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared,
                          SensitivitySweep sweep) {
    }

    /** Null: slaw's own command. */
    private final Fitting fitting;

    public SensitivityCommand() {
        this(null);
    }

    /** A command whose choices are fitted by what {@code fitting} picks for the plan (slaw-spark); grouped sweeps are refused. */
    public SensitivityCommand(Fitting fitting) {
        this.fitting = fitting;
    }

    @Override
    public Integer call() throws IOException {
        Planned plan = plan();
        FitCommand.FitSettings.Prepared p = plan.prepared();
        SensitivitySweep sweep = plan.sweep();
        if (plan.loaded().group().isPresent() || !settings.shared.isEmpty()) {
            GroupedFits.sensitivity(spec.commandLine().getOut(), plan.loaded(), p, settings.shared, sweep, output.json,
                    plot.requested());
            return 0;
        }
        SensitivityResult result;
        try (Progress progress = Progress.start("sensitivity", sweep.choices().size())) {
            result = sweep.run(p.data(), p.target(), progress.listener(),
                    fitting == null ? SensitivitySweep.IN_ORDER : fitting.of(plan));
        }
        // the baseline is the fit the sweep is about; its variations may be poor on purpose
        SensitivitySweep.Outcome baseline = result.outcomes().get(0);
        if (baseline.fit() != null) {
            settings.warn(baseline.fit(), spec, "the baseline: ");
        }
        output.print(() -> SensitivityDocuments.json(result), () -> SensitivityDocuments.text(result));
        plot.writeAndReport(() -> Figure.of(SensitivityPlot.of(result)), output.notes());
        return 0;
    }

    /** The sweep the parsed options describe, nothing fitted. */
    public Planned plan() throws IOException {
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
        SensitivitySweep sweep = new SensitivitySweep(choices, point, compute.one().orElseThrow());
        if (fitting != null && (loaded.group().isPresent() || !settings.shared.isEmpty())) {
            throw new BadInputException("a grouped sensitivity sweep runs only in slaw itself, not on Spark; sweep one group with --only "
                    + loaded.group().orElse("GROUP") + "=VALUE");
        }
        return new Planned(source, loaded, p, sweep);
    }
}
