package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Fitter;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.io.document.MixtureDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.MixtureVariables;
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
import java.util.concurrent.Callable;

/** {@code slaw mixture fit}: a law over a data mixture, optionally scored on held-out mixtures. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a mixture law to runs whose data mixture is given by proportion columns.",
        footer = {"", "Example (RegMix, 512 mixtures of 1M models, scored on 256 others):",
                "  slaw mixture fit examples/regmix/train_1m.csv --law data-mixing --mixture 'r=train_*' \\",
                "    --target pile_cc --test examples/regmix/test_1m.csv --out fit.json"})
public final class MixtureFitCommand implements Callable<Integer> {
    /** The default projected-gradient tolerance of a mixture fit, relative to |f| (see {@link #call}). */
    static final double MIXTURE_GTOL = 1e-4;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "A table of runs with the proportion columns and the target. Unless --gtol is given, fits stop at a projected gradient of 1e-4 of |f| (not 1e-2): the starts of a mixture law then agree.")
    String source;

    @Mixin
    MixtureOptions mixture = new MixtureOptions();

    @Option(names = "--test", paramLabel = "FILE",
            description = "Held-out mixtures (same columns): print Spearman's rho between predicted and actual target.")
    Path test;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();

    @Option(names = "--out", paramLabel = "FILE", description = "Save the fit as JSON (written only on success).")
    Path out;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() throws IOException {
        LoadedDataset loaded = data.load(source);
        MixtureVariables vars = mixture.variables(loaded.dataset());
        loaded = MixtureOptions.checked(loaded, vars, mixture.tolerance);
        settings.mixture = vars;
        if (settings.gtol == null) {
            // a mixture law has many weakly determined t_j: at the default 1e-2 of |f| its starts stop
            // in one flat valley at objectives a part in 1e4 apart (RegMix: 1 of 5 "reached best");
            // at 1e-4 they agree, for about half a second more
            settings.gtol = MIXTURE_GTOL;
        }
        FitCommand.FitSettings.Prepared prepared = settings.prepare(loaded);
        // the held-out table is read and checked before fitting: bad input there writes nothing either
        Dataset held = test == null ? null
                : MixtureOptions.checked(DatasetLoader.load(test, Recipe.DEFAULT), vars, mixture.tolerance)
                .requireComplete(prepared.law().variables()).dataset();
        if (held != null && !held.hasColumn(prepared.target())) {
            throw new dev.slaw.data.BadInputException(test + ": no column \"" + prepared.target() + "\" to score the predictions on");
        }
        Fit fit = Fitter.fit(prepared.law(), prepared.data(), prepared.target(), prepared.options());
        settings.warn(fit, spec);
        if (out != null) {
            FitJson.save(fit, Outputs.staged(out));
        }
        PrintWriter o = spec.commandLine().getOut();
        RankAgreement agreement = held == null ? null
                : RankAgreement.of(fit.predict(held), held.column(prepared.target()));
        if (output.json) {
            dev.slaw.io.json.JsonObject root = new dev.slaw.io.json.JsonObject();
            root.put("fit", FitDocuments.json(fit));
            if (agreement != null) {
                root.put("test", MixtureDocuments.agreementJson(test.toString(), prepared.target(), agreement));
            }
            o.println(root);
        } else {
            o.print(FitDocuments.text(fit));
            if (agreement != null) {
                o.println(MixtureDocuments.agreementText(test.toString(), prepared.target(), agreement));
            }
            if (out != null) {
                Outputs.say(o, "saved " + out);
            }
        }
        o.flush();
        if (!fit.convergence().converged()) {
            spec.commandLine().getErr().println("slaw: the best start did not converge: " + fit.convergence().reason());
            return Main.FIT_FAILED;
        }
        return 0;
    }
}
