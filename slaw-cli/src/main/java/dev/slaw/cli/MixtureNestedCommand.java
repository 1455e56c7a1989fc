package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.io.document.MixtureDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.MixtureVariables;
import dev.slaw.mixture.NestedPipeline;
import dev.slaw.mixture.RankAgreement;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code slaw mixture nested}: Ye et al.'s pipeline from small short runs to a large model trained
 * long: a step law per run, a size law per mixture, then the mixture law on the predicted losses.
 */
@Command(name = "nested", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ye et al.'s nested pipeline: extrapolate each run's checkpoints in tokens (step law c + B*D^-beta),"
                + " each mixture's runs in model size (size law c + A*N^-alpha, alpha shared), then fit a mixture law"
                + " to the predicted losses at --to-size and --to-tokens.",
        footer = {"", "Example (12 mixtures x 4 sizes x 9 checkpoints, predicted at 1B parameters and 100B tokens):",
                "  slaw mixture nested examples/mixtures/nested-runs.csv --law data-mixing --mixture r=web,code,books \\",
                "    --to-size 805736448 --to-tokens 1.048576e11 --test examples/mixtures/nested-target.csv"})
public final class MixtureNestedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA",
            description = "Checkpoints of runs: the proportion columns, the model size, the tokens seen and the target.")
    String source;

    @Mixin
    MixtureOptions mixture = new MixtureOptions();

    @Option(names = "--size", paramLabel = "COLUMN", defaultValue = "N",
            description = "The model size column (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--tokens", paramLabel = "COLUMN", defaultValue = "D",
            description = "The tokens-seen column of each checkpoint (default: ${DEFAULT-VALUE}).")
    String tokens;

    @Option(names = "--to-size", paramLabel = "N", required = true, description = "The model size to predict (1B accepted).")
    String toSize;

    @Option(names = "--to-tokens", paramLabel = "D", required = true, description = "The token count to predict (100B accepted).")
    String toTokens;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Runs at the target size and tokens (same proportion columns and target): print Spearman's rho"
                    + " and the mean absolute error of the predictions.")
    Path test;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();

    @Option(names = "--out", paramLabel = "FILE", description = "Save the mixture law's fit as JSON (written only on success).")
    Path out;

    @Override
    public Integer call() throws IOException {
        double n = Assignments.number(toSize, "--to-size");
        double d = Assignments.number(toTokens, "--to-tokens");
        LoadedDataset loaded = data.load(source);
        MixtureVariables vars = mixture.variables(loaded.dataset());
        loaded = MixtureOptions.checked(loaded, vars, mixture.tolerance);
        String target = settings.target != null ? settings.target : "loss";
        Dataset held = test == null ? null
                : MixtureOptions.checked(DatasetLoader.load(test, Recipe.DEFAULT), vars, mixture.tolerance).dataset();
        if (held != null && !held.hasColumn(target)) {
            throw new BadInputException(test + ": no column \"" + target + "\" to score the predictions on");
        }
        for (String[] c : new String[][]{{size, "--size", "model size"}, {tokens, "--tokens", "tokens-seen"}}) {
            if (!loaded.dataset().hasColumn(c[0])) {
                throw new BadInputException(source + ": no " + c[2] + " column \"" + c[0] + "\": name it with " + c[1]
                        + " COLUMN (columns: " + String.join(", ", loaded.dataset().columnNames()) + ")");
            }
        }
        List<String> needed = new ArrayList<>(vars.columns());
        needed.addAll(List.of(size, tokens, target));
        Dataset runs = loaded.requireComplete(needed).dataset();
        FitOptions options = FitOptions.defaults().withSeed(settings.seed);
        NestedPipeline pipeline = NestedPipeline.run(runs, vars.columns(), size, tokens, target, n, d, options);

        List<String> notes = new ArrayList<>(loaded.notes());
        notes.addAll(pipeline.notes());
        LoadedDataset predicted = new LoadedDataset(pipeline.predicted(), notes, Optional.empty(), Recipe.DEFAULT,
                pipeline.predicted().rowCount());
        settings.mixture = vars;
        settings.target = target;
        if (settings.gtol == null) {
            settings.gtol = MixtureFitCommand.MIXTURE_GTOL;
        }
        FitCommand.FitSettings.Prepared prepared = settings.prepare(predicted);
        Fit fit = Fitter.fit(prepared.law(), prepared.data(), prepared.target(), prepared.options());
        fit = MixtureFitCommand.withWarnings(fit, summary(pipeline.warnings(), pipeline.stepFits().size()));
        settings.warn(fit, spec);
        if (out != null) {
            FitJson.save(fit, Outputs.staged(out));
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(FitDocuments.text(fit));
        if (held != null) {
            RankAgreement a = RankAgreement.of(fit.predict(held), held.column(target));
            o.println(MixtureDocuments.agreementText(test.toString(), target, a));
        }
        if (out != null) {
            Outputs.say(o, "saved " + out);
        }
        o.flush();
        return fit.convergence().converged() ? 0 : Main.FIT_FAILED;
    }

    /** The earlier stages' warnings in one line each kind: many runs warn alike. */
    static List<String> summary(List<String> warnings, int runs) {
        List<String> out = new ArrayList<>();
        List<String> step = warnings.stream().filter(w -> w.startsWith("step law")).toList();
        if (!step.isEmpty()) {
            long distinctRuns = step.stream().map(w -> w.substring(0, w.indexOf(": "))).distinct().count();
            out.add(distinctRuns + " of " + runs + " step-law fits warn (first: " + step.get(0) + ")");
        }
        warnings.stream().filter(w -> w.startsWith("size laws")).forEach(out::add);
        return out;
    }
}
