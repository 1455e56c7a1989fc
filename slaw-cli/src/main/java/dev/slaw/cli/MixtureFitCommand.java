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
import dev.slaw.mixture.WeightedTarget;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            description = "Held-out mixtures (same columns): print Spearman's rho between predicted and actual target"
                    + " (a --target expression is evaluated on this table too).")
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
        // a weighted target (avg = 0.5*web_loss + 0.5*code_loss) becomes one column, fitted as one Fit
        TargetExpression goal = TargetExpression.parse(settings.target, loaded.dataset());
        loaded = goal.apply(loaded);
        settings.target = goal.name();
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
                : MixtureOptions.checked(goal.apply(DatasetLoader.load(test, Recipe.DEFAULT)), vars, mixture.tolerance)
                .requireComplete(prepared.law().variables()).dataset();
        if (held != null && !held.hasColumn(prepared.target())) {
            throw new dev.slaw.data.BadInputException(test + ": no column \"" + prepared.target() + "\" to score the predictions on");
        }
        Fit fit = Fitter.fit(prepared.law(), prepared.data(), prepared.target(), prepared.options());
        WeightedTarget weighted = null;
        WeightedTarget weightedHeld = null;
        if (goal.isExpression()) {
            // the same law on each column alone, combined by the target's expression: a one fit far worse
            // than that says the weighted sum is not one law of the form (the fit warns, and keeps the warning)
            Map<String, Fit> columnFits = new LinkedHashMap<>();
            for (String column : dev.slaw.law.expr.Formula.parse(goal.expression(), loaded.dataset().columnNames()).names()) {
                settings.target = column;
                FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
                columnFits.put(column, Fitter.fit(p.law(), p.data(), p.target(), p.options()));
            }
            settings.target = goal.name();
            weighted = WeightedTarget.compare(fit, columnFits, goal.expression(), prepared.data());
            if (held != null) {
                weightedHeld = WeightedTarget.compare(fit, columnFits, goal.expression(), held);
            }
            fit = withWarnings(fit, weighted.warnings());
        }
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
            if (weighted != null) {
                root.put("weighted_target", MixtureDocuments.weightedJson(source, weighted));
            }
            if (weightedHeld != null) {
                dev.slaw.io.json.JsonObject t = MixtureDocuments.weightedJson(test.toString(), weightedHeld);
                t.put("columns_combined", MixtureDocuments.agreementJson(test.toString(), prepared.target(),
                        RankAgreement.of(weightedHeld.columnPredictions(), held.column(prepared.target()))));
                root.put("weighted_target_test", t);
            }
            o.println(root);
        } else {
            o.print(FitDocuments.text(fit));
            if (weighted != null) {
                o.println(MixtureDocuments.weightedText(source, weighted));
            }
            if (agreement != null) {
                o.println(MixtureDocuments.agreementText(test.toString(), prepared.target(), agreement));
            }
            if (weightedHeld != null) {
                o.println(MixtureDocuments.agreementText(test.toString(), prepared.target() + " (each column fitted alone, combined)",
                        RankAgreement.of(weightedHeld.columnPredictions(), held.column(prepared.target()))));
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

    /** The fit with more warnings, kept in its saved file so that every later use shows them. */
    static Fit withWarnings(Fit f, List<String> more) {
        if (more.isEmpty()) {
            return f;
        }
        List<String> all = new ArrayList<>(f.warnings());
        all.addAll(more);
        return new Fit(f.law(), f.target(), f.parameters(), f.covariance(), f.covarianceMethod(), f.objectiveValue(),
                f.objective(), f.convergence(), f.starts(), f.statistics(), f.provenance(), all);
    }
}
