package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.LocalOptimizer;
import dev.slaw.fit.Screening;
import dev.slaw.fit.Starts;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.ParameterDeclaration;
import dev.slaw.law.Target;
import dev.slaw.optim.StoppingRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code slaw fit}: fit a law to a table of runs and print (and save) the Fit. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a law to a table of training runs.",
        footer = {"", "Example (Chinchilla Approach 3 on the Epoch re-extraction):",
                "  slaw fit examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --starts chinchilla --out fit.json"})
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "A table (CSV, TSV, JSON, JSON Lines, a folder of JSON runs, Parquet) or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitSettings settings = new FitSettings();

    @Option(names = "--out", paramLabel = "FILE", description = "Save the fit as JSON (written only on success).")
    Path out;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Option(names = "--save", description = "Also save the fit in the run store (--db), beside its data: list with slaw fits.")
    boolean save;

    @Mixin
    FitPlotSettings plot = new FitPlotSettings();

    /** Chooses how a planned grouped fit's groups are fitted: in this JVM, or (slaw-spark) as a Spark job. */
    @FunctionalInterface
    public interface Grouping {
        dev.slaw.fit.GroupFitter.SeparateFits of(Planned plan);
    }

    /**
     * A fit as the options ask for it, before fitting: the {@code DATA} argument, the table, the
     * prepared law, rows and protocol, and the rows of each group (empty without {@code --group}).
     */
    public record Planned(String source, LoadedDataset loaded, FitSettings.Prepared prepared,
                          java.util.Map<String, int[]> groups) {
    }

    /** Null: slaw's own command, which fits every kind of fit here. */
    private final Grouping grouping;

    public FitCommand() {
        this(null);
    }

    /**
     * A command for separate fits per group only, the groups fitted by what {@code grouping}
     * picks for the plan (slaw-spark); one fit or a joint fit is refused.
     */
    public FitCommand(Grouping grouping) {
        this.grouping = grouping;
    }

    /** The fit the parsed options describe, nothing fitted. */
    public Planned plan() throws IOException {
        LoadedDataset loaded = data.load(source);
        FitSettings.Prepared prepared = settings.prepare(loaded);
        java.util.Map<String, int[]> groups = loaded.group().isEmpty() ? java.util.Map.of()
                : dev.slaw.fit.GroupFitter.rowsByGroup(prepared.data(), loaded.group().get(),
                GroupedFits.groupOfRows(loaded, prepared.data()));
        return new Planned(source, loaded, prepared, groups);
    }

    @Override
    public Integer call() throws IOException {
        Planned plan = plan();
        LoadedDataset loaded = plan.loaded();
        FitSettings.Prepared prepared = plan.prepared();
        PrintWriter o = spec.commandLine().getOut();
        if (grouping != null && (loaded.group().isEmpty() || !settings.shared.isEmpty())) {
            throw new BadInputException(loaded.group().isEmpty()
                    ? "on Spark, fit fits one law per group: name the group column with --group COLUMN (one fit runs in slaw fit)"
                    : "on Spark, fit fits the groups separately: a joint fit (--shared) is one fit, run it in slaw fit");
        }
        java.util.Optional<dev.slaw.fit.GroupedFit> grouped = GroupedFits.fitIfGrouped(loaded, prepared, settings.shared,
                grouping == null ? dev.slaw.fit.GroupFitter.IN_TURN : grouping.of(plan));
        if (grouped.isPresent()) {
            return printGrouped(grouped.get(), prepared, loaded, o);
        }
        Fit fit = Fitter.fit(prepared.law(), prepared.data(), prepared.target(), prepared.options());
        settings.warn(fit, spec);
        if (out != null) {
            FitJson.save(fit, Outputs.staged(out));
        }
        if (save) {
            Outputs.onSuccess(() -> {
                try (dev.slaw.io.store.FitStore store = dev.slaw.io.store.FitStore.open(data.db())) {
                    long id = store.save(data.datasetName(source), fit.law().name(), fit.provenance().fingerprint(),
                            FitJson.write(fit));
                    spec.commandLine().getErr().println("saved as fit " + id + " in " + data.db());
                }
            });
        }
        o.print(output.json ? FitDocuments.json(fit) + "\n" : FitDocuments.text(fit));
        if (out != null && !output.json) {
            Outputs.say(o, "saved " + out);
        }
        for (Path plotted : plot.writeFitPlots(fit, prepared.data(), loaded, null)) {
            if (!output.json) {
                Outputs.say(o, "plotted " + plotted);
            }
        }
        o.flush();
        if (!fit.convergence().converged()) {
            spec.commandLine().getErr().println("slaw: the best start did not converge: " + fit.convergence().reason());
            return Main.FIT_FAILED;
        }
        return 0;
    }

    /** Saves and prints a grouped fit as {@link #call} does one fit. */
    private int printGrouped(dev.slaw.fit.GroupedFit grouped, FitSettings.Prepared prepared, LoadedDataset loaded,
                             PrintWriter o) throws IOException {
        String text = dev.slaw.io.fit.GroupedFitJson.write(grouped);
        grouped.warnings().forEach(w -> spec.commandLine().getErr().println("slaw fit: warning: " + w));
        if (settings.strict && !grouped.warnings().isEmpty()) {
            int n = grouped.warnings().size();
            throw new dev.slaw.fit.FitFailedException("--strict: the grouped fit has " + n + " warning"
                    + (n == 1 ? "" : "s") + "; nothing written");
        }
        if (out != null) {
            dev.slaw.io.fit.GroupedFitJson.save(grouped, Outputs.staged(out));
        }
        if (save) {
            List<String> used = new ArrayList<>(prepared.law().variables());
            used.add(prepared.target());
            Outputs.onSuccess(() -> {
                try (dev.slaw.io.store.FitStore store = dev.slaw.io.store.FitStore.open(data.db())) {
                    long id = store.save(data.datasetName(source), prepared.law().name(),
                            prepared.data().fingerprint(used), text);
                    spec.commandLine().getErr().println("saved as fit " + id + " in " + data.db());
                }
            });
        }
        o.print(output.json ? text + "\n" : FitDocuments.text(grouped));
        if (out != null && !output.json) {
            Outputs.say(o, "saved " + out);
        }
        for (Path plotted : plot.writeGroupedFitPlot(grouped, prepared.data(), loaded)) {
            if (!output.json) {
                Outputs.say(o, "plotted " + plotted);
            }
        }
        o.flush();
        if (!grouped.converged()) {
            spec.commandLine().getErr().println("slaw: the best start of a group did not converge");
            return Main.FIT_FAILED;
        }
        return 0;
    }

    /**
     * The options that choose a law and a fitting protocol, shared by every command that fits
     * ({@code fit}, and later {@code validate}, {@code sensitivity}).
     */
    public static final class FitSettings {
        @Option(names = "--law", required = true, paramLabel = "LAW",
                description = "A catalogue name (slaw laws) or a formula, e.g. \"E + A*N^-alpha\".")
        String law;

        @Option(names = "--target", paramLabel = "COLUMN",
                description = "The column the law predicts (default: the formula's left side if it is a column, else loss).")
        String target;

        @Option(names = "--param", paramLabel = "DECL",
                description = "Declare a parameter: \"alpha in [0, 1]\", \"E > 0\", \"c = 1.5\" (fixed), \"beta = alpha\" (tied).")
        List<String> declarations = new ArrayList<>();

        @Option(names = "--starts", paramLabel = "STARTS", defaultValue = "default",
                description = "default (the law's grid, raced: linear parameters solved, best starts first, until 3 agree;"
                        + " raw-scale linear parameters solved inside every evaluation, variable projection),"
                        + " full-grid (every start of that grid), chinchilla (4,500 starts), lhs:COUNT[:SEED]"
                        + " (default: ${DEFAULT-VALUE}).")
        String starts;

        @Option(names = "--no-screening",
                description = "On a table of more than 32,768 rows, still run every start on every row (slow) instead of screening the starts on a sample.")
        boolean noScreening;

        @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "huber", converter = LossWords.class,
                description = "huber, squared, absolute or asymmetric (default: ${DEFAULT-VALUE}).")
        Loss loss;

        @Option(names = "--delta", defaultValue = "1e-3", description = "Huber delta (default: ${DEFAULT-VALUE}).")
        double delta;

        @Option(names = "--mean", description = "Average the loss instead of summing it (not recommended: L-BFGS-B stops early).")
        boolean mean;

        @Option(names = "--penalty", defaultValue = "4",
                description = "Factor on over-estimates for --loss asymmetric (default: ${DEFAULT-VALUE}).")
        double penalty;

        @Option(names = "--weights", paramLabel = "COLUMN", description = "A column of per-row weights.")
        String weights;

        @Option(names = "--optimizer", defaultValue = "lbfgsb",
                description = "lbfgsb, bfgs (unconstrained, as scipy's; bounds only checked at the end) or lm (Levenberg-Marquardt; squared loss only) (default: ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--plain-target", description = "Fit y itself (residual y - f) instead of log y.")
        boolean plainTarget;

        @Option(names = "--log-target", description = "Fit log y (residual log y - log f).")
        boolean logTarget;

        @Option(names = "--threads", description = "Worker threads (default: all cores; the result does not depend on it).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--shared", split = ",", paramLabel = "P1,P2",
                description = "With --group: fit the groups jointly, these parameters one value across groups, the others per group.")
        List<String> shared = new ArrayList<>();

        @Option(names = "--drop-missing",
                description = "Leave out rows with an empty or NaN cell in a column the law needs (counted in the fit's notes); without it such a cell is an error.")
        boolean dropMissing;

        @Option(names = "--ftol", description = "L-BFGS-B relative-reduction tolerance (default: scipy's 2.2e-9).")
        Double ftol;

        @Option(names = "--gtol", description = "L-BFGS-B projected-gradient (BFGS: largest gradient component) tolerance (default: 1e-2 of |f| under --stop relative, scipy's 1e-5 under --stop scipy).")
        Double gtol;

        @Option(names = "--stop", paramLabel = "RULE", defaultValue = "relative", converter = StopWords.class,
                description = "What --ftol and --gtol are measured against: relative (the objective's size; scale-free) or scipy (scipy's rules exactly: absolute below 1; for reproducing scipy fits) (default: ${DEFAULT-VALUE}).")
        StoppingRule stop;

        @Option(names = "--strict",
                description = "Treat any warning of the fit (few starts at the optimum, a parameter on a bound or never moved, r-squared below 0 or undefined, zero weights) as a failure: exit 1, nothing written.")
        boolean strict;

        /**
         * Says each of the fit's warnings on standard error ({@code slaw VERB: warning: ...});
         * under {@code --strict} a warning fails the command before anything is written.
         *
         * @throws FitFailedException under --strict when the fit has a warning
         */
        public void warn(Fit fit, CommandSpec spec) {
            warn(fit, spec, "");
        }

        /** As {@link #warn(Fit, CommandSpec)}, naming which fit (e.g. "the fit on the rest: "). */
        public void warn(Fit fit, CommandSpec spec, String which) {
            printWarnings(fit, spec, which);
            if (strict && !fit.warnings().isEmpty()) {
                int n = fit.warnings().size();
                throw new FitFailedException("--strict: " + which + "the fit has " + n + " warning" + (n == 1 ? "" : "s")
                        + "; nothing written");
            }
        }

        /** Prints each warning of {@code fit} to standard error, one line each, naming the command and the fit. */
        static void printWarnings(Fit fit, CommandSpec spec, String which) {
            PrintWriter err = spec.commandLine().getErr();
            String verb = spec.qualifiedName(" ");
            for (String w : fit.warnings()) {
                err.println(verb + ": warning: " + which + w);
            }
            err.flush();
        }

        /** The mixture variables a law may sum over ({@code slaw mixture fit --mixture}), or null. */
        dev.slaw.law.MixtureVariables mixture;

        /** A law, data, target and options, ready for {@link Fitter#fit}. */
        public record Prepared(Law law, Dataset data, String target, FitOptions options, List<String> notes) {
        }

        /** Resolves the law and the options against a loaded dataset, and drops incomplete rows with a note. */
        public Prepared prepare(LoadedDataset loaded) {
            Dataset d = loaded.dataset();
            // text columns count as data too: a formula naming one must fail on its text, not fit it as a parameter
            List<String> columns = new ArrayList<>(d.columnNames());
            columns.addAll(d.labels().keySet());
            Law l = mixture != null ? mixture.resolve(law, Catalogue.builtIn(), columns)
                    : Catalogue.builtIn().resolve(law, columns);
            if (l instanceof dev.slaw.law.MixtureLaw m) {
                throw new BadInputException("law " + m.name() + " sums over a data mixture: fit it with slaw mixture fit --mixture "
                        + m.vectors().get(0) + "=COLUMN1,COLUMN2,...");
            }
            if (!declarations.isEmpty()) {
                l = l.withParameters(ParameterDeclaration.applyAll(l.parameters(), declarations, l.name()));
            }
            if (plainTarget && logTarget) {
                throw new BadInputException("--plain-target and --log-target contradict each other");
            }
            if (plainTarget) {
                l = l.withTarget(Target.PLAIN);
            } else if (logTarget) {
                l = l.withTarget(Target.LOG);
            }
            String t = target;
            if (t == null) {
                String lhs = l instanceof dev.slaw.law.FormulaLaw f ? f.definition().target().orElse(null) : null;
                if (lhs != null && d.hasColumn(lhs)) {
                    t = lhs;
                } else if (d.hasColumn("loss")) {
                    t = "loss";
                } else {
                    throw new BadInputException(d.source() + ": say which column the law predicts with --target (columns: "
                            + String.join(", ", d.columnNames()) + ")");
                }
            }
            List<String> needed = new ArrayList<>(l.variables());
            needed.add(t);
            if (weights != null) {
                needed.add(weights);
            }
            if (!dropMissing) {
                refuseMissing(d, needed);
            }
            LoadedDataset complete = loaded.requireComplete(needed);
            Objective objective = new Objective(loss, delta, mean, penalty, weights);
            FitOptions options = FitOptions.defaults()
                    .withObjective(objective)
                    .withOptimizer(LocalOptimizer.parse(optimizer))
                    .withStarts(Starts.parse(starts, seed))
                    .withSeed(seed)
                    .withStoppingRule(stop)
                    .withScreening(noScreening ? Screening.NEVER : Screening.DEFAULT)
                    .withNotes(complete.notes());
            if (threads != null) {
                options = options.withThreads(workers(threads));
            }
            if (ftol != null || gtol != null) {
                options = options.withTolerances(ftol == null ? options.functionTolerance() : ftol,
                        gtol == null ? options.gradientTolerance() : gtol);
            }
            return new Prepared(l, complete.dataset(), t, options, complete.notes());
        }

        /** The worker threads {@code --threads} asks for (all cores when not given), at least 1. */
        static int workers(Integer threads) {
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (n < 1) {
                throw new BadInputException("--threads must be at least 1, got " + n);
            }
            return n;
        }

        /** A missing value where the law needs one is bad input unless the user asked to drop such rows. */
        private static void refuseMissing(Dataset d, List<String> needed) {
            for (String name : needed) {
                if (!d.hasColumn(name)) {
                    continue; // requireComplete names the missing or text column
                }
                double[] c = d.column(name);
                for (int i = 0; i < c.length; i++) {
                    if (Double.isNaN(c[i])) {
                        throw new BadInputException(d.source() + ": row " + d.rowNumber(i) + ", column \"" + name
                                + "\": missing value (empty or NaN); pass --drop-missing to leave such rows out");
                    }
                }
            }
        }

        static final class LossWords extends ChoiceConverter<Loss> {
            LossWords() {
                super(Loss.class);
            }
        }

        static final class StopWords extends ChoiceConverter<StoppingRule> {
            StopWords() {
                super(StoppingRule.class);
            }
        }

    }
}
