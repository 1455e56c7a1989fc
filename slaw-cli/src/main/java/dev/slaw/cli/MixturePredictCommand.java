package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.MixtureDocuments;
import dev.slaw.io.document.PredictionDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.law.MixtureVariables;
import dev.slaw.mixture.RankAgreement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code slaw mixture predict FIT DATA}: a saved mixture fit at the mixtures of a table, ranked against a target. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved mixture fit at the mixtures of a table; with --target, how well the"
                + " predictions rank the table's mixtures (Spearman's rho).",
        footer = {"", "Example (rank the 1B models' mixtures with a fit on 1M models):",
                "  slaw mixture predict fit.json examples/regmix/test_1b.csv --target pile_cc"})
public final class MixturePredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit saved by slaw mixture fit --out.")
    Path fitFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "A table with the fit's proportion columns.")
    Path points;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "A column of actual values, or an expression over columns (avg = 0.5*web_loss + 0.5*code_loss;"
                    + " the fit's own target name finds the expression it was fitted to): print Spearman's rho and the"
                    + " mean absolute error instead of the predictions.")
    String target;

    @Mixin
    MixtureOptions mixture = new MixtureOptions();

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() throws java.io.IOException {
        Fit fit = FitJson.load(fitFile);
        List<String> vars = fit.law().variables();
        dev.slaw.io.LoadedDataset loaded = DatasetLoader.load(points, Recipe.DEFAULT);
        TargetExpression goal = TargetExpression.parse(fittedExpression(fit, target, loaded.dataset()), loaded.dataset());
        loaded = goal.apply(loaded);
        String target = goal.name();
        MixtureVariables mix = mixture.ofLaw(fit.law(), loaded.dataset());
        // predictions at the renormalised mixtures, shown beside the proportions as the table gives them
        Dataset at = MixtureOptions.checked(loaded, mix, mixture.tolerance).requireComplete(vars).dataset();
        Dataset shown = loaded.requireComplete(vars).dataset();
        if (at.rowCount() == 0) {
            throw new BadInputException(points + ": no mixtures to predict at (the table has a header but no rows)");
        }
        if (target != null && !at.hasColumn(target)) {
            throw new BadInputException(points + ": no column \"" + target + "\" (columns: "
                    + String.join(", ", at.columnNames()) + ")");
        }
        double[] y = fit.predict(at);
        PrintWriter out = spec.commandLine().getOut();
        if (target != null && !output.csv()) {
            RankAgreement a = RankAgreement.of(y, at.column(target));
            FitWarnings warnings = FitWarnings.of(fit);
            output.print(() -> warnings.putInto(MixtureDocuments.agreementJson(points.toString(), target, a)),
                    () -> MixtureDocuments.agreementText(points.toString(), target, a) + "\n" + warnings.text());
            return 0;
        }
        if (output.csv()) {
            out.print(PredictionDocuments.csvTable(vars, shown, fit.target(), y).csv());
        } else if (output.json) {
            out.println(PredictionDocuments.json(vars, shown, fit.target(), y));
        } else {
            PredictionDocuments.textLines(vars, shown, fit.target(), y).forEach(out::println);
        }
        output.printWarnings(FitWarnings.of(fit));
        return 0;
    }

    /**
     * The expression a fit's target was made from ({@code slaw mixture fit --target 'avg = ...'}), when
     * {@code --target} names that target and the table has no such column; else {@code --target} as given.
     */
    static String fittedExpression(Fit fit, String target, Dataset d) {
        if (target == null || d.hasColumn(target.strip()) || !target.strip().equals(fit.target())) {
            return target;
        }
        String prefix = "target " + fit.target() + " = ";
        for (String note : fit.provenance().notes()) {
            if (note.startsWith(prefix)) {
                return note.substring("target ".length());
            }
        }
        return target;
    }
}
