package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.fit.GroupedFitJson;
import dev.slaw.report.html.GroupedHtmlReport;
import dev.slaw.report.html.GroupedReportInput;
import dev.slaw.report.html.HtmlReport;
import dev.slaw.report.html.ReportInput;
import dev.slaw.report.plots.PredictionInterval;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.DerivedQuantity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code slaw report}: fit (or load a fit) and write one self-contained HTML page about it. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a self-contained HTML report of a fit: data, parameters, plots, held-out check, provenance.",
        footer = {"", "Examples:",
                "  slaw report examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --hold-out N=10 --out report.html",
                "  slaw report examples/chinchilla-epoch/svg_extracted_data.csv --fit fit.json \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --drop-highest loss=5 --out report.html",
                "  slaw report examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --replicates 1000 --seed 1 --out report.html",
                "  slaw report examples/misfitting/scaling_results_last_ckpt_only.csv --law chinchilla \\",
                "    --only peak_lr=0.001,0.002,0.004 --group peak_lr --out report-groups.html",
                "", "With --group COLUMN: one fit per group (or the joint fit with --shared), the",
                "groups' parameters side by side and a section per group; --hold-out,",
                "--replicates and --bootstrap are then refused."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "The table the fit was (or is to be) made on, or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    FitSource fitSource;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--hold-out", paramLabel = "COLUMN=K",
            description = "Check the law on the K rows with the largest COLUMN: fit it again without them, bootstrap"
                    + " that fit (--replicates, else 200) and tabulate its predictions of them with intervals"
                    + " and coverage; the headline stays the fit on every row. E.g. --hold-out N=10.")
    String holdOut;

    @Option(names = "--replicates", paramLabel = "N",
            description = "Bootstrap the fit made here with N replicates (seeded by --seed): percentile intervals in the"
                    + " parameter table and the confidence band on the fit plot, e.g. --replicates 1000.")
    Integer bootstrapReplicates;

    @Option(names = "--bootstrap", paramLabel = "BOOT.json",
            description = "Use a bootstrap saved by 'slaw bootstrap --out' instead (of the same fit).")
    Path bootstrapFile;

    @Mixin
    FitPlotSettings plot = new FitPlotSettings();

    @Mixin
    JsonOutput output = new JsonOutput();

    /** Replicates of the held-out check's bootstrap when --replicates does not give a number. */
    private static final int HELD_OUT_REPLICATES = 200;

    /** Either a saved fit or the options to make one. */
    static final class FitSource {
        @Option(names = "--fit", paramLabel = "FIT.json", description = "Report a fit saved by 'slaw fit --out'.")
        Path fitFile;

        @ArgGroup(exclusive = false, heading = "Fit it here:%n")
        FitCommand.FitSettings settings;
    }

    /** A saved fit shown over data other than the rows it was fitted on: legitimate, but said. */
    private void warnIfOtherData(Fit fit, Dataset data) {
        String made = fit.provenance().fingerprint();
        List<String> columns = fit.provenance().columns();
        if (made == null || made.isBlank() || columns.isEmpty() || !columns.stream().allMatch(data::hasColumn)) {
            return;
        }
        String now = data.fingerprint(columns);
        if (!now.equals(made)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("slaw report: warning: these rows differ from the ones the fit was made on (sha256 "
                    + now.substring(0, Math.min(12, now.length())) + "... here, " + made.substring(0, Math.min(12, made.length()))
                    + "... in the fit, from " + fit.provenance().dataSource() + ")");
            err.flush();
        }
    }

    @Override
    public Integer call() throws IOException {
        LoadedDataset loaded = data.load(source);
        Fit fit;
        LoadedDataset used;
        HeldOutValidation heldOut = null;
        BootstrapResult bootstrap = null;
        if (bootstrapReplicates != null && bootstrapFile != null) {
            throw new BadInputException("give --replicates N or --bootstrap FILE, not both");
        }
        if (fitSource.fitFile != null) {
            if (holdOut != null) {
                throw new BadInputException("--hold-out needs a fit made here (--law ...), not a saved --fit");
            }
            if (bootstrapReplicates != null) {
                throw new BadInputException("--replicates refits the data with the fit's settings, so it needs a fit made"
                        + " here (--law ...); for a saved fit give --bootstrap FILE from 'slaw bootstrap --out'");
            }
            if (GroupedFitJson.isGroupedFile(fitSource.fitFile)) {
                return reportSavedGrouped(loaded, GroupedFitJson.load(fitSource.fitFile));
            }
            fit = FitJson.load(fitSource.fitFile);
            List<String> needed = new ArrayList<>(fit.law().variables());
            needed.add(fit.target());
            used = loaded.requireComplete(needed);
            warnIfOtherData(fit, used.dataset());
        } else {
            FitCommand.FitSettings.Prepared prepared = fitSource.settings.prepare(loaded);
            if (loaded.group().isPresent() || !fitSource.settings.shared.isEmpty()) {
                refuseOneFitChecks(loaded.group().orElse("GROUP"));
                GroupedFit grouped = GroupedFits.fitIfGrouped(loaded, prepared, fitSource.settings.shared).orElseThrow();
                LoadedDataset rows = new LoadedDataset(prepared.data(), prepared.notes(), loaded.group(),
                        loaded.recipe(), loaded.sourceRows());
                return reportGrouped(grouped, rows);
            }
            Dataset rows = prepared.data();
            List<String> notes = new ArrayList<>(prepared.notes());
            // the headline is the fit on every row; the held-out check fits the law again without them
            fit = Fitter.fit(prepared.law(), rows, prepared.target(), prepared.options().withNotes(notes));
            fitSource.settings.warn(fit, spec);
            if (bootstrapReplicates != null) {
                bootstrap = bootstrap(fit, rows, prepared);
            }
            if (holdOut != null) {
                Holdout holdout = largest(rows, holdOut);
                int replicates = bootstrapReplicates != null ? bootstrapReplicates : HELD_OUT_REPLICATES;
                BootstrapOptions options = BootstrapOptions.defaults().withReplicates(replicates)
                        .withSeed(prepared.options().seed()).withThreads(prepared.options().threads());
                try (Progress progress = Progress.start("held-out check", replicates)) {
                    heldOut = HeldOutValidation.run(prepared.law(), rows, prepared.target(), holdout,
                            prepared.options().withNotes(notes), options, progress.listener());
                }
            }
            used = new LoadedDataset(rows, notes, loaded.group(), loaded.recipe(), loaded.sourceRows());
        }
        ReportInput input = ReportInput.of(fit, used).withPlotOptions(plot.fitPlotOptions(used))
                .withChartSize(plot.plot.chartSize());
        if (plot.plot.title != null) {
            input = input.withTitle(plot.plot.title);
        }
        if (heldOut != null) {
            input = input.withHeldOut(heldOut);
        }
        if (bootstrapFile != null) {
            bootstrap = BootstrapJson.load(bootstrapFile);
        }
        if (bootstrap != null) {
            input = input.withBootstrap(bootstrap);
        }
        Files.writeString(Outputs.staged(out), HtmlReport.render(input), StandardCharsets.UTF_8);
        PrintWriter o = spec.commandLine().getOut();
        List<Path> plotted = plot.writeFitPlots(fit, used.dataset(), used,
                bootstrap == null ? null : PredictionInterval.confidence(bootstrap));
        if (output.json) {
            Outputs.say(o, FitDocuments.page(out.toString(), fit, names(plotted)).toString());
        } else {
            Outputs.say(o, "wrote " + out + " (" + fit.law().name() + ": " + fit + ")");
            for (Path p : plotted) {
                Outputs.say(o, "plotted " + p);
            }
        }
        o.flush();
        return 0;
    }

    /**
     * The held-out check and the bootstrap describe one fit, so with groups they are refused
     * before anything is fitted or written.
     */
    private void refuseOneFitChecks(String column) {
        for (String[] asked : new String[][]{{"--hold-out", holdOut}, {"--replicates",
                bootstrapReplicates == null ? null : bootstrapReplicates.toString()},
                {"--bootstrap", bootstrapFile == null ? null : bootstrapFile.toString()}}) {
            if (asked[1] != null) {
                throw new BadInputException(asked[0] + " is not done per group in a report yet: report one group with"
                        + " --only " + column + "=VALUE without --group, or use 'slaw "
                        + (asked[0].equals("--hold-out") ? "validate" : "bootstrap") + " --group " + column + "'");
            }
        }
    }

    /**
     * A grouped fit saved by {@code slaw fit --group --out}, over the data loaded with the same
     * {@code --group}: rows of groups the fit lacks are left out (and said), and a group whose
     * rows differ from those it was fitted on is warned about.
     */
    private int reportSavedGrouped(LoadedDataset loaded, GroupedFit grouped) throws IOException {
        String column = grouped.groupColumn();
        refuseOneFitChecks(column);
        if (!loaded.group().equals(Optional.of(column))) {
            throw new BadInputException(fitSource.fitFile + " is a grouped fit (one fit per " + column + "): load the data"
                    + " with --group " + column + (loaded.group().isPresent() ? ", not --group " + loaded.group().get() : ""));
        }
        List<String> needed = new ArrayList<>(grouped.law().variables());
        needed.add(grouped.target());
        LoadedDataset complete = loaded.requireComplete(needed);
        String[] groupOfRow = complete.groupValues().orElseThrow();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < groupOfRow.length; i++) {
            if (grouped.fits().containsKey(groupOfRow[i])) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            throw new BadInputException("no rows of the fit's groups (" + column + ": "
                    + String.join(", ", grouped.groups()) + ") in " + complete.dataset().source());
        }
        Dataset rows = complete.dataset().select(kept.stream().mapToInt(Integer::intValue).toArray());
        List<String> notes = new ArrayList<>(complete.notes());
        if (kept.size() < groupOfRow.length) {
            notes.add("left out " + (groupOfRow.length - kept.size()) + " rows of " + column
                    + " values the fit has no group for");
        }
        LoadedDataset used = new LoadedDataset(rows, notes, loaded.group(), loaded.recipe(), loaded.sourceRows());
        String[] groups = GroupedFits.groupOfRows(used, rows);
        PrintWriter err = spec.commandLine().getErr();
        for (Map.Entry<String, int[]> e : GroupFitter.rowsByGroup(rows, column, groups).entrySet()) {
            Fit f = grouped.fit(e.getKey());
            String made = f.provenance().fingerprint();
            String now = rows.select(e.getValue()).fingerprint(f.provenance().columns());
            if (made != null && !made.isBlank() && !made.equals(now)) {
                err.println("slaw report: warning: " + column + "=" + e.getKey() + ": these rows differ from the ones"
                        + " its fit was made on (sha256 " + now.substring(0, 12) + "... here, "
                        + made.substring(0, Math.min(12, made.length())) + "... in the fit)");
            }
        }
        err.flush();
        return reportGrouped(grouped, used);
    }

    /** {@code --group}: one page for one fit per group (or the joint fit with {@code --shared}). */
    private int reportGrouped(GroupedFit grouped, LoadedDataset used) throws IOException {
        Dataset rows = used.dataset();
        GroupedReportInput input = GroupedReportInput.of(grouped, used, List.of(GroupedFits.groupOfRows(used, rows)))
                .withPlotOptions(plot.fitPlotOptions(used)).withChartSize(plot.plot.chartSize());
        if (plot.plot.title != null) {
            input = input.withTitle(plot.plot.title);
        }
        Files.writeString(Outputs.staged(out), GroupedHtmlReport.render(input), StandardCharsets.UTF_8);
        PrintWriter o = spec.commandLine().getOut();
        List<Path> plotted = plot.writeGroupedFitPlot(grouped, rows, used);
        if (output.json) {
            Outputs.say(o, FitDocuments.page(out.toString(), grouped, names(plotted)).toString());
        } else {
            Outputs.say(o, "wrote " + out + " (" + grouped.law().name() + ", " + grouped.fits().size() + " groups by "
                    + grouped.groupColumn() + (grouped.shared().isEmpty() ? ", fitted separately"
                    : ", fitted jointly, shared " + String.join(", ", grouped.shared())) + ")");
            for (Map.Entry<String, Fit> e : grouped.fits().entrySet()) {
                Outputs.say(o, "    " + grouped.groupColumn() + "=" + e.getKey() + ": " + e.getValue());
            }
            for (Path p : plotted) {
                Outputs.say(o, "plotted " + p);
            }
        }
        o.flush();
        PrintWriter err = spec.commandLine().getErr();
        grouped.warnings().forEach(w -> err.println("slaw: warning: " + w));
        err.flush();
        return 0;
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(Path::toString).toList();
    }

    /** A seeded bootstrap of the fit on the rows it used, with the fit's own protocol for every refit. */
    private BootstrapResult bootstrap(Fit fit, Dataset rows, FitCommand.FitSettings.Prepared prepared) {
        ResamplingOptions.checkReplicates(bootstrapReplicates, 2);
        BootstrapOptions options = BootstrapOptions.defaults().withReplicates(bootstrapReplicates)
                .withSeed(prepared.options().seed()).withThreads(prepared.options().threads())
                .withDerived(DerivedQuantity.chinchillaExponents(prepared.law()));
        try (Progress progress = Progress.start("bootstrap", bootstrapReplicates)) {
            return Bootstrap.run(fit, rows, prepared.options(), options, progress.listener());
        }
    }

    /**
     * The rows with the K largest values of COLUMN, as a condition {@code COLUMN >= v} with v the
     * K-th largest value (rows tied with it are held out too).
     */
    private static Holdout largest(Dataset rows, String spec) {
        String[] parts = spec.split("=");
        int k;
        try {
            k = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : -1;
        } catch (NumberFormatException e) {
            k = -1;
        }
        if (k < 1) {
            throw new BadInputException("--hold-out " + spec + ": expected COLUMN=K with K a whole number >= 1, e.g. N=10");
        }
        String column = parts[0].strip();
        if (!rows.hasColumn(column)) {
            throw new BadInputException("--hold-out " + spec + ": no column " + column + " (columns: "
                    + String.join(", ", rows.columnNames()) + ")");
        }
        if (k >= rows.rowCount()) {
            throw new BadInputException("--hold-out " + spec + ": only " + rows.rowCount() + " rows, none would be left to fit");
        }
        double[] v = rows.column(column).clone();
        Arrays.sort(v);
        String name = column.matches("[A-Za-z_][A-Za-z0-9_.]*") ? column : "`" + column + "`";
        // the shortest text that reads back as the same double, so the K-th row itself is held out
        return Holdout.where(name + " >= " + Double.toString(v[v.length - k]).replace("E", "e"));
    }
}
