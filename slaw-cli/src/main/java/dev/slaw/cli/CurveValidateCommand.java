package dev.slaw.cli;

import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.io.document.ValidationDocuments;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code slaw curve validate}: fit a loss-curve law on part of the curves and score its
 * predictions of the rest, a held-out run (a schedule never fitted) or the steps after a point
 * (the extrapolation of every run).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Held-out validation of a curve fit: fit on the other runs (--holdout RUN) or on the steps up to a"
                + " point (--holdout-after STEP), predict the held-out rows with intervals, score them.")
public final class CurveValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CurveResampling input = new CurveResampling();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Held held;

    /** Exactly one way of choosing the held-out rows. */
    static final class Held {
        @Option(names = "--holdout", paramLabel = "RUN",
                description = "Hold out this run: fit the others, predict its whole curve from its schedule.")
        String run;

        @Option(names = "--holdout-after", paramLabel = "STEP",
                description = "Hold out every run's rows after this step: fit the steps up to it, predict the rest.")
        Integer step;
    }

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        boolean csv = output.csv();
        if (held.step != null && held.step < 0) {
            throw new BadInputException("--holdout-after must be a step >= 0, got " + held.step);
        }
        CurveResampling.Curves curves = input.read();
        Holdout holdout;
        if (held.run != null) {
            Set<String> runs = new LinkedHashSet<>(List.of(curves.rows().label(curves.law().runColumn()).orElseThrow()));
            if (!runs.contains(held.run)) {
                throw new BadInputException("--holdout: no run '" + held.run + "' (runs: " + String.join(", ", runs) + ")");
            }
            if (held.run.contains("\"")) {
                throw new BadInputException("--holdout: run name " + held.run + " has a double quote; rename its file");
            }
            holdout = Holdout.where(curves.law().runColumn() + " == \"" + held.run + "\"");
        } else {
            holdout = Holdout.where(curves.law().stepColumn() + " > " + held.step);
        }
        HeldOutValidation v;
        try (Progress progress = Progress.start("bootstrap", input.resampling.replicates())) {
            v = HeldOutValidation.run(curves::fit, curves.rows(), CurveLaw.LOSS, holdout, curves.refitOptions(),
                    curves.bootstrap(), progress.listener());
        }
        FitCommand.FitSettings.printWarnings(v.fit(), spec, "the fit on the rest: ");
        PrintWriter o = spec.commandLine().getOut();
        if (csv) {
            o.print(ValidationDocuments.csvTable(v, CurveLaw.LOSS).csv());
        } else if (output.json) {
            o.println(ValidationDocuments.json(v, CurveLaw.LOSS));
        } else {
            o.print(ValidationDocuments.text(v, CurveLaw.LOSS));
        }
        o.flush();
        return 0;
    }
}
