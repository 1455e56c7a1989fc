package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.downstream.Chain;
import dev.slaw.downstream.ChainBootstrap;
import dev.slaw.downstream.ChainPrediction;
import dev.slaw.downstream.ChainProtocol;
import dev.slaw.downstream.ChainSettings;
import dev.slaw.downstream.TaskLadder;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Starts;
import dev.slaw.optim.StoppingRule;
import dev.slaw.uncertainty.ProgressListener;
import dev.slaw.io.LadderFolder;
import dev.slaw.io.document.ChainDocuments;
import dev.slaw.report.plots.ChainPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code slaw chain LADDER}: a task's accuracy for the large model, through its task loss. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Predict the target model's task accuracy from a model ladder in two steps (Bhagia et al. 2024): "
                + "step 1 N, D -> task bpb, step 2 bpb -> accuracy (sigmoid-link), chained: step 2 at step 1's bpb. "
                + "--step1 and --step2 choose other laws for each step.",
        footer = {"", "LADDER is a folder of per-run checkpoint CSVs (<size>-<k>xC.csv); the config (configs/final.json)",
                "lists the ladder's runs (mode train) with N, and the target (mode eval).",
                "", "Example:", "  slaw chain examples/olmo-ladder/data/ladder-runs --protocol bhagia-2024 --plot chain.svg"})
public final class ChainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LADDER", description = "The folder of ladder runs.")
    Path folder;

    @Option(names = "--protocol", paramLabel = "NAME", converter = ProtocolChoice.Words.class,
            description = "bhagia-2024: the paper's fits (given starts, scipy's stop with ftol 0, gtol 1e-10); "
                    + "default: slaw's (step 1 from chinchilla's grid, step 2 from starts made from the data, relative stop).")
    ProtocolChoice protocol;

    @Option(names = "--config", paramLabel = "FILE", description = "The ladder's config (default: LADDER/../../configs/final.json).")
    Path config;

    @Option(names = "--target", paramLabel = "ENTRY", description = "The config's eval entry to predict (default: the largest N whose file is in LADDER).")
    String target;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Only these tasks (default: the paper's 8).")
    List<String> tasks;

    @Option(names = "--last-mean", paramLabel = "K", description = "Step 1's bpb per run (and the target's observed values): the mean of the last K checkpoints (default: 5).")
    Integer lastMean;

    @Option(names = "--skip-fraction", paramLabel = "F", description = "Step 2 drops the first ceil(F n) checkpoints of each run (default: 0.1).")
    Double skipFraction;

    @Option(names = "--moving-average", paramLabel = "K", description = "Step 2's trailing K-point moving average of bpb and accuracy (default: 5; 1 for none).")
    Integer movingAverage;

    @Option(names = "--step1", paramLabel = "LAW", description = "chinchilla (N, D -> task bpb), compute (power-offset in C = 6ND -> task bpb) "
            + "or loss-to-loss:COLUMN (N, D -> the runs' loss COLUMN by chinchilla, then COLUMN -> task bpb by loss-to-loss; "
            + "COLUMN a column of the run files, or NAME for eval/NAME/CrossEntropyLoss, e.g. loss-to-loss:c4_en-validation) (default: chinchilla).")
    String stepOne;

    @Option(names = "--step2", paramLabel = "LAW", converter = StepTwoWords.class,
            description = "sigmoid-link (bpb -> accuracy) or error-exp (Gadre et al. 2024: bpb -> error = eps - k exp(-gamma bpb), accuracy = 1 - error; "
                    + "no helper point, the catalogue's bounds) (default: sigmoid-link).")
    ChainSettings.StepTwo stepTwo;

    @Option(names = "--single-step", description = "Also fit N, D -> accuracy in one step (Bhagia et al.'s single step: a falling sigmoid of chinchilla's form, on each run's accuracy) and print its prediction and error beside the chained ones.")
    boolean singleStep;

    @Option(names = "--starts", paramLabel = "STARTS",
            description = "Every fit's starts, as slaw fit's --starts: default (each law's own grid or starts from the data) or lhs:COUNT[:SEED] (default: the protocol's).")
    String starts;

    @Option(names = "--stop", paramLabel = "RULE", converter = FitCommand.FitSettings.StopWords.class,
            description = "Every fit's stopping rule, as slaw fit's --stop: relative or scipy (default: the protocol's).")
    StoppingRule stop;

    @Option(names = "--ftol", description = "Every fit's L-BFGS-B relative-reduction tolerance, as slaw fit's (default: the protocol's).")
    Double ftol;

    @Option(names = "--gtol", description = "Every fit's L-BFGS-B gradient tolerance, as slaw fit's (default: the protocol's).")
    Double gtol;

    @Option(names = "--helper-point", paramLabel = "BPB,ACC", description = "The point step 2 sigmoid-link adds to pin the sigmoid's top (default: 0,1), or none; not with --step2 error-exp.")
    String helperPoint;

    @Option(names = "--loss-param", paramLabel = "DECL", description = "A bound of step 1's first law (chinchilla, or power-offset under --step1 compute), e.g. \"E >= 0\" (repeatable).")
    List<String> lossParams = new ArrayList<>();

    @Option(names = "--accuracy-param", paramLabel = "DECL", description = "A bound of step 2's law, e.g. \"a in [-1, 0]\" (default for sigmoid-link: the paper's: a in [-1, 0], k >= 0, x0 >= 0, b in [0, 1], so a + b <= 1; "
                    + "for error-exp the catalogue's: eps in [0, 1], k, gamma > 0; repeatable).")
    List<String> accuracyParams = new ArrayList<>();

    @Option(names = "--threads", description = "Worker threads (default: all cores; the result does not depend on it).")
    Integer threads;

    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(0, 0);

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the joint bootstrap's draws of runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws java.io.IOException {
        int workers = FitCommand.FitSettings.workers(threads);
        if (resampling.replicates() == 1) {
            throw new BadInputException("--replicates must be at least 2 for an interval, got 1");
        }
        ChainProtocol p = protocol == ProtocolChoice.BHAGIA_2024 ? ChainProtocol.bhagia2024(workers)
                : ChainProtocol.defaults(workers);
        p = overridden(p);
        LadderFolder ladder = LadderFolder.read(folder, config != null ? config : LadderFolder.defaultConfig(folder), target);
        List<TaskLadder> ladders = ladder.tasks(chosenTasks(), p, upstream);
        List<ChainPrediction> predictions = Chain.predictAll(ladders, p.settings());
        List<ChainBootstrap> bootstraps = new ArrayList<>();
        if (resampling.replicates() > 0) {
            int replicates = resampling.replicates();
            int total = replicates * ladders.size();
            try (Progress progress = Progress.start("chain bootstrap", total)) {
                ProgressListener bar = progress.listener();
                for (int i = 0; i < ladders.size(); i++) {
                    int before = i * replicates;
                    bootstraps.add(ChainBootstrap.run(ladders.get(i), predictions.get(i), p.settings(),
                            replicates, resampling.level(), seed, workers, (done, n) -> bar.advanced(before + done, total)));
                }
            }
        }
        for (ChainPrediction prediction : predictions) {
            for (String w : prediction.warnings()) {
                spec.commandLine().getErr().println("slaw chain: warning: " + w);
            }
        }
        spec.commandLine().getErr().flush();
        ChainDocuments.Context context = new ChainDocuments.Context(folder.toString(), p.name(),
                ladder.target().name(), ladder.target().parameters(), ladder.target().tokens(), ladder.runs().size(),
                p.settings(), upstream);
        output.print(() -> ChainDocuments.csvTable(predictions, bootstraps),
                () -> ChainDocuments.json(predictions, bootstraps, context),
                () -> ChainDocuments.text(predictions, bootstraps, context), ChainDocuments.fitWarnings(predictions, context));
        plot.writeAndReport(() -> ChainPlots.predictedAgainstActual(ladder.target().name(), predictions, bootstraps),
                output.notes());
        return 0;
    }

    /** Under a loss-to-loss step 1, the upstream loss column as given; else null (set by {@link #overridden}). */
    private String upstream;

    private ChainProtocol overridden(ChainProtocol p) {
        ChainSettings.StepOne one = parseStepOne();
        ChainSettings.StepTwo two = stepTwo == null ? ChainSettings.StepTwo.SIGMOID_LINK : stepTwo;
        if (two == ChainSettings.StepTwo.ERROR_EXP && helperPoint != null) {
            throw new BadInputException("--helper-point pins the top of step 2's sigmoid-link; --step2 error-exp has no helper point");
        }
        if (starts != null && starts.strip().equals("chinchilla")) {
            throw new BadInputException("--starts chinchilla is chinchilla's grid, and a chain fits other laws too: use default or lhs:COUNT[:SEED]");
        }
        Starts startsAsked = starts == null ? null : Starts.parse(starts, seed);
        p = p.withStepOne(one).withStepTwo(two);
        if (singleStep) {
            p = p.withSingleStep(protocol == ProtocolChoice.BHAGIA_2024);
        }
        if (lastMean != null) {
            p = p.withLastMean(lastMean);
        }
        if (skipFraction != null) {
            p = p.withSkipFraction(skipFraction);
        }
        if (movingAverage != null) {
            p = p.withMovingAverage(movingAverage);
        }
        ChainSettings s = p.settings();
        OptionalDouble helperLoss = s.helperLoss();
        double helperAccuracy = s.helperAccuracy();
        if (helperPoint != null) {
            if (helperPoint.strip().equals("none")) {
                helperLoss = OptionalDouble.empty();
            } else {
                String[] parts = helperPoint.split(",");
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    helperLoss = OptionalDouble.of(Double.parseDouble(parts[0].strip()));
                    helperAccuracy = Double.parseDouble(parts[1].strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException("--helper-point \"" + helperPoint + "\": expected BPB,ACC (e.g. 0,1) or none");
                }
            }
        }
        s = s.withStepTwo(s.stepTwo(), s.accuracyLaw(), s.accuracyOptions(), helperLoss, helperAccuracy).withLaws(ChainProtocol.declare(s.lossLaw(), lossParams),
                ChainProtocol.declare(s.accuracyLaw(), accuracyParams));
        if (startsAsked != null || stop != null || ftol != null || gtol != null) {
            s = s.withEveryFit(o -> {
                FitOptions changed = startsAsked == null ? o : o.withStarts(startsAsked);
                changed = stop == null ? changed : changed.withStoppingRule(stop);
                if (ftol != null || gtol != null) {
                    changed = changed.withTolerances(ftol == null ? changed.functionTolerance() : ftol,
                            gtol == null ? changed.gradientTolerance() : gtol);
                }
                return changed;
            });
        }
        boolean changed = lastMean != null || skipFraction != null || movingAverage != null || helperPoint != null
                || !lossParams.isEmpty() || !accuracyParams.isEmpty() || one != ChainSettings.StepOne.CHINCHILLA
                || two != ChainSettings.StepTwo.SIGMOID_LINK || starts != null || stop != null || ftol != null
                || gtol != null;
        // the single step is a comparison beside the chain, not a change of it
        return p.withSettings(s).named(p.name() + (changed ? ", changed" : ""));
    }

    /** {@code --step1}: chinchilla, compute or loss-to-loss:COLUMN. */
    private ChainSettings.StepOne parseStepOne() {
        if (stepOne == null || stepOne.strip().equals("chinchilla")) {
            return ChainSettings.StepOne.CHINCHILLA;
        }
        String t = stepOne.strip();
        if (t.equals("compute")) {
            return ChainSettings.StepOne.COMPUTE;
        }
        if (t.equals("loss-to-loss") || t.equals("loss-to-loss:")) {
            throw new BadInputException("--step1 loss-to-loss needs the upstream loss column: loss-to-loss:COLUMN, e.g. loss-to-loss:c4_en-validation");
        }
        if (t.startsWith("loss-to-loss:")) {
            upstream = t.substring("loss-to-loss:".length()).strip();
            return ChainSettings.StepOne.LOSS_TO_LOSS;
        }
        throw new BadInputException("--step1 \"" + stepOne + "\": expected chinchilla, compute or loss-to-loss:COLUMN");
    }

    private List<LadderFolder.Task> chosenTasks() {
        if (tasks == null || tasks.isEmpty()) {
            return LadderFolder.PAPER_TASKS;
        }
        List<LadderFolder.Task> chosen = new ArrayList<>();
        for (String name : tasks) {
            chosen.add(LadderFolder.PAPER_TASKS.stream().filter(t -> t.name().equals(name.strip())).findFirst()
                    .orElseThrow(() -> new BadInputException("--tasks: no task " + name + " (tasks: " + String.join(", ",
                            LadderFolder.PAPER_TASKS.stream().map(LadderFolder.Task::name).toList()) + ")")));
        }
        return chosen;
    }

    static final class StepTwoWords extends ChoiceConverter<ChainSettings.StepTwo> {
        StepTwoWords() {
            super(ChainSettings.StepTwo.class);
        }
    }

    /** {@code --protocol}: a published chain to rerun exactly. */
    enum ProtocolChoice {
        BHAGIA_2024;

        static final class Words extends ChoiceConverter<ProtocolChoice> {
            Words() {
                super(ProtocolChoice.class);
            }
        }
    }
}
