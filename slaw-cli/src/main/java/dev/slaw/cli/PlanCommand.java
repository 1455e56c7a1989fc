package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.PlanDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ComputeOptimal;
import dev.slaw.planning.DataConstrained;
import dev.slaw.planning.DataConstrainedPlan;
import dev.slaw.planning.FlopModel;
import dev.slaw.planning.Frontier;
import dev.slaw.planning.InferenceAwarePlan;
import dev.slaw.planning.LossSurface;
import dev.slaw.planning.PlanIntervals;
import dev.slaw.planning.Replicates;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slaw plan}: how to spend compute with a fitted law (compute-optimal N and D, the
 * frontier, the least compute for a target loss, inference-aware and data-constrained plans),
 * and, as subcommands, the IsoFLOP and loss-envelope analyses of runs.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan N and D for a compute budget with a fitted law (or the learning rate and batch size for N and D).",
        subcommands = {IsoFlopCommand.class, EnvelopeCommand.class},
        footer = {"", "Examples:",
                "  slaw plan fit.json --compute 5.88e23",
                "  slaw plan fit.json --frontier 1e20:1e26:7 --plot frontier.png",
                "  slaw plan fit.json --target-loss 2.0",
                "  slaw plan fit.json --target-loss 2.1 --inference-tokens 0,1e12,1e13,1e14",
                "  slaw plan --law data-constrained --set E=1.69 --set A=406.4 --set B=410.7 --set alpha=0.34 \\",
                "            --set beta=0.28 --set RD=15.4 --set RN=5.3 --compute 1e23 --unique-tokens 1e11",
                "  slaw plan --law vocabulary --set E=5.533 --set A1=1.831 --set A2=0.1958 --set B=2.124 \\",
                "            --set alpha2=0.6707 --set beta=0.4466 --compute 7.05e23 --non-vocabulary-parameters 7e10 --embedding-dim 8192",
                "  slaw plan --parameters 7e9 --tokens 2e12 --sequence-length 4096",
                "  slaw plan parscale.json dataset=pile --streams 1,2,4,8 --parameters 2.8e9",
                "  slaw plan top0-10.json --filtering-bucket top10-20.json --bucket-size 12.8M --samples 32M,128M,640M",
                "  slaw plan --hyperparameters deepseek --compute 8.46e22 --tokens 2e12 --sequence-length 4096",
                "  slaw plan --hyperparameters kaplan --loss 3.0 --sequence-length 1024",
                "  slaw plan fit.json --compute 5.88e23 --flops \"6*N*D + 6*n_layers*ctx*d_model*D\" \\",
                "            --flops-constant n_layers=80 --flops-constant ctx=4096 --flops-constant d_model=8192",
                "  slaw plan isoflop examples/misfitting/scaling_results_last_ckpt_only.csv"})
public final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FIT", description = "A fit saved by slaw fit --out.")
    Path fitFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "GROUP=VALUE",
            description = "For a grouped fit (slaw fit --group): the group to plan for, e.g. peak_lr=0.002.")
    String group;

    @Option(names = "--law", paramLabel = "LAW", description = "Plan with a catalogue law at given values instead of a fit.")
    String lawName;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A parameter value for --law, e.g. --set E=1.69. Repeatable.")
    List<String> settings = new ArrayList<>();

    @Mixin
    ComputeBudget compute = ComputeBudget.several();

    @Option(names = "--frontier", paramLabel = "FROM:TO:COUNT", description = "Log-spaced budgets, e.g. 1e20:1e26:13.")
    String frontier;

    @Option(names = "--target-loss", paramLabel = "L", description = "Find the least compute that reaches this loss.")
    Double targetLoss;

    @Option(names = "--inference-tokens", paramLabel = "T", split = ",",
            description = "Lifetime inference demand(s) in tokens (needs --target-loss).")
    List<String> inferenceTokens = new ArrayList<>();

    @Option(names = "--unique-tokens", paramLabel = "U",
            description = "Unique tokens available (data-constrained law; needs --compute).")
    String uniqueTokens;

    @Option(names = "--unique-parameters", paramLabel = "RULE", defaultValue = "compute-optimal",
            converter = UniqueParametersWords.class,
            description = "U_N of the data-constrained law: compute-optimal (Muennighoff et al.) or all (U_N = N). Default: ${DEFAULT-VALUE}.")
    DataConstrained.UniqueParameters uniqueParameters;

    @Option(names = "--non-vocabulary-parameters", paramLabel = "N",
            description = "Vocabulary plan (a law in Nnv, Nv, D such as 'vocabulary'; needs --compute): the model's"
                    + " non-vocabulary parameters.")
    String nonVocabularyParameters;

    @Option(names = "--embedding-dim", paramLabel = "d",
            description = "Vocabulary plan: the embedding width d, so that vocabulary parameters are V*d.")
    String embeddingWidth;

    @Option(names = "--streams", paramLabel = "P", split = ",",
            description = "Parallel-streams plan (a law in N and P such as 'parscale'): the numbers of streams P to"
                    + " compare, e.g. 1,2,4,8, with --parameters N (each P's loss and single-stream equivalent) or"
                    + " --target-loss L (the N each P needs).")
    List<String> streams = new ArrayList<>();

    @Option(names = "--moe", paramLabel = "PLAN",
            description = "Mixture-of-experts plan from published constants (needs --compute): granularity (Krajewski"
                    + " et al. 2024: N, D and G) or experts (Ludziejewski et al. 2025: the expert count).")
    String moe;

    @Option(names = "--total-parameters", paramLabel = "M",
            description = "MoE expert-count plan: the most total parameters the model may have (memory).")
    String moeTotalParameters;

    @Option(names = "--experts", paramLabel = "E1,E2,...",
            description = "MoE expert-count plan: the expert counts to compare (default 1,2,4,...,256).")
    String moeExperts;

    @Option(names = "--hyperparameters", paramLabel = "LAW",
            description = "Learning-rate and batch-size plan from published constants: step-law (Li et al. 2025, needs"
                    + " --parameters and --tokens; the default), deepseek (Bi et al. 2024, needs --compute C = M D),"
                    + " kaplan (the critical batch size of Kaplan et al. 2020, needs --loss) or zhang (the critical"
                    + " batch size from the data, Zhang et al. 2024, needs --tokens).")
    String hyperparameters;

    @Option(names = "--loss", paramLabel = "L",
            description = "Critical batch size (--hyperparameters kaplan): the target loss in nats per token.")
    String criticalLoss;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Critical batch size: your run's batch in tokens (with --tokens), for its S_min and E_min.")
    String batchSize;

    @Option(names = "--critical-batch-fit", paramLabel = "FIT",
            description = "Critical batch size: your fit of kaplan-bcrit (or, with --hyperparameters zhang, of"
                    + " zhang-cbs) in place of the published constants.")
    Path criticalBatchFit;

    @Option(names = "--parameters", paramLabel = "N",
            description = "Learning-rate and batch-size plan (Step Law; needs --tokens): the model's non-embedding parameters.")
    String parameterCount;

    @Option(names = "--tokens", paramLabel = "D", description = "Learning-rate and batch-size plan: the training tokens.")
    String tokenCount;

    @Option(names = "--sequence-length", paramLabel = "L",
            description = "Learning-rate and batch-size plan: tokens per sequence, to give the batch in sequences too.")
    String sequenceLength;

    @Option(names = "--learning-rate-fit", paramLabel = "FIT",
            description = "Learning-rate and batch-size plan: your fit of step-law-lr (or any law of N and D) in place of"
                    + " Step Law's published learning rate.")
    Path learningRateFit;

    @Option(names = "--batch-size-fit", paramLabel = "FIT",
            description = "Learning-rate and batch-size plan: your fit of step-law-batch (batch in tokens; a law of D,"
                    + " or of N and D) in place of Step Law's published batch size.")
    Path batchSizeFit;

    @Option(names = "--weight-decay-fit", paramLabel = "FIT",
            description = "Learning-rate and batch-size plan: your fit of power-lines-tau (the AdamW timescale"
                    + " tau = B/(eta lambda D) in N and D), to give the weight decay lambda = B/(eta tau D) too.")
    Path weightDecayFit;

    @Option(names = "--finetune-data", paramLabel = "DF", split = ",",
            description = "Fine-tuning choice: the fine-tuning data sizes at which to compare the fits, e.g. 1e4,1e5,1e6.")
    List<String> finetuneData = new ArrayList<>();

    @Option(names = "--finetune-versus", paramLabel = "FIT",
            description = "Fine-tuning choice: another fit (a method or base model) to compare with the plan's fit. Repeatable.")
    List<Path> finetuneVersus = new ArrayList<>();

    @Option(names = "--finetune-at", paramLabel = "NAME=VALUE",
            description = "Fine-tuning choice: a value shared by the fits, e.g. X=4e9 (model size). Repeatable.")
    List<String> finetuneAt = new ArrayList<>();

    @Option(names = "--filtering-bucket", paramLabel = "FIT",
            description = "Filtered-pool choice: the data-filtering fit of another bucket of the ranked data (the plan's"
                    + " fit is one). Repeatable.")
    List<Path> filteringBuckets = new ArrayList<>();

    @Option(names = "--bucket-size", paramLabel = "U",
            description = "Filtered-pool choice: unique samples in each bucket (a pool of k buckets holds k U).")
    String bucketSize;

    @Option(names = "--samples", paramLabel = "N", split = ",",
            description = "Filtered-pool choice: budgets of samples seen, e.g. 32M,128M,640M.")
    List<String> samples = new ArrayList<>();

    @Option(names = "--flops", paramLabel = "FORMULA", defaultValue = "6*N*D",
            description = "Training FLOPs as a formula of N, D and constants (default: ${DEFAULT-VALUE}).")
    String flops;

    @Option(names = "--flops-constant", paramLabel = "NAME=VALUE", description = "A constant of --flops. Repeatable.")
    List<String> flopConstants = new ArrayList<>();

    @Option(names = "--numeric", description = "Search numerically even where Chinchilla's closed form applies.")
    boolean numeric;

    @Option(names = "--bootstrap", paramLabel = "FILE",
            description = "Bootstrap replicates: a bootstrap saved by 'slaw bootstrap --out', or a table with a column"
                    + " per parameter, a row per replicate.")
    Path replicatesFile;

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    /** The warnings of the fit (and bootstrap) planned from, gathered as they are read. */
    FitWarnings fitWarnings = FitWarnings.none();

    /** The ranges of the variables the fit planned from was fitted on (none for a law at given values). */
    private Map<String, dev.slaw.fit.VariableRange> fittedRanges = Map.of();

    @Override
    public Integer call() throws IOException {
        double level = interval.level();
        if (FinetunePlanning.requested(this)) {
            FinetunePlanning.run(this, output);
            return 0;
        }
        if (DataFilteringPlanning.requested(this)) {
            DataFilteringPlanning.run(this, output);
            return 0;
        }
        if (!streams.isEmpty()) {
            ParallelPlanning.run(this, output);
            return 0;
        }
        if (CriticalBatchFromDataPlanning.requested(this)) {
            CriticalBatchFromDataPlanning.run(this, output);
            return 0;
        }
        if (HyperparameterPlanning.requested(this)) {
            HyperparameterPlanning.run(this, output);
            return 0;
        }
        List<Double> budgets = compute.flops();
        if (moe != null || moeTotalParameters != null || moeExperts != null) {
            MoePlanning.run(this, budgets, output);
            return 0;
        }
        if (nonVocabularyParameters != null || embeddingWidth != null) {
            VocabularyPlanning.run(this, budgets, output);
            return 0;
        }
        if (PrecisionPlanning.requested(this)) {
            PrecisionPlanning.run(this, budgets, output);
            return 0;
        }
        boolean csv = output.csv();
        LossSurface surface = surface();
        FlopModel flopModel = flopModel(flops, flopConstants);
        ComputeOptimal planner = ComputeOptimal.of(surface).withFlops(flopModel).withForceNumeric(numeric);
        Replicates replicates = replicatesFile == null ? null : readReplicates(replicatesFile, surface);

        boolean any = false;
        if (csv && (uniqueTokens != null || !inferenceTokens.isEmpty())) {
            throw new BadInputException("--csv prints compute-optimal allocations (--compute, --frontier, --target-loss);"
                    + " data-constrained and inference-aware plans print with --json or as text");
        }
        List<DataConstrainedPlan> dataConstrained = new ArrayList<>();
        List<Allocation> computeOptimal = new ArrayList<>();
        if (uniqueTokens != null) {
            if (budgets.isEmpty()) {
                throw new BadInputException("--unique-tokens needs --compute C");
            }
            DataConstrained dc = DataConstrained.of(surface, Assignments.number(uniqueTokens, "--unique-tokens"))
                    .withFlops(flopModel).withUniqueParameters(uniqueParameters);
            for (double c : budgets) {
                DataConstrainedPlan p = dc.at(c);
                if (replicates != null) {
                    p = p.withIntervals(PlanIntervals.of(surface, replicates, s -> dc.withSurface(s).at(c), level));
                }
                dataConstrained.add(p);
            }
            any = true;
        } else {
            for (double c : budgets) {
                Allocation a = planner.at(c);
                if (replicates != null) {
                    a = a.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s).at(c), level));
                }
                computeOptimal.add(a);
                any = true;
            }
        }
        Frontier f = null;
        if (frontier != null) {
            String[] parts = frontier.split(":");
            if (parts.length != 3) {
                throw new BadInputException("--frontier " + frontier + ": expected FROM:TO:COUNT, e.g. 1e20:1e26:13");
            }
            int count;
            try {
                count = Integer.parseInt(parts[2].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("--frontier " + frontier + ": COUNT '" + parts[2] + "' is not a whole number");
            }
            f = planner.frontier(Frontier.logSpacedBudgets(Assignments.number(parts[0], "--frontier FROM"),
                    Assignments.number(parts[1], "--frontier TO"), count));
            if (replicates != null) {
                List<Allocation> rows = new ArrayList<>();
                for (Allocation a : f.rows()) {
                    double c = a.computeFlops();
                    rows.add(a.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s).at(c),
                            level)));
                }
                f = f.withRows(rows);
            }
            any = true;
        }
        Allocation leastCompute = null;
        if (targetLoss != null && inferenceTokens.isEmpty()) {
            double target = targetLoss;
            leastCompute = planner.forTargetLoss(target);
            if (replicates != null) {
                leastCompute = leastCompute.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s)
                        .forTargetLoss(target), level));
            }
            any = true;
        }
        List<InferenceAwarePlan> inferenceAware = new ArrayList<>();
        if (!inferenceTokens.isEmpty()) {
            if (targetLoss == null) {
                throw new BadInputException("--inference-tokens needs --target-loss L: the loss the served model must reach");
            }
            double target = targetLoss;
            for (String t : inferenceTokens) {
                double demand = Assignments.number(t, "--inference-tokens");
                InferenceAwarePlan p = planner.inferenceAware(target, demand);
                if (replicates != null) {
                    p = p.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s)
                            .inferenceAware(target, demand), level));
                }
                inferenceAware.add(p);
            }
            any = true;
        }
        if (!any) {
            throw new BadInputException("nothing to plan: give --compute C, --frontier FROM:TO:COUNT or --target-loss L");
        }
        // a plan far beyond the fitted models is the law's guess, not the data's: say how far
        List<Allocation> reached = new ArrayList<>(computeOptimal);
        if (f != null) {
            reached.addAll(f.rows());
        }
        if (leastCompute != null) {
            reached.add(leastCompute);
        }
        inferenceAware.forEach(p -> reached.add(p.trainingOptimal()));
        fitWarnings = fitWarnings.with(dev.slaw.fit.VariableRange.beyond(fittedRanges, Map.of(
                "N", java.util.stream.DoubleStream.concat(reached.stream().mapToDouble(Allocation::parameterCount),
                        dataConstrained.stream().mapToDouble(DataConstrainedPlan::parameterCount)).toArray(),
                "D", java.util.stream.DoubleStream.concat(reached.stream().mapToDouble(Allocation::tokenCount),
                        dataConstrained.stream().mapToDouble(DataConstrainedPlan::tokenCount)).toArray(),
                "U", dataConstrained.stream().mapToDouble(DataConstrainedPlan::uniqueTokens).toArray())));
        PlanDocuments.Plan plan = new PlanDocuments.Plan(surface, flopModel, planner.usesClosedForm(),
                replicates == null ? 0 : replicates.size(), level, replicatesFile == null ? null : replicatesFile.toString(),
                computeOptimal, dataConstrained, f, targetLoss == null ? Double.NaN : targetLoss, leastCompute,
                inferenceAware, fitWarnings);
        output.print(() -> PlanDocuments.csvTable(plan.allocations()), () -> PlanDocuments.json(plan),
                () -> PlanDocuments.text(plan), fitWarnings);
        // what --plot marks on the frontier: every compute-optimal allocation planned
        List<Allocation> planned = new ArrayList<>(computeOptimal);
        if (leastCompute != null) {
            planned.add(leastCompute);
        }
        if (!inferenceAware.isEmpty()) {
            planned.add(inferenceAware.get(0).trainingOptimal());
        }
        Frontier drawn = f;
        plot.writeAndReport(() -> {
            if (planned.isEmpty() && drawn == null) {
                throw new BadInputException("--plot draws compute-optimal plans (--compute, --frontier, --target-loss),"
                        + " not data-constrained ones");
            }
            return PlanPlots.plan(planner, drawn, planned);
        }, output.notes());
        return 0;
    }

    private LossSurface surface() {
        if (fitFile != null && lawName != null) {
            throw new BadInputException("give either a fit file or --law with --set values, not both");
        }
        if (fitFile != null) {
            if (!settings.isEmpty()) {
                throw new BadInputException("--set applies to --law; a fit file carries its own values");
            }
            if (dev.slaw.io.fit.GroupedFitJson.isGroupedFile(fitFile)) {
                dev.slaw.fit.GroupedFit grouped = dev.slaw.io.fit.GroupedFitJson.load(fitFile);
                List<String> chosen = new ArrayList<>();
                if (group != null) {
                    chosen.add(group);
                }
                Fit fit = grouped.fit(GroupedFits.chooseGroup(grouped, chosen));
                fitWarnings = FitWarnings.of(fit);
                fittedRanges = fit.provenance().ranges();
                return LossSurface.of(fit);
            }
            if (group != null) {
                throw new BadInputException("\"" + group + "\": " + fitFile + " is one fit, not a grouped fit");
            }
            Fit fit = FitJson.load(fitFile);
            fitWarnings = FitWarnings.of(fit);
            fittedRanges = fit.provenance().ranges();
            return LossSurface.of(fit);
        }
        if (lawName == null) {
            throw new BadInputException("no law: give a fit file (slaw fit ... --out fit.json) or --law NAME with --set values");
        }
        Law law = catalogueLaw(lawName);
        return LossSurface.of(law, settings(law, lawName, settings));
    }

    /** The catalogue law of --law, or an error naming the known ones. */
    static Law catalogueLaw(String name) {
        return Catalogue.builtIn().find(name).orElseThrow(() -> new BadInputException("unknown law '" + name
                + "' (known: " + String.join(", ", Catalogue.builtIn().names()) + ")"));
    }

    /** The --set values, each naming a parameter of {@code law}. */
    static Map<String, Double> settings(Law law, String lawName, List<String> settings) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String s : settings) {
            Map.Entry<String, Double> e = Assignments.one(s, "--set");
            if (law.parameterIndex(e.getKey()) < 0) {
                throw new BadInputException("--set " + s + ": law " + lawName + " has no parameter '" + e.getKey() + "'");
            }
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    static final class UniqueParametersWords extends ChoiceConverter<DataConstrained.UniqueParameters> {
        UniqueParametersWords() {
            super(DataConstrained.UniqueParameters.class);
        }
    }

    /**
     * Replicates from a table (a column per parameter, a row per replicate) or from a bootstrap
     * saved by {@code slaw bootstrap --out}; every replicate must give every parameter of the law
     * planned with, or the plan would have no intervals to show.
     */
    private Replicates readReplicates(Path file, LossSurface surface) throws IOException {
        Replicates r = isSavedBootstrap(file) ? bootstrapReplicates(file) : tableReplicates(file);
        java.util.Set<String> needed = new java.util.LinkedHashSet<>(surface.parameters().keySet());
        needed.removeAll(r.parameterSets().get(0).keySet());
        if (!needed.isEmpty()) {
            throw new BadInputException(file + ": the replicates give no value of " + String.join(", ", needed)
                    + " (they give " + String.join(", ", r.parameterSets().get(0).keySet()) + "); --bootstrap takes a"
                    + " table with a column per parameter of the law, or a bootstrap saved by 'slaw bootstrap --out'");
        }
        return r;
    }

    private static boolean isSavedBootstrap(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") && Files.isRegularFile(file)
                && BootstrapJson.isBootstrap(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The successful replicates of a saved bootstrap, by the names of its law's parameters; its
     * warnings (a missed optimum, no spread) join the fit's, since the intervals rest on it.
     */
    private Replicates bootstrapReplicates(Path file) {
        BootstrapResult boot = BootstrapJson.load(file);
        fitWarnings = fitWarnings.and(file.toString(), boot.warnings());
        List<String> names = boot.pointEstimate().parameters().stream().map(dev.slaw.fit.FittedParameter::name).toList();
        List<Map<String, Double>> sets = new ArrayList<>();
        for (double[] values : boot.replicateValues()) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int j = 0; j < names.size() && j < values.length; j++) {
                m.put(names.get(j), values[j]);
            }
            sets.add(m);
        }
        if (sets.isEmpty()) {
            throw new BadInputException(file + ": the bootstrap has no successful replicates to plan with");
        }
        return Replicates.of(sets);
    }

    private static Replicates tableReplicates(Path file) {
        LoadedDataset loaded = DatasetLoader.load(file, Recipe.DEFAULT);
        Dataset d = loaded.dataset();
        List<Map<String, Double>> sets = new ArrayList<>();
        for (int i = 0; i < d.rowCount(); i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String c : d.columnNames()) {
                double v = d.value(c, i);
                if (Double.isFinite(v)) {
                    m.put(c, v);
                }
            }
            sets.add(m);
        }
        if (sets.isEmpty()) {
            throw new BadInputException(file + ": no replicates (an empty table)");
        }
        return Replicates.of(sets);
    }

    private static FlopModel flopModel(String formula, List<String> constants) {
        Map<String, Double> c = new LinkedHashMap<>();
        for (String s : constants) {
            Map.Entry<String, Double> e = Assignments.one(s, "--flops-constant");
            c.put(e.getKey(), e.getValue());
        }
        return FlopModel.of(formula, c);
    }
}
