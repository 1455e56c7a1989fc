package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Predictor;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.PredictionDocuments;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.fit.FitJson;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.IntervalPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code slaw predict FIT.json N=70e9 D=1.4e12} or {@code --at points.csv}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved fit (or, with intervals, a saved bootstrap) at given points.",
        footer = {"", "Examples:", "  slaw predict fit.json N=70e9 D=1.4e12", "  slaw predict fit.json --at points.csv --json",
                "  slaw predict grouped.json peak_lr=0.002 N=70e9 D=1.4e12   (a fit made with --group peak_lr)",
                "  slaw predict boot.json N=70e9 D=1.4e12   (confidence and prediction intervals)"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIT", description = "A fit saved by slaw fit --out, or a bootstrap saved by slaw bootstrap --out.")
    Path fitFile;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "VAR=VALUE",
            description = "One point: a value for each variable of the law (12M, 1.4B, 2T accepted); for a grouped fit also GROUP=VALUE.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--at", paramLabel = "FILE",
            description = "A table of points with a column per variable (and, for a grouped fit, the group column).")
    Path points;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Override
    public Integer call() throws java.io.IOException {
        boolean csv = output.csv();
        BootstrapResult boot = null;
        Fit fit;
        if (java.nio.file.Files.isRegularFile(fitFile) && BootstrapJson.isBootstrap(text(fitFile))) {
            boot = BootstrapJson.load(fitFile);
            fit = boot.pointEstimate();
            // a bootstrap whose intervals are not results (missed optimum, no spread) says so here too
            for (String w : boot.warnings()) {
                spec.commandLine().getErr().println("slaw predict: warning: " + w);
            }
        } else if (dev.slaw.io.fit.GroupedFitJson.isGroupedFile(fitFile)) {
            dev.slaw.fit.GroupedFit grouped = dev.slaw.io.fit.GroupedFitJson.load(fitFile);
            if (points != null && assignments.isEmpty()) {
                if (csv) {
                    throw new BadInputException("--csv predicts with one fit; for a grouped fit give the group, e.g. "
                            + grouped.groupColumn() + "=" + grouped.groups().get(0) + ", or use --json");
                }
                FitWarnings warnings = FitWarnings.none();
                for (String g : grouped.groups()) {
                    warnings = warnings.and(grouped.groupColumn() + "=" + g, grouped.fit(g));
                }
                FitWarnings beyond = GroupedFits.predictEachRow(spec.commandLine().getOut(), grouped, points, output.json);
                output.printWarnings(warnings.with(beyond.lines()));
                return 0;
            }
            assignments = new ArrayList<>(assignments);
            String group = GroupedFits.chooseGroup(grouped, assignments);
            fit = grouped.fit(group);
            if (!output.json && !csv) {
                spec.commandLine().getOut().println("group " + grouped.groupColumn() + "=" + group + ": " + fit);
            }
        } else {
            fit = FitJson.load(fitFile);
        }
        List<String> vars = fit.law().variables();
        Dataset at;
        if (points != null) {
            if (!assignments.isEmpty()) {
                throw new BadInputException("give either VAR=VALUE or --at FILE, not both");
            }
            LoadedDataset loaded = DatasetLoader.load(points, Recipe.DEFAULT).requireComplete(vars);
            at = loaded.dataset();
        } else {
            at = pointAt(fit, assignments);
        }
        if (at.rowCount() == 0) {
            throw new BadInputException(points + ": no points to predict at (the table has a header but no rows)");
        }
        double[] y = requireDomain(fit, at, vars);
        PrintWriter out = spec.commandLine().getOut();
        // a prediction far beyond the fitted data is the law's guess, not the data's: say how far
        FitWarnings warnings = FitWarnings.of(fit).with(beyondTheData(fit, at));
        // an accuracy predicted above 1 is the law's shape speaking, not the data: say so
        warnings = warnings.with(dev.slaw.fit.VariableRange.outsideTheUnitInterval(fit.target(),
                fit.provenance().targetRange(), y, i -> pointName(vars, at, i)).stream().toList());
        if (boot != null) {
            printIntervals(out, boot, at, vars, csv);
            output.printWarnings(warnings);
            return 0;
        }
        if (csv) {
            out.print(PredictionDocuments.csvTable(vars, at, fit.target(), y).csv());
        } else if (output.json) {
            out.println(PredictionDocuments.json(vars, at, fit.target(), y));
        } else {
            PredictionDocuments.textLines(vars, at, fit.target(), y).forEach(out::println);
        }
        output.printWarnings(warnings);
        return 0;
    }

    /** Prediction i's point as the warnings name it ({@code N = 7e10, D = 1.4e12}). */
    private static String pointName(List<String> vars, Dataset at, int i) {
        return String.join(", ", vars.stream().filter(at::hasColumn)
                .map(v -> v + " = " + dev.slaw.law.Numbers.compact(at.column(v)[i])).toList());
    }

    /** How far the points {@code at} reach beyond each variable's fitted range, a line per variable that does. */
    static List<String> beyondTheData(Fit fit, Dataset at) {
        Map<String, double[]> points = new LinkedHashMap<>();
        for (String v : fit.provenance().ranges().keySet()) {
            if (at.hasColumn(v)) {
                points.put(v, at.column(v));
            }
        }
        return dev.slaw.fit.VariableRange.beyond(fit.provenance().ranges(), points);
    }

    /**
     * The one point {@code VAR=VALUE ...} names (12M, 1.4B, 2T accepted), with the level of each
     * label column for a law with parameters per level; the workbench's predictions use it too.
     */
    static Dataset pointAt(Fit fit, List<String> assignments) {
        List<String> vars = fit.law().variables();
        Map<String, Double> point = new LinkedHashMap<>();
        Map<String, String> levels = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq > 0 && fit.law().labelColumns().contains(a.substring(0, eq).strip())) {
                // family=llama: the level whose per-level parameters the prediction uses
                levels.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
                continue;
            }
            Map.Entry<String, Double> e = Assignments.one(a, "predict");
            String name = e.getKey();
            if (!vars.contains(name)) {
                throw new BadInputException("\"" + a + "\": law " + fit.law().name() + " has no variable '" + name
                        + "' (variables: " + String.join(", ", vars) + ")");
            }
            point.put(name, e.getValue());
        }
        Dataset at = Predictor.pointData(fit.law(), point);
        for (String column : fit.law().labelColumns()) {
            if (!levels.containsKey(column)) {
                throw new BadInputException("law " + fit.law().name() + " has parameters per level of " + column
                        + ": say which with " + column + "=LEVEL");
            }
            at = at.withLabel(column, new String[]{levels.get(column)});
        }
        return at;
    }

    private static String text(Path file) throws java.io.IOException {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(file + ": not a slaw fit or bootstrap (not UTF-8 text)");
        }
    }

    /**
     * The fit's predictions at every point; a point where the law is not finite (N = 0 under
     * N^-alpha) is outside its domain: an error naming it.
     */
    static double[] requireDomain(Fit fit, Dataset at, List<String> vars) {
        double[] y = fit.predict(at);
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                StringBuilder point = new StringBuilder();
                for (String v : vars) {
                    point.append(point.length() == 0 ? "" : ", ").append(v).append('=')
                            .append(dev.slaw.law.Numbers.compact(at.column(v)[i]));
                }
                throw new BadInputException((at.rowCount() > 1 ? "row " + at.rowNumber(i) + " (" + point + ")" : point)
                        + ": outside the domain of law " + fit.law().name() + " (it gives " + y[i] + " there)");
            }
        }
        return y;
    }

    /** Prediction with the bootstrap's confidence and prediction intervals. */
    private void printIntervals(PrintWriter out, BootstrapResult boot, Dataset at, List<String> vars, boolean csv) {
        List<IntervalPrediction> ps = boot.intervals(at, interval.orElse(boot.options().level()));
        if (csv) {
            out.print(PredictionDocuments.csvTable(vars, ps).csv());
        } else if (output.json) {
            out.println(PredictionDocuments.json(ps));
        } else {
            out.print(PredictionDocuments.text(vars, ps, boot));
        }
    }
}
