package dev.slaw.cli;

import dev.slaw.compare.AxisSpread;
import dev.slaw.compare.FittedRows;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.fit.Fit;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.fit.FitJson;
import dev.slaw.uncertainty.BootstrapResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code slaw fits compare A.json B.json}: two saved laws compared as {@code slaw compare} compares
 * fitted ones. A saved bootstrap ({@code slaw bootstrap --out}) brings its replicates, so intervals; a
 * saved fit ({@code slaw fit --out}) only its point estimate.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two saved fits or bootstraps (slaw fit --out, slaw bootstrap --out) along one variable.")
public final class CompareFitsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2", paramLabel = "FILE", description = "Two saved fits or bootstraps (JSON).")
    List<Path> files;

    @Option(names = "--along", paramLabel = "VAR", description = "The variable to compare along (default: the law's only one).")
    String along;

    @Option(names = "--hold", paramLabel = "VAR=VALUE,...", description = "Values of the law's other variables.")
    String hold;

    @Option(names = "--at", paramLabel = "X,...", split = ",", description = "Scales for the gap and the multiplier.")
    List<String> at;

    @Option(names = "--range", paramLabel = "LO,HI", required = true, description = "Where to look for a crossover.")
    String range;

    @Option(names = "--data", paramLabel = "TABLE",
            description = "The table the fits were made on, to read each fit's trend shape from its rows (default: the"
                    + " data each fit records); the rows are found by the fit's fingerprint.")
    Path table;

    @Option(names = "--map", paramLabel = "VAR=COLUMN", description = "Read the table's COLUMN as the law's VAR, as the"
            + " fit did (a saved fit does not keep its mapping). Repeatable.")
    Map<String, String> mappings = new LinkedHashMap<>();

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw both laws with their bands and the crossover (PNG or SVG).")
    Path plot;

    @Mixin
    JsonOutput output = new JsonOutput();

    /** Why the last fit's rows were not found, for the report. */
    private String why;

    /** Variables found by fingerprint to have been read from a column of another name. */
    private final Map<String, String> found = new LinkedHashMap<>();

    /** The rows {@code fit} was made on, found in the table by its fingerprint; else empty, with {@link #why}. */
    private Optional<Dataset> rows(Fit fit) {
        String recorded = fit.provenance() == null ? null : fit.provenance().dataSource();
        Path source = table != null ? table : recorded == null || recorded.isBlank() ? null : Path.of(recorded);
        if (source == null) {
            why = "the fit records no data file; give its table with --data FILE";
            return Optional.empty();
        }
        if (!Files.isRegularFile(source)) {
            why = "its data " + source + " is not here; give its table with --data FILE";
            return Optional.empty();
        }
        Recipe recipe = Recipe.DEFAULT;
        for (Map.Entry<String, String> m : mappings.entrySet()) {
            recipe = recipe.withMapping(m.getKey(), m.getValue());
        }
        Dataset data;
        try {
            data = DatasetLoader.load(source, recipe).dataset();
        } catch (BadInputException bad) {
            why = bad.getMessage();
            return Optional.empty();
        }
        String made = fit.provenance().fingerprint();
        if (made == null || made.isBlank()) {
            why = "the fit records no fingerprint of its rows, so they cannot be found again";
            return Optional.empty();
        }
        List<String> columns = fit.provenance().columns();
        List<String> missing = columns.stream().filter(c -> !data.hasColumn(c) && data.label(c).isEmpty()).toList();
        if (missing.size() == 1 && mappings.isEmpty()) {
            // a saved fit keeps no --map: the column whose values give the fit's fingerprint is the one it read
            Optional<FittedRows.Mapped> mapped = FittedRows.findMapping(data, fit.provenance(), missing.get(0));
            if (mapped.isPresent()) {
                // two fits that read different columns as x leave the axis under the law's name
                found.merge(missing.get(0), mapped.get().column(), (a, b) -> a.equals(b) ? a : missing.get(0));
                return Optional.of(mapped.get().rows());
            }
        }
        if (!missing.isEmpty()) {
            why = source + " has no column " + String.join(", ", missing) + ", and no column of it read as "
                    + missing.get(0) + " gives the fit's rows: another table, or changed since (a saved fit does not keep"
                    + " its --map; --map " + missing.get(0) + "=COLUMN names the column)";
            return Optional.empty();
        }
        Optional<Dataset> rows = FittedRows.find(data, fit.provenance());
        if (rows.isEmpty()) {
            why = "no rows of " + source + " match the fit's (sha256 " + made.substring(0, Math.min(12, made.length()))
                    + "...): the data changed since, or the fit filtered or derived its rows otherwise";
        }
        return rows;
    }

    @Override
    public Integer call() throws IOException {
        CompareCommand.Recipes r = new CompareCommand.Recipes();
        r.column = "file";
        for (Path file : files) {
            Fit fit;
            BootstrapResult boot = null;
            try {
                boot = BootstrapJson.load(file);
                fit = boot.pointEstimate();
            } catch (BadInputException notABootstrap) {
                fit = FitJson.load(file);
            }
            String name = file.getFileName().toString();
            if (r.fits.containsKey(name)) {
                name = file.toString();
            }
            if (r.target != null && !r.target.equals(fit.target())) {
                throw new BadInputException(file + " predicts " + fit.target() + " but the first file predicts " + r.target
                        + ": compare laws of one metric");
            }
            r.target = fit.target();
            List<String> vars = fit.law().variables();
            String axis = along != null ? along : vars.size() == 1 ? vars.get(0) : null;
            if (axis == null || !vars.contains(axis)) {
                throw new BadInputException(file + ": law " + fit.law().name() + " reads " + String.join(", ", vars)
                        + (along == null ? ": say which to compare along with --along VAR" : "; no " + along));
            }
            r.axis = axis;
            r.axisTitle = axis;
            r.fits.put(name, fit);
            if (boot != null) {
                r.bootstraps.put(name, boot);
            }
            Optional<Dataset> rows = rows(fit);
            if (rows.isPresent()) {
                r.rows.put(name, rows.get());
            } else {
                r.noShape.put(name, why);
            }
        }
        r.names.putAll(found);
        r.names.putAll(mappings);
        if (!r.names.isEmpty()) {
            r.axisTitle = AxisSpread.name(r.axis, r.names);
        }
        return CompareCommand.report(r, new CompareCommand.Reading(along, hold, at, range, interval.level(), plot), spec,
                output);
    }
}
