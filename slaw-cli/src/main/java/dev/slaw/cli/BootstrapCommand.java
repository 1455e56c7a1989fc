package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.BootstrapDocuments;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.report.plots.PredictionInterval;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.DerivedQuantity;
import dev.slaw.uncertainty.EpochReplication;
import dev.slaw.uncertainty.ParameterComparison;
import dev.slaw.uncertainty.ProgressListener;
import dev.slaw.uncertainty.ReplicateStarts;
import dev.slaw.uncertainty.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code slaw bootstrap}: fit, resample, refit; percentile intervals and a saved bootstrap. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bootstrap a fit: resample rows (or runs), refit each, report percentile intervals.",
        footer = {"", "Example (the Epoch replication's 4,000 resamples):",
                "  slaw bootstrap examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --starts chinchilla --replicates 4000 --out boot.json \\",
                "    --against E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"})
public final class BootstrapCommand extends FittingCommand {
    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(1000, 2);

    @Option(names = "--runs", paramLabel = "COLUMN", description = "Resample whole runs named by this column instead of rows.")
    String runs;

    @Option(names = "--axis-starts", description = "Start each replicate also from 2k axis points around the point estimate.")
    boolean axisStarts;

    @Option(names = "--protocol", paramLabel = "PROTOCOL", converter = Protocol.Words.class,
            description = "A published bootstrap to rerun exactly: epoch-2024 (Besiroglu et al. 2024: numpy's draws from seed 42, 4,000 replicates, each refitted by BFGS from Hoffmann et al.'s parameters). It sets --optimizer (of the refits), --sampler, --seed, --start-at and --replicates, which must then not be given.")
    Protocol protocol;

    @Option(names = "--start-at", paramLabel = "NAME=VALUE,...",
            description = "Start every replicate here instead of at the point estimate (parameters not named start at the point estimate), e.g. a published fit.")
    String startAt;

    @Option(names = "--sampler", defaultValue = "split", paramLabel = "SAMPLER", converter = SamplerChoice.Words.class,
            description = "How resamples are drawn from --seed: split (independent streams) or numpy (numpy's np.random.seed(SEED) then np.random.choice per replicate, to rerun a Python notebook's resamples) (default: ${DEFAULT-VALUE}).")
    SamplerChoice sampler;

    @Mixin
    ComputeBudget compute = ComputeBudget.optional();

    @Option(names = "--against", paramLabel = "NAME=VALUE,...",
            description = "Chi-squared test of another parameter set against the bootstrap, e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28.")
    String against;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the bootstrap as JSON (for slaw predict).")
    Path out;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Mixin
    FitPlotSettings plot = new FitPlotSettings();

    /** Runs a bootstrap's replicates: in this JVM, or (slaw-spark) as a Spark job. */
    @FunctionalInterface
    public interface Replicator {
        BootstrapResult run(Planned plan, ProgressListener progress) throws IOException;
    }

    /**
     * A bootstrap as the options ask for it, before its replicates: the {@code DATA} argument,
     * the table, the point estimate, each refit's protocol and the bootstrap's options.
     */
    public record Planned(String source, LoadedDataset loaded, FitCommand.FitSettings.Prepared prepared, Fit pointEstimate,
                          FitOptions refit, BootstrapOptions options) {
    }

    private final Replicator replicator;

    public BootstrapCommand() {
        this(null);
    }

    /** A command whose replicates {@code replicator} runs (null: {@link Bootstrap#run} here). */
    public BootstrapCommand(Replicator replicator) {
        this.replicator = replicator;
    }

    /**
     * The bootstrap the parsed options describe, point estimate fitted, replicates not run (null
     * for a grouped bootstrap, which {@link #call} runs here).
     */
    public Planned plan() throws IOException {
        LoadedDataset loaded = data.load(source);
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        List<DerivedQuantity> derived = new ArrayList<>(DerivedQuantity.chinchillaExponents(p.law()));
        compute.one().ifPresent(c -> derived.addAll(DerivedQuantity.computeOptimal(p.law(), c)));
        BootstrapOptions options = BootstrapOptions.defaults().withReplicates(resampling.replicates())
                .withSeed(p.options().seed()).withThreads(p.options().threads()).withLevel(resampling.level())
                .withDerived(derived)
                .withStarts(replicateStarts()).withSampler(sampler(p.options().seed()));
        if (runs != null) {
            options = options.withRuns(runs);
        }
        FitOptions refit = p.options();
        if (protocol == Protocol.EPOCH_2024) {
            for (String set : List.of("--optimizer", "--sampler", "--seed", "--start-at", "--replicates")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(set)) {
                    throw new BadInputException("--protocol epoch-2024 sets " + set + "; give one or the other");
                }
            }
            options = EpochReplication.bootstrapOptions(options);
            refit = EpochReplication.refitOptions(refit);
        }
        if (loaded.group().isPresent() || !settings.shared.isEmpty()) {
            if (out != null || against != null) {
                throw new BadInputException((out != null ? "--out" : "--against")
                        + " takes one bootstrap; with --group, bootstrap one group with --only " + loaded.group().orElse("GROUP")
                        + "=VALUE");
            }
            if (replicator != null) {
                throw new BadInputException("a grouped bootstrap runs only in slaw itself, not on Spark; bootstrap one group with --only "
                        + loaded.group().orElse("GROUP") + "=VALUE");
            }
            GroupedFits.bootstrap(spec.commandLine().getOut(), loaded, p, settings.shared, refit, options, output.json, plot);
            return null;
        }
        return new Planned(source, loaded, p, Fitter.fit(p.law(), p.data(), p.target(), p.options()), refit, options);
    }

    @Override
    public Integer call() throws IOException {
        Planned plan = plan();
        if (plan == null) {
            return 0;
        }
        Fit fit = plan.pointEstimate();
        FitCommand.FitSettings.Prepared p = plan.prepared();
        settings.warn(fit, spec, "the point estimate: ");
        BootstrapResult b;
        try (Progress progress = Progress.start("bootstrap", plan.options().replicates())) {
            b = replicator != null ? replicator.run(plan, progress.listener())
                    : Bootstrap.run(fit, p.data(), plan.refit(), plan.options(), progress.listener());
        }
        ParameterComparison comparison = against == null ? null
                : ParameterComparison.of(b, Assignments.list(against, "--against"), true);
        if (out != null) {
            BootstrapJson.save(b, Outputs.staged(out));
        }
        output.print(() -> BootstrapDocuments.json(b, comparison), () -> BootstrapDocuments.text(b, comparison));
        if (out != null) {
            output.note("saved " + out);
        }
        for (Path plotted : plot.writeFitPlots(fit, p.data(), plan.loaded(), PredictionInterval.confidence(b))) {
            output.note("plotted " + plotted);
        }
        return 0;
    }

    private ReplicateStarts replicateStarts() {
        ReplicateStarts starts = startAt == null ? ReplicateStarts.pointOnly()
                : ReplicateStarts.at(Assignments.list(startAt, "--start-at"));
        return starts.withAxes(axisStarts);
    }

    private Sampler sampler(long seed) {
        return switch (sampler) {
            case SPLIT -> Sampler.SPLIT_STREAMS;
            case NUMPY -> {
                if (seed < 0 || seed > 0xffffffffL) {
                    throw new BadInputException("--sampler numpy: numpy's seed must be between 0 and 2^32 - 1, got --seed "
                            + seed);
                }
                yield Sampler.NUMPY;
            }
        };
    }
    /** {@code --protocol}: a published bootstrap to rerun exactly. */
    enum Protocol {
        EPOCH_2024;

        static final class Words extends ChoiceConverter<Protocol> {
            Words() {
                super(Protocol.class);
            }
        }
    }

    /** {@code --sampler}: how resamples are drawn from the seed. */
    enum SamplerChoice {
        SPLIT, NUMPY;

        static final class Words extends ChoiceConverter<SamplerChoice> {
            Words() {
                super(SamplerChoice.class);
            }
        }
    }
}
