package dev.slaw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
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
import dev.slaw.planning.Interval;
import dev.slaw.planning.Intervals;
import dev.slaw.planning.LossSurface;
import dev.slaw.planning.PlanIntervals;
import dev.slaw.planning.Replicates;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.report.plots.PlanPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slaw plan}: how to spend compute with a fitted law (compute-optimal N and D, the
 * frontier, the least compute for a target loss, inference-aware and data-constrained plans),
 * and, as subcommands, the IsoFLOP and loss-envelope analyses of runs.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan N and D for a compute budget with a fitted law.",
        subcommands = {IsoFlopCommand.class, EnvelopeCommand.class},
        footer = {"", "Examples:",
                "  slaw plan fit.json --compute 5.88e23",
                "  slaw plan fit.json --frontier 1e20:1e26:7 --plot frontier.png",
                "  slaw plan fit.json --target-loss 2.0",
                "  slaw plan fit.json --target-loss 2.1 --inference-tokens 0,1e12,1e13,1e14",
                "  slaw plan --law data-constrained --set E=1.69 --set A=406.4 --set B=410.7 --set alpha=0.34 \\",
                "            --set beta=0.28 --set RD=15.4 --set RN=5.3 --compute 1e23 --unique-tokens 1e11",
                "  slaw plan fit.json --compute 5.88e23 --flops \"6*N*D + 6*n_layers*ctx*d_model*D\" \\",
                "            --flops-constant n_layers=80 --flops-constant ctx=4096 --flops-constant d_model=8192",
                "  slaw plan isoflop examples/misfitting/scaling_results_last_ckpt_only.csv"})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() throws IOException {
        double level = interval.level();
        List<Double> budgets = compute.flops();
        LossSurface surface = surface();
        FlopModel flopModel = PlanOutput.flopModel(flops, flopConstants);
        ComputeOptimal planner = ComputeOptimal.of(surface).withFlops(flopModel).withForceNumeric(numeric);
        Replicates replicates = replicatesFile == null ? null : readReplicates(replicatesFile, surface);

        ObjectNode root = new ObjectMapper().createObjectNode();
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder text = new StringBuilder();
        root.put("law", surface.lawName());
        ObjectNode params = root.putObject("parameters");
        surface.parameters().forEach(params::put);
        root.put("flopModel", flopModel.toString());
        root.put("closedForm", planner.usesClosedForm());
        if (replicates != null) {
            root.put("replicates", replicates.size());
            root.put("level", level);
        }
        text.append("law        ").append(surface.lawName())
                .append(surface.closedForm().map(f -> ": " + f).orElse("")).append('\n');
        text.append("FLOPs      ").append(flopModel).append(planner.usesClosedForm() ? "  (Chinchilla closed form)"
                : "  (numeric search in log N)").append('\n');
        if (replicates != null) {
            text.append("intervals  ").append(PlanOutput.percent(level)).append(" percentile over ")
                    .append(replicates.size()).append(" replicates from ").append(replicatesFile).append('\n');
        }
        boolean any = false;
        // what --plot marks on the frontier: every compute-optimal allocation planned below
        List<Allocation> planned = new ArrayList<>();
        Frontier[] drawn = new Frontier[1];

        if (uniqueTokens != null) {
            if (budgets.isEmpty()) {
                throw new BadInputException("--unique-tokens needs --compute C");
            }
            DataConstrained dc = DataConstrained.of(surface, Assignments.number(uniqueTokens, "--unique-tokens"))
                    .withFlops(flopModel).withUniqueParameters(uniqueParameters);
            ArrayNode arr = root.putArray("dataConstrained");
            for (double c : budgets) {
                DataConstrainedPlan p = dc.at(c);
                if (replicates != null) {
                    p = p.withIntervals(PlanIntervals.of(surface, replicates, s -> dc.withSurface(s).at(c), level));
                }
                PlanOutput.dataConstrained(p, arr.addObject(), text);
            }
            any = true;
        } else {
            for (double c : budgets) {
                Allocation a = planner.at(c);
                if (replicates != null) {
                    a = a.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s).at(c), level));
                }
                PlanOutput.allocation("Compute-optimal allocation at C = " + PlanOutput.sci(c) + " FLOPs", a,
                        root.withArray("computeOptimal").addObject(), text);
                planned.add(a);
                any = true;
            }
        }
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
            Frontier f = planner.frontier(Frontier.logSpacedBudgets(Assignments.number(parts[0], "--frontier FROM"),
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
            PlanOutput.frontier(f, root.putObject("frontier"), text);
            drawn[0] = f;
            any = true;
        }
        if (targetLoss != null && inferenceTokens.isEmpty()) {
            double target = targetLoss;
            Allocation a = planner.forTargetLoss(target);
            if (replicates != null) {
                a = a.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s)
                        .forTargetLoss(target), level));
            }
            PlanOutput.allocation("Least compute reaching loss " + PlanOutput.num(target), a,
                    root.putObject("targetLoss"), text);
            planned.add(a);
            any = true;
        }
        if (!inferenceTokens.isEmpty()) {
            if (targetLoss == null) {
                throw new BadInputException("--inference-tokens needs --target-loss L: the loss the served model must reach");
            }
            double target = targetLoss;
            List<InferenceAwarePlan> plans = new ArrayList<>();
            for (String t : inferenceTokens) {
                double demand = Assignments.number(t, "--inference-tokens");
                InferenceAwarePlan p = planner.inferenceAware(target, demand);
                if (replicates != null) {
                    p = p.withIntervals(PlanIntervals.of(surface, replicates, s -> planner.withSurface(s)
                            .inferenceAware(target, demand), level));
                }
                plans.add(p);
            }
            PlanOutput.inferenceAware(plans, root.putArray("inferenceAware"), text);
            planned.add(plans.get(0).trainingOptimal());
            any = true;
        }
        if (!any) {
            throw new BadInputException("nothing to plan: give --compute C, --frontier FROM:TO:COUNT or --target-loss L");
        }
        out.print(json ? root.toPrettyString() + "\n" : text.toString());
        out.flush();
        plot.writeAndReport(() -> {
            if (planned.isEmpty() && drawn[0] == null) {
                throw new BadInputException("--plot draws compute-optimal plans (--compute, --frontier, --target-loss),"
                        + " not data-constrained ones");
            }
            return PlanPlots.plan(planner, drawn[0], planned);
        }, json ? null : out);
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
                return LossSurface.of(grouped.fit(GroupedFits.chooseGroup(grouped, chosen)));
            }
            if (group != null) {
                throw new BadInputException("\"" + group + "\": " + fitFile + " is one fit, not a grouped fit");
            }
            Fit fit = FitJson.load(fitFile);
            return LossSurface.of(fit);
        }
        if (lawName == null) {
            throw new BadInputException("no law: give a fit file (slaw fit ... --out fit.json) or --law NAME with --set values");
        }
        Law law = Catalogue.builtIn().find(lawName).orElseThrow(() -> new BadInputException("unknown law '" + lawName
                + "' (known: " + String.join(", ", Catalogue.builtIn().names()) + ")"));
        Map<String, Double> values = new LinkedHashMap<>();
        for (String s : settings) {
            Map.Entry<String, Double> e = Assignments.one(s, "--set");
            if (law.parameterIndex(e.getKey()) < 0) {
                throw new BadInputException("--set " + s + ": law " + lawName + " has no parameter '" + e.getKey() + "'");
            }
            values.put(e.getKey(), e.getValue());
        }
        return LossSurface.of(law, values);
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
    private static Replicates readReplicates(Path file, LossSurface surface) throws IOException {
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

    /** The successful replicates of a saved bootstrap, by the names of its law's parameters. */
    private static Replicates bootstrapReplicates(Path file) {
        BootstrapResult boot = BootstrapJson.load(file);
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

    /** Shared text and JSON rendering of plans. */
    static final class PlanOutput {
        private PlanOutput() {
        }

        static FlopModel flopModel(String formula, List<String> constants) {
            Map<String, Double> c = new LinkedHashMap<>();
            for (String s : constants) {
                Map.Entry<String, Double> e = Assignments.one(s, "--flops-constant");
                c.put(e.getKey(), e.getValue());
            }
            return FlopModel.of(formula, c);
        }

        static String sci(double v) {
            return String.format(Locale.ROOT, "%.3e", v);
        }

        static String num(double v) {
            return String.format(Locale.ROOT, "%.4g", v);
        }

        static String percent(double level) {
            return String.format(Locale.ROOT, "%.0f%%", 100 * level);
        }

        static String withInterval(double v, Intervals iv, String quantity, boolean scientific) {
            String s = scientific ? sci(v) : num(v);
            return iv.of(quantity).map(i -> s + "  [" + (scientific ? sci(i.lower()) : num(i.lower())) + ", "
                    + (scientific ? sci(i.upper()) : num(i.upper())) + "]").orElse(s);
        }

        static void intervalsJson(Intervals iv, ObjectNode node) {
            if (iv.isEmpty() && iv.failed() == 0) {
                return;
            }
            ObjectNode o = node.putObject("intervals");
            o.put("replicates", iv.replicates());
            o.put("failedReplicates", iv.failed());
            iv.byQuantity().forEach((k, i) -> interval(i, o.putObject(k)));
        }

        static void interval(Interval i, ObjectNode o) {
            o.put("lower", i.lower());
            o.put("upper", i.upper());
            o.put("level", i.level());
        }

        static void warnings(List<String> warnings, ObjectNode node, StringBuilder text) {
            ArrayNode w = node.putArray("warnings");
            for (String s : warnings) {
                w.add(s);
                text.append("  warning: ").append(s).append('\n');
            }
        }

        static void allocation(String title, Allocation a, ObjectNode node, StringBuilder text) {
            node.put("computeFlops", a.computeFlops());
            node.put("parameterCount", a.parameterCount());
            node.put("tokenCount", a.tokenCount());
            node.put("tokensPerParameter", a.tokensPerParameter());
            node.put("loss", a.loss());
            node.put("method", a.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            intervalsJson(a.intervals(), node);
            Intervals iv = a.intervals();
            text.append('\n').append(title).append('\n');
            text.append("  compute C            ").append(withInterval(a.computeFlops(), iv, "computeFlops", true))
                    .append(" FLOPs\n");
            text.append("  parameters N         ").append(withInterval(a.parameterCount(), iv, "parameterCount", true))
                    .append('\n');
            text.append("  tokens D             ").append(withInterval(a.tokenCount(), iv, "tokenCount", true))
                    .append('\n');
            text.append("  tokens per parameter ").append(withInterval(a.tokensPerParameter(), iv,
                    "tokensPerParameter", false)).append('\n');
            if (Double.isFinite(a.loss())) {
                text.append("  predicted loss       ").append(withInterval(a.loss(), iv, "loss", false)).append('\n');
            }
            if (iv.failed() > 0) {
                text.append("  ").append(iv.failed()).append(" replicate(s) gave no plan and are left out\n");
            }
            warnings(a.warnings(), node, text);
        }

        static void frontier(Frontier f, ObjectNode node, StringBuilder text) {
            node.put("law", f.lawName());
            node.put("flopModel", f.flopModel());
            ArrayNode rows = node.putArray("rows");
            boolean intervals = f.rows().stream().anyMatch(a -> !a.intervals().isEmpty());
            List<String> header = new ArrayList<>(List.of("C (FLOPs)", "N", "D", "D/N", "loss"));
            if (intervals) {
                header.addAll(List.of("N low", "N high", "D/N low", "D/N high"));
            }
            List<List<String>> table = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Allocation a : f.rows()) {
                ObjectNode o = rows.addObject();
                o.put("computeFlops", a.computeFlops());
                o.put("parameterCount", a.parameterCount());
                o.put("tokenCount", a.tokenCount());
                o.put("tokensPerParameter", a.tokensPerParameter());
                o.put("loss", a.loss());
                o.put("method", a.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                intervalsJson(a.intervals(), o);
                ArrayNode w = o.putArray("warnings");
                a.warnings().forEach(w::add);
                warnings.addAll(a.warnings());
                List<String> row = new ArrayList<>(List.of(sci(a.computeFlops()), sci(a.parameterCount()),
                        sci(a.tokenCount()), num(a.tokensPerParameter()), String.format(Locale.ROOT, "%.4f", a.loss())));
                if (intervals) {
                    Intervals iv = a.intervals();
                    row.add(iv.of("parameterCount").map(i -> sci(i.lower())).orElse("-"));
                    row.add(iv.of("parameterCount").map(i -> sci(i.upper())).orElse("-"));
                    row.add(iv.of("tokensPerParameter").map(i -> num(i.lower())).orElse("-"));
                    row.add(iv.of("tokensPerParameter").map(i -> num(i.upper())).orElse("-"));
                }
                table.add(row);
            }
            text.append("\nCompute-optimal frontier\n");
            java.io.StringWriter sw = new java.io.StringWriter();
            PrintWriter pw = new PrintWriter(sw);
            PlainTable.print(pw, header, table);
            pw.flush();
            text.append(sw);
            for (String w : warnings) {
                text.append("  warning: ").append(w).append('\n');
            }
        }

        static void inferenceAware(List<InferenceAwarePlan> plans, ArrayNode arr, StringBuilder text) {
            text.append("\nInference-aware plans (Sardana et al. 2024): least training + inference FLOPs reaching loss ")
                    .append(num(plans.get(0).targetLoss())).append('\n');
            List<List<String>> table = new ArrayList<>();
            for (InferenceAwarePlan p : plans) {
                ObjectNode o = arr.addObject();
                o.put("targetLoss", p.targetLoss());
                o.put("inferenceTokens", p.inferenceTokens());
                o.put("parameterCount", p.parameterCount());
                o.put("tokenCount", p.tokenCount());
                o.put("tokensPerParameter", p.tokensPerParameter());
                o.put("trainingFlops", p.trainingFlops());
                o.put("inferenceFlops", p.inferenceFlops());
                o.put("totalFlops", p.totalFlops());
                o.put("loss", p.loss());
                ObjectNode t = o.putObject("trainingOptimal");
                t.put("parameterCount", p.trainingOptimal().parameterCount());
                t.put("tokenCount", p.trainingOptimal().tokenCount());
                t.put("computeFlops", p.trainingOptimal().computeFlops());
                t.put("totalFlops", p.trainingOptimalTotalFlops());
                intervalsJson(p.intervals(), o);
                ArrayNode w = o.putArray("warnings");
                p.warnings().forEach(w::add);
                Intervals iv = p.intervals();
                table.add(List.of(sci(p.inferenceTokens()), withInterval(p.parameterCount(), iv, "parameterCount", true),
                        withInterval(p.tokenCount(), iv, "tokenCount", true), num(p.tokensPerParameter()),
                        sci(p.trainingFlops()), sci(p.totalFlops()),
                        String.format(Locale.ROOT, "%.1f%%", Math.max(0, 100 * (1 - p.totalFlops() / p.trainingOptimalTotalFlops())))));
            }
            java.io.StringWriter sw = new java.io.StringWriter();
            PrintWriter pw = new PrintWriter(sw);
            PlainTable.print(pw, List.of("inference tokens", "N", "D", "D/N", "training FLOPs", "total FLOPs",
                    "saved vs Chinchilla"), table);
            pw.flush();
            text.append(sw);
            for (InferenceAwarePlan p : plans) {
                for (String w : p.warnings()) {
                    text.append("  warning: ").append(w).append('\n');
                }
            }
        }

        static void dataConstrained(DataConstrainedPlan p, ObjectNode o, StringBuilder text) {
            o.put("computeFlops", p.computeFlops());
            o.put("uniqueTokens", p.uniqueTokens());
            o.put("parameterCount", p.parameterCount());
            o.put("tokenCount", p.tokenCount());
            o.put("tokensPerParameter", p.tokensPerParameter());
            o.put("epochs", p.epochs());
            o.put("uniqueTokensUsed", p.uniqueTokensUsed());
            o.put("effectiveTokens", p.effectiveTokens());
            o.put("effectiveParameters", p.effectiveParameters());
            o.put("loss", p.loss());
            o.put("uniqueParameters", p.uniqueParameters().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            ObjectNode u = o.putObject("unconstrained");
            u.put("parameterCount", p.unconstrained().parameterCount());
            u.put("tokenCount", p.unconstrained().tokenCount());
            u.put("loss", p.unconstrained().loss());
            intervalsJson(p.intervals(), o);
            Intervals iv = p.intervals();
            text.append("\nData-constrained plan at C = ").append(sci(p.computeFlops())).append(" FLOPs with U = ")
                    .append(sci(p.uniqueTokens())).append(" unique tokens (Muennighoff et al. 2023)\n");
            text.append("  parameters N         ").append(withInterval(p.parameterCount(), iv, "parameterCount", true))
                    .append("   (unlimited data: ").append(sci(p.unconstrained().parameterCount())).append(")\n");
            text.append("  tokens D             ").append(withInterval(p.tokenCount(), iv, "tokenCount", true))
                    .append("   (unlimited data: ").append(sci(p.unconstrained().tokenCount())).append(")\n");
            text.append("  epochs               ").append(withInterval(p.epochs(), iv, "epochs", false))
                    .append(" over ").append(sci(p.uniqueTokensUsed())).append(" unique tokens\n");
            text.append("  effective tokens D'  ").append(sci(p.effectiveTokens())).append('\n');
            text.append("  predicted loss       ").append(withInterval(p.loss(), iv, "loss", false))
                    .append("   (unlimited data: ").append(String.format(Locale.ROOT, "%.4f", p.unconstrained().loss()))
                    .append(")\n");
            warnings(p.warnings(), o, text);
        }
    }
}
