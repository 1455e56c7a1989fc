package dev.slaw.cli;

import dev.slaw.compare.TrendShape;
import dev.slaw.data.BadInputException;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.ValidationDocuments;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.plots.HeldOutPlot;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.ReplicateStarts;
import dev.slaw.uncertainty.Rollout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/**
 * {@code slaw validate}: held-out extrapolation. Fits on the rows a holdout leaves in,
 * bootstraps the fit, and scores its predictions of the rows held out.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Held-out extrapolation: fit on the rest, predict the held-out rows with intervals, score them.",
        footer = {"", "Example (fit the misfitting ladder below 400M parameters, predict the 400M and 1B runs):",
                "  slaw validate examples/misfitting/scaling_results_last_ckpt_only.csv --law chinchilla \\",
                "    --holdout \"N >= 5e8\" --replicates 200",
                "Example (a rollout: fit the k smallest model sizes, score the larger ones, for every k):",
                "  slaw validate examples/olmo-ladder/final_c4_losses.csv --law chinchilla --rollout N"})
public final class ValidateCommand extends FittingCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Held held;

    /** Exactly one way of choosing the held-out rows. */
    static final class Held {
        @Option(names = "--holdout", paramLabel = "CONDITION",
                description = "Hold out the rows where this condition holds, e.g. \"N >= 1e9\".")
        String condition;

        @Option(names = "--leave-largest-out", paramLabel = "COLUMN", arity = "0..1", fallbackValue = "",
                description = "Hold out the rows at the largest value of COLUMN (default: the law's first variable, e.g. N).")
        String largest;

        @Option(names = "--rollout", paramLabel = "COLUMN", arity = "0..1", fallbackValue = "",
                description = "For every k, fit on the k smallest values of COLUMN and score every larger one (default: the law's first variable, e.g. N). No bootstrap.")
        String rollout;
    }

    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(200, 2);

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    /** Chooses how a planned rollout's rungs are fitted: in this JVM, or (slaw-spark) as a Spark job. */
    @FunctionalInterface
    public interface Rolling {
        Rollout.RungFits of(Planned plan);
    }

    /** A rollout as the options ask for it, before fitting: the {@code DATA} argument, the table, the prepared fit, the column. */
    public record Planned(String source, LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared, String column) {
    }

    /** Null: slaw's own command. */
    private final Rolling rolling;

    public ValidateCommand() {
        this(null);
    }

    /** A command for rollouts only, their rungs fitted by what {@code rolling} picks for the plan (slaw-spark). */
    public ValidateCommand(Rolling rolling) {
        this.rolling = rolling;
    }

    /** The rollout the parsed options describe (with {@code --rollout}), nothing fitted. */
    public Planned plan() throws IOException {
        if (held.rollout == null) {
            throw new BadInputException("on Spark, validate runs rollouts (--rollout COLUMN); a holdout runs in slaw validate");
        }
        LoadedDataset loaded = data.load(source);
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        return new Planned(source, loaded, p, held.rollout.isBlank() ? p.law().variables().get(0) : held.rollout.strip());
    }

    @Override
    public Integer call() throws IOException {
        boolean csv = output.csv();
        if (csv && held.rollout != null) {
            throw new BadInputException("--csv prints the held-out rows of a holdout; a rollout prints as text or --json");
        }
        if (held.rollout != null || rolling != null) {
            Planned plan = plan();
            FitCommand.FitSettings.Prepared p = plan.prepared();
            Rollout r = Rollout.run(p.law(), p.data(), p.target(), plan.column(), p.options(), k -> true,
                    rolling == null ? Rollout.IN_ORDER : rolling.of(plan));
            warnTrend(p, "");
            output.print(() -> ValidationDocuments.json(r, p.target()), () -> ValidationDocuments.text(r));
            return 0;
        }
        // parse the holdout before loading and fitting, so a typo fails at once
        Holdout early = held.condition != null ? Holdout.where(held.condition) : null;
        LoadedDataset loaded = data.load(source);
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        Holdout holdout = early != null ? early
                : Holdout.largest(held.largest.isBlank() ? p.law().variables().get(0) : held.largest);
        BootstrapOptions options = BootstrapOptions.defaults().withReplicates(resampling.replicates())
                .withSeed(p.options().seed()).withThreads(p.options().threads()).withLevel(resampling.level()).withStarts(ReplicateStarts.pointOnly());
        if (loaded.group().isPresent() || !settings.shared.isEmpty()) {
            if (csv) {
                throw new BadInputException("--csv prints one validation's held-out rows; with groups use --json");
            }
            GroupedFits.validate(spec.commandLine().getOut(), loaded, p, settings.shared, holdout, options, output.json,
                    plot.requested(), this::warn);
            return 0;
        }
        HeldOutValidation v;
        try (Progress progress = Progress.start("bootstrap", resampling.replicates())) {
            v = HeldOutValidation.run(p.law(), p.data(), p.target(), holdout, p.options(), options, progress.listener());
        }
        settings.warn(v.fit(), spec, "the fit on the rest: ");
        // the trend over every row, held out too, by the check each fit makes of its own rows; the CSV of held-out
        // rows has no place for it, so there it goes to standard error
        List<String> trend = csv ? warnTrend(p, "all rows: ") : TrendShape.extrapolationWarnings(p.law(), p.data(), p.target());
        output.print(() -> ValidationDocuments.csvTable(v, p.target()), () -> ValidationDocuments.json(v, p.target(), trend),
                () -> ValidationDocuments.text(v, p.target(), trend));
        plot.writeAndReport(() -> Figure.of(HeldOutPlot.of(v, p.target())), output.notes());
        return 0;
    }

    /** The trend-shape warning over all rows, printed as a warning; returned for the documents. */
    private List<String> warnTrend(FitCommand.FitSettings.Prepared p, String prefix) {
        List<String> trend = TrendShape.extrapolationWarnings(p.law(), p.data(), p.target());
        trend.forEach(w -> warn(prefix + w));
        return trend;
    }

    /** One warning line on standard error. */
    private void warn(String warning) {
        spec.commandLine().getErr().println(spec.qualifiedName(" ") + ": warning: " + warning);
        spec.commandLine().getErr().flush();
    }
}
