package dev.slaw.cli;

import dev.slaw.curve.CurveLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.document.BootstrapDocuments;
import dev.slaw.schedule.Schedule;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.DerivedQuantity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slaw curve bootstrap}: fit a loss-curve law, refit resamples of moving blocks of steps
 * within each run, and report percentile intervals of the parameters and of the final loss of
 * candidate schedules.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bootstrap a curve fit: resample moving blocks of steps within each run, refit each resample,"
                + " report percentile intervals of the parameters and of each --schedule's final loss.")
public final class CurveBootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CurveResampling input = new CurveResampling();

    @Option(names = "--schedule", paramLabel = "SCHEDULE",
            description = "A schedule whose final loss gets an interval too, e.g. 'warmup(2160)+cosine(peak=3e-4,"
                    + " end=3e-5, total=72000)'; repeat for several.")
    List<String> schedules = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", converter = StepCount.class,
            description = "The final loss is the loss at step N - 1 (default: each schedule's total).")
    Integer steps;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() {
        // the schedules are checked before any fitting starts
        Map<Schedule, Integer> candidates = new LinkedHashMap<>();
        for (String text : schedules) {
            Schedule schedule = Schedule.parse(text, CurveFiles::learningRates);
            int total = steps != null ? steps : schedule.totalSteps().orElseThrow(() -> new BadInputException(
                    "--schedule " + schedule + " has no total: give --steps"));
            if (total < 2) {
                throw new BadInputException("--steps: need at least 2 steps, got " + total);
            }
            // a prediction holds the schedule step by step, as curve predict does: the same limit
            if (total > CurveCommand.Predict.MAX_STEPS) {
                throw new BadInputException("schedule " + schedule + ": " + total + " steps is more than slaw predicts"
                        + " (at most " + CurveCommand.Predict.MAX_STEPS + ")");
            }
            candidates.put(schedule, total);
        }
        CurveResampling.Curves curves = input.read();
        Fit fit = curves.fit(curves.rows());
        FitCommand.FitSettings.printWarnings(fit, spec, "the point estimate: ");
        List<DerivedQuantity> finalLosses = new ArrayList<>();
        candidates.forEach((schedule, total) -> finalLosses.add(finalLoss(curves.law(), schedule, total - 1)));
        BootstrapResult b;
        try (Progress progress = Progress.start("bootstrap", input.resampling.replicates())) {
            b = Bootstrap.run(fit, curves.rows(), curves.refitOptions(),
                    curves.bootstrap().withDerived(finalLosses), progress.listener());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            o.println(BootstrapDocuments.json(b, null));
        } else {
            o.print(BootstrapDocuments.text(b, null));
        }
        o.flush();
        return 0;
    }

    /** The loss at step {@code last} of {@code schedule}, from each replicate's parameters. */
    private static DerivedQuantity finalLoss(CurveLaw law, Schedule schedule, int last) {
        return new DerivedQuantity("loss@" + last + " " + schedule, "the law's loss at step " + last + " of " + schedule,
                parameters -> law.predict(values(law, parameters), schedule, new int[] {last})[0]);
    }

    /** Parameter values by name, in the law's order. */
    private static double[] values(CurveLaw law, Map<String, Double> parameters) {
        double[] v = new double[law.parameters().size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = parameters.get(law.parameters().get(j).name());
        }
        return v;
    }
}
