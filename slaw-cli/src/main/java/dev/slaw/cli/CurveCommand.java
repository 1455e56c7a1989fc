package dev.slaw.cli;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveProtocol;
import dev.slaw.curve.LrAnnealingLaw;
import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.io.document.CurveDocuments;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.fit.FitJson;
import dev.slaw.schedule.Schedule;
import dev.slaw.report.plots.CurvePlots;
import dev.slaw.report.plots.LossCurve;
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

/**
 * {@code slaw curve}: fit a loss-curve law to runs of one model and predict the curve of
 * schedules never run.
 */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = "Loss curves across learning-rate schedules (multi-power law, LR-annealing law).",
        subcommands = {CurveCommand.Fit.class, CurveCommand.Predict.class, CurveBootstrapCommand.class,
                CurveValidateCommand.class})
public final class CurveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options shared by fitting and predicting. */
    static final class LawOptions {
        @Option(names = "--law", defaultValue = "multi-power",
                description = "multi-power (Luo et al. 2025) or lr-annealing (Tissue et al. 2024). Default: ${DEFAULT-VALUE}.")
        String law;

        @Option(names = "--run-schedule", paramLabel = "RUN=SCHEDULE",
                description = "Schedule of a fitted run, e.g. cosine_24000='warmup(2160)+cosine(peak=3e-4, end=3e-5,"
                        + " total=24000)'. Runs named as the multi-power files (cosine_T, constant_T, wsd_D_T,"
                        + " wsdld_D_T, wsdcon_X) need none.")
        Map<String, String> runSchedules = new LinkedHashMap<>();

        @Option(names = "--protocol", defaultValue = "converged",
                description = "converged (minimise Huber to convergence) or luo-2025 (the multi-power authors' AdamW"
                        + " procedure). Default: ${DEFAULT-VALUE}.")
        String protocol;

        @Option(names = "--first-step", defaultValue = "0",
                description = "Leave out rows before this step (warmup, noisy start). Default: ${DEFAULT-VALUE}.")
        int firstStep;

        CurveLaw law(Map<String, Schedule> schedules) {
            return switch (law) {
                case "multi-power" -> MultiPowerLaw.of(schedules);
                case "lr-annealing" -> LrAnnealingLaw.of(schedules);
                default -> throw new BadInputException("--law: unknown curve law '" + law
                        + "' (known: multi-power, lr-annealing)");
            };
        }

        /** A fit and the rows of the curve files it was made on. */
        record Fitted(dev.slaw.fit.Fit fit, Dataset rows) {
            CurveLaw law() {
                return (CurveLaw) fit.law();
            }
        }

        /** Fits the law to the curve files under the chosen protocol. */
        Fitted fit(List<Path> files) {
            CurveProtocol p = CurveProtocol.parse(protocol);
            if (firstStep < 0) {
                throw new BadInputException("--first-step: must be >= 0, got " + firstStep);
            }
            Dataset rows = CurveFiles.read(files);
            return new Fitted(p.fit(law(rows), rows, CurveLaw.LOSS, firstStep, FitOptions.defaults()), rows);
        }

        /** The chosen law over the schedules of every run in {@code rows} (given, or read from the run's name). */
        CurveLaw law(Dataset rows) {
            Map<String, Schedule> schedules = new LinkedHashMap<>();
            for (String run : rows.label(CurveLaw.RUN).orElseThrow()) {
                if (!schedules.containsKey(run)) {
                    String text = runSchedules.get(run);
                    schedules.put(run, text != null ? Schedule.parse(text, CurveFiles::learningRates)
                            : scheduleFromName(run));
                }
            }
            return law(schedules);
        }

        private static Schedule scheduleFromName(String run) {
            try {
                return Schedule.fromMultipowerName(run);
            } catch (BadInputException e) {
                throw new BadInputException("run '" + run + "' has no schedule: give --run-schedule " + run
                        + "='warmup(...)+cosine(...)' (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit one parameter set to the loss curves of several runs of one model.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LawOptions options;

        @Parameters(arity = "1..*", paramLabel = "CURVE.csv",
                description = "Curve files with columns step and loss (one run each, named after the file), or"
                        + " with a run column.")
        List<Path> files;

        @Mixin
        JsonOutput output = new JsonOutput();

        @Option(names = "--out", paramLabel = "FIT.json",
                description = "Save the fit, with each run's schedule, for 'slaw curve predict FIT.json' (written only on"
                        + " success).")
        Path out;

        @Mixin
        PlotOptions plot = new PlotOptions();

        @Override
        public Integer call() throws Exception {
            LawOptions.Fitted fitted = options.fit(files);
            dev.slaw.fit.Fit fit = fitted.fit();
            if (out != null) {
                FitJson.save(fit, Outputs.staged(out));
            }
            PrintWriter o = spec.commandLine().getOut();
            o.print(output.json ? FitDocuments.json(fit) + "\n" : FitDocuments.text(fit)
                    + CurveDocuments.runsText(fitted.law(), fit.values(), fitted.rows()));
            if (out != null && !output.json) {
                Outputs.say(o, "saved " + out);
            }
            o.flush();
            plot.writeAndReport(() -> CurvePlots.figure(CurvePlots.fitted(fitted.law(), fit.values(),
                    fitted.rows())), output.json ? null : o);
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predict the loss curve of one or more schedules, from a saved curve fit, fitted runs or"
                    + " given parameters; compare candidates by final loss.")
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LawOptions options;

        @Parameters(arity = "0..1", paramLabel = "FIT.json",
                description = "A fit saved by 'slaw curve fit --out' (its law and parameters; nothing is refitted).")
        Path fitFile;

        @Mixin
        TableOutput output = new TableOutput();

        @Option(names = "--schedule", required = true, paramLabel = "SCHEDULE",
                description = "A schedule to predict, e.g. 'warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000,"
                        + " total=24000)'; repeat to compare candidates.")
        List<String> schedules;

        @Option(names = "--fit", paramLabel = "CURVE.csv", split = ",",
                description = "Curve files to fit first (as for 'slaw curve fit').")
        List<Path> files = new ArrayList<>();

        @Option(names = "--params", paramLabel = "NAME=VALUE", split = ",",
                description = "Parameters instead of a fit, e.g. L0=3.04,A=0.525,alpha=0.508,B=363.8,C=2.07,"
                        + "beta=0.583,gamma=0.641.")
        Map<String, Double> parameters = new LinkedHashMap<>();

        /** Longest schedule predicted. */
        static final int MAX_STEPS = 20_000_000;
        /** Most points of one predicted curve. */
        static final int MAX_POINTS = 2_000_000;

        @Option(names = "--steps", paramLabel = "N", converter = StepCount.class,
                description = "Predict steps below N (default: the schedule's total).")
        Integer steps;

        @Option(names = "--every", defaultValue = "100", paramLabel = "K",
                description = "Predict every K steps (and the last). Default: ${DEFAULT-VALUE}.")
        int every;

        /** The old spelling of --csv / --json, kept so that scripts written for it still run. */
        @Option(names = "--format", hidden = true)
        String format;

        @Mixin
        PlotOptions plot = new PlotOptions();

        @Override
        public Integer call() throws Exception {
            return run();
        }

        /** table (the final loss per schedule), csv or json (the whole curves), checked before any work. */
        private String chosenFormat() {
            String flags = output.csv() ? "csv" : output.json ? "json" : null;
            if (format == null) {
                return flags == null ? "table" : flags;
            }
            if (!List.of("table", "csv", "json").contains(format)) {
                throw new BadInputException("--format: unknown format '" + format + "' (known: table, csv, json;"
                        + " --csv and --json say it shorter)");
            }
            if (flags != null && !flags.equals(format)) {
                throw new BadInputException("--format " + format + " and --" + flags + ": give one of them");
            }
            return format;
        }

        private Integer run() throws IOException {
            chosenFormat();
            if (every < 1) {
                throw new BadInputException("--every: must be >= 1, got " + every);
            }
            // every candidate schedule is checked before any fitting starts
            Map<String, Schedule> parsed = new LinkedHashMap<>();
            Map<String, Integer> totals = new LinkedHashMap<>();
            for (String text : schedules) {
                Schedule schedule = Schedule.parse(text, CurveFiles::learningRates);
                int total = steps != null ? steps : schedule.totalSteps().orElseThrow(() -> new BadInputException(
                        "schedule " + schedule + " has no total: give --steps"));
                if (total < 2) {
                    throw new BadInputException("--steps: need at least 2 steps, got " + total);
                }
                // the schedule is held step by step (16 bytes a step): refuse what cannot fit
                if (total > MAX_STEPS) {
                    throw new BadInputException("schedule " + schedule + ": " + total + " steps is more than slaw"
                            + " predicts (at most " + MAX_STEPS + "; language-model runs take up to a few million)");
                }
                if (total / every > MAX_POINTS) {
                    throw new BadInputException("--every " + every + " over " + total + " steps asks for "
                            + total / every + " points (at most " + MAX_POINTS + "): give a larger --every");
                }
                parsed.put(text, schedule);
                totals.put(text, total);
            }
            LawOptions lawOptions = options;
            CurveLaw law;
            double[] values;
            // the curves are only as good as the fit they come from: its doubts go with them
            FitWarnings fitWarnings = FitWarnings.none();
            if ((fitFile != null ? 1 : 0) + (files.isEmpty() ? 0 : 1) + (parameters.isEmpty() ? 0 : 1) > 1) {
                throw new BadInputException("give one of FIT.json, --fit and --params");
            }
            if (fitFile != null) {
                dev.slaw.fit.Fit fit = FitJson.load(fitFile);
                if (!(fit.law() instanceof CurveLaw saved)) {
                    throw new BadInputException(fitFile + ": law " + fit.law().name() + " is not a loss-curve law (save"
                            + " one with 'slaw curve fit --out')");
                }
                law = saved;
                values = fit.values();
                fitWarnings = FitWarnings.of(fit);
            } else if (!files.isEmpty()) {
                LawOptions.Fitted fitted = lawOptions.fit(files);
                law = fitted.law();
                values = fitted.fit().values();
                fitWarnings = FitWarnings.of(fitted.fit());
            } else {
                law = lawOptions.law(Map.of("candidate", Schedule.parse("constant(1)")));
                values = new double[law.parameters().size()];
                for (int j = 0; j < values.length; j++) {
                    String name = law.parameters().get(j).name();
                    Double v = parameters.get(name);
                    if (v == null) {
                        throw new BadInputException("--params: missing " + name + " (the " + law.name()
                                + " law has " + String.join(", ", law.parameters().stream().map(p -> p.name()).toList())
                                + "); or fit curves with --fit");
                    }
                    values[j] = v;
                }
                for (String given : parameters.keySet()) {
                    if (law.parameterIndex(given) < 0) {
                        throw new BadInputException("--params: the " + law.name() + " law has no parameter '" + given + "'");
                    }
                }
            }
            Map<String, double[][]> curves = new LinkedHashMap<>();
            for (String text : schedules) {
                Schedule schedule = parsed.get(text);
                int total = totals.get(text);
                // every K-th step from K, and the last
                int count = (total - 1) / every + ((total - 1) % every == 0 ? 0 : 1);
                int[] stepArray = new int[count];
                for (int i = 0; i < count - 1; i++) {
                    stepArray[i] = (i + 1) * every;
                }
                stepArray[count - 1] = total - 1;
                double[] loss = law.predict(values, schedule, stepArray);
                double[] lr = new double[count];
                double[] stepValues = new double[count];
                for (int i = 0; i < count; i++) {
                    lr[i] = schedule.lrAt(stepArray[i]);
                    stepValues[i] = stepArray[i];
                }
                curves.put(schedule.toString(), new double[][] {stepValues, lr, loss});
            }
            PrintWriter out = spec.commandLine().getOut();
            String chosen = chosenFormat();
            switch (chosen) {
                case "csv" -> CurveDocuments.csvLines(curves).forEach(out::println);
                case "json" -> out.println(fitWarnings.putInto(CurveDocuments.json(law, values, curves)));
                default -> out.print(CurveDocuments.rankingText(curves) + fitWarnings.text());
            }
            out.flush();
            if (chosen.equals("csv")) {
                output.warnOnError(fitWarnings);
            }
            plot.writeAndReport(() -> CurvePlots.figure(curves.entrySet().stream().map(e -> LossCurve.predicted(
                    e.getKey(), e.getValue()[0], e.getValue()[2], e.getValue()[1])).toList()),
                    chosen.equals("table") ? out : null);
            return 0;
        }
    }
}
