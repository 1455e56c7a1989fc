package dev.slaw.cli;

import dev.slaw.compare.AxisSpread;
import dev.slaw.compare.LawSamples;
import dev.slaw.compare.Ranking;
import dev.slaw.compare.RecipeComparison;
import dev.slaw.compare.Sampling;
import dev.slaw.compare.TrendShape;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.CompareDocuments;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.plots.ComparisonPlot;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.GroupedBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slaw compare}: one law per recipe (the grouped fit of {@code --group}), each bootstrapped,
 * then the gap, the crossover and the compute multiplier between two recipes, the ranking of
 * many, and the shape of each recipe's trend.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare recipes by their laws: gap, crossover and compute multiplier with bootstrap intervals,"
                + " rankings across recipes, and the shape of each trend.",
        footer = {"", "Example (Pythia and Pythia-deduped on LAMBADA perplexity across model size):",
                "  slaw compare examples/pythia/lambada_final.csv --by data --law power-offset \\",
                "    --map x=params --target ppl"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "DATA",
            description = "A table with a column naming each row's recipe (--by), or two tables, one per recipe.")
    List<String> sources;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();

    @Option(names = "--by", paramLabel = "COLUMN", description = "The column naming each row's recipe (as --group).")
    String by;

    @Option(names = "--along", paramLabel = "VAR",
            description = "The law's variable to compare along (default: its only variable).")
    String along;

    @Option(names = "--hold", paramLabel = "VAR=VALUE,...",
            description = "Values of the law's other variables, held while comparing along --along.")
    String hold;

    @Option(names = "--at", paramLabel = "X,...", split = ",",
            description = "Scales for the gap and the multiplier (default: five spread over --range); the last is the "
                    + "target of the verdict.")
    List<String> at;

    @Option(names = "--range", paramLabel = "LO,HI",
            description = "Where to look for a crossover (default: the smallest scale in the data to 100 times the largest).")
    String range;

    @Option(names = "--throughput", paramLabel = "COLUMN",
            description = "Tokens (of --along) per accelerator-hour, per row: compare at equal accelerator-hours.")
    String throughput;

    @Option(names = "--fit-below", paramLabel = "X",
            description = "Rank the recipes: fit on rows below this scale, score the ranking at the largest scale.")
    String fitBelow;

    @Mixin
    ResamplingOptions resampling = new ResamplingOptions(1000, 2);

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw both laws with their bands and the crossover (PNG or SVG).")
    Path plot;

    @Mixin
    JsonOutput output = new JsonOutput();

    /** Points per decade of the sampled axis; the multiplier reads values between them in log scale. */
    private static final int PER_DECADE = 100;

    @Override
    public Integer call() throws IOException {
        if (by != null) {
            if (data.group != null && !data.group.equals(by)) {
                throw new BadInputException("--by " + by + " and --group " + data.group + " name different columns; give one");
            }
            data.group = by;
        }
        Recipes recipes = sources.size() == 2 ? twoTables() : oneTable();
        return report(recipes, new Reading(along, hold, at, range, resampling.level(), plot), spec, output);
    }

    /** How {@code compare} and {@code compare fits} read the laws: the options they share. */
    record Reading(String along, String hold, List<String> at, String range, double level, Path plot) {
    }

    /** Compares the recipes' laws and prints the result (and the plot), as both forms of the command do. */
    static int report(Recipes recipes, Reading o, CommandSpec spec, JsonOutput output) throws IOException {
        String axis = recipes.axis;
        List<String> at = o.at();
        String range = o.range();
        String hold = o.hold();
        Path plot = o.plot();
        double[] x = recipes.data == null ? new double[0] : recipes.data.column(axis);
        double dataLo = Arrays.stream(x).filter(v -> v > 0).min().orElse(Double.NaN);
        double dataHi = Arrays.stream(x).max().orElse(Double.NaN);
        if (recipes.data != null && !(dataLo > 0)) {
            throw new BadInputException(axis + ": the comparison axis needs positive values");
        }
        if (recipes.data == null && range == null) {
            throw new BadInputException("saved fits carry no data: say where to compare with --range LO,HI");
        }
        double lo = dataLo;
        double hi = 100 * dataHi;
        if (range != null) {
            String[] parts = range.split(",");
            if (parts.length != 2) {
                throw new BadInputException("--range \"" + range + "\": expected LO,HI, e.g. 1e19,1e23");
            }
            lo = Assignments.number(parts[0], "--range low end");
            hi = Assignments.number(parts[1], "--range high end");
            if (!(lo > 0 && hi > lo)) {
                throw new BadInputException("--range " + range + ": need 0 < LO < HI");
            }
        }
        double[] scales = new double[at == null ? 0 : at.size()];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = Assignments.number(at.get(i), "--at");
            if (!(scales[i] > 0)) {
                throw new BadInputException("--at " + at.get(i) + ": scales must be positive");
            }
        }
        if (scales.length == 0) {
            scales = LawSamples.logGrid(lo, hi, 5);
        }
        double gridLo = Math.min(lo, Arrays.stream(scales).min().orElseThrow()) / 1e4;
        double gridHi = Math.max(hi, Arrays.stream(scales).max().orElseThrow()) * 1e4;
        int points = (int) Math.min(4000, Math.ceil(PER_DECADE * Math.log10(gridHi / gridLo)) + 1);
        double[] grid = LawSamples.logGrid(gridLo, gridHi, points);
        Map<String, Double> held = hold == null ? Map.of() : Assignments.list(hold, "--hold");

        Map<String, LawSamples> sampled = new LinkedHashMap<>();
        Map<String, TrendShape> shapes = new LinkedHashMap<>();
        boolean lowerIsBetter = TrendShape.lowerIsBetter(recipes.target);
        for (String g : recipes.fits.keySet()) {
            sampled.put(g, recipes.joint == null
                    ? Sampling.along(g, recipes.fits.get(g), recipes.bootstraps.get(g), axis, held, grid)
                    : Sampling.along(g, recipes.joint.joint(), recipes.bootstraps.get(g), axis,
                    withSelector(held, recipes.joint.jointSelector(g)), grid));
            Dataset rows = recipes.rows.get(g);
            if (rows != null) {
                shapes.put(g, TrendShape.classify(rows.column(axis), rows.column(recipes.target), lowerIsBetter));
            }
        }
        List<String> names = new ArrayList<>(sampled.keySet());
        RecipeComparison comparison = null;
        if (names.size() == 2) {
            comparison = RecipeComparison.of(sampled.get(names.get(0)), sampled.get(names.get(1)), lo, hi, scales,
                    o.level(), lowerIsBetter);
        }
        Ranking ranking = recipes.rankingTarget > 0 ? ranking(recipes, names, o) : null;
        List<String> warnings = new ArrayList<>();
        AxisSpread.check(recipes.rows, axis, held, recipes.names, recipes.target).ifPresent(warnings::add);
        if (recipes.joint != null) {
            warnings.addAll(recipes.joint.warnings());
        } else {
            recipes.fits.forEach((g, f) -> f.warnings().forEach(w -> warnings.add(recipes.column + "=" + g + ": " + w)));
        }
        warnings.forEach(w -> spec.commandLine().getErr().println(spec.qualifiedName(" ") + ": warning: " + w));
        spec.commandLine().getErr().flush();
        CompareDocuments.Context context = new CompareDocuments.Context(recipes.column, axis, recipes.axisTitle,
                recipes.target, lowerIsBetter, o.level(), recipes.joint == null ? List.of() : recipes.joint.shared(),
                recipes.noShape);
        RecipeComparison c = comparison;
        output.print(() -> CompareDocuments.json(context, sampled, shapes, c, ranking, warnings),
                () -> CompareDocuments.text(context, sampled, shapes, c, ranking, warnings));
        if (plot != null) {
            Map<String, double[][]> observed = new LinkedHashMap<>();
            recipes.rows.forEach((g, rows) -> observed.put(g, new double[][]{rows.column(axis),
                    rows.column(recipes.target)}));
            ChartRenderer.write(ComparisonPlot.chart(recipes.axisTitle, recipes.target, new ArrayList<>(sampled.values()),
                    observed, c, recipes.data == null ? lo : dataLo, Math.max(hi, Arrays.stream(scales).max().orElseThrow()),
                    o.level()),
                    ChartSize.DEFAULT, Outputs.staged(plot));
            output.note("plotted " + plot);
        }
        return 0;
    }

    /** The held values with a joint law's group selector added. */
    private static Map<String, Double> withSelector(Map<String, Double> held, Map<String, Double> selector) {
        Map<String, Double> out = new LinkedHashMap<>(held);
        out.putAll(selector);
        return out;
    }

    /** The recipes' fits, bootstraps and rows, however they came. */
    static final class Recipes {
        String column;
        String axis;
        String axisTitle;
        String target;
        Dataset data;
        final Map<String, Fit> fits = new LinkedHashMap<>();
        /** Each recipe's bootstrap; with shared parameters, every recipe's is the one joint bootstrap. */
        final Map<String, BootstrapResult> bootstraps = new LinkedHashMap<>();
        final Map<String, Dataset> rows = new LinkedHashMap<>();
        /** The joint fit when parameters are shared ({@code --shared}), else null. */
        GroupedFit joint;
        /** Each mapped variable's source column ({@code --map C="Training FLOP"}), to name it in the output. */
        final Map<String, String> names = new LinkedHashMap<>();
        /** Recipes whose trend shape could not be read, with the reason. */
        final Map<String, String> noShape = new LinkedHashMap<>();
        /** For a ranking: the scale where it is scored, and each recipe's observed value there. */
        double rankingTarget = Double.NaN;
        final Map<String, Double> observedAtTarget = new LinkedHashMap<>();
    }

    private Recipes oneTable() {
        LoadedDataset loaded = data.load(sources.get(0));
        if (loaded.group().isEmpty()) {
            throw new BadInputException("name the column that tells the recipes apart with --by COLUMN (or give two tables)");
        }
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        Recipes r = new Recipes();
        r.column = loaded.group().get();
        r.target = p.target();
        r.axis = axis(p);
        r.names.putAll(loaded.recipe().mappings());
        Dataset d = equalCost(p.data(), r);
        String[] groupOfRow = GroupedFits.groupOfRows(loaded, d);
        Map<String, int[]> byGroup = GroupFitter.rowsByGroup(d, r.column, groupOfRow);
        if (byGroup.size() < 2) {
            throw new BadInputException(r.column + " has one value (" + String.join(", ", byGroup.keySet())
                    + "): a comparison needs two recipes or more");
        }
        r.data = d;
        if (fitBelow != null) {
            d = belowForRanking(d, groupOfRow, byGroup, r);
            groupOfRow = GroupedFits.groupOfRows(loaded, d);
            byGroup = GroupFitter.rowsByGroup(d, r.column, groupOfRow);
        }
        FitCommand.FitSettings.Prepared fitted = new FitCommand.FitSettings.Prepared(p.law(), d, p.target(), p.options(),
                p.notes());
        GroupedFit grouped = GroupedFits.fitIfGrouped(loaded, fitted, settings.shared).orElseThrow();
        BootstrapResult joint = null;
        if (grouped.joint() != null) {
            // one bootstrap of the joint fit, resampling within each recipe: replicate k of every recipe
            // shares its draw of the shared parameters, so the comparison's pairs stay paired
            r.joint = grouped;
            Dataset jointRows = GroupFitter.jointData(p.law(), d, r.column, groupOfRow, settings.shared);
            try (Progress progress = Progress.start("bootstrap", resampling.replicates())) {
                joint = GroupedBootstrap.run(grouped, jointRows, byGroup, p.options(),
                        bootstrapOptions(p).withDerived(List.of()), progress.listener());
            }
        }
        for (String g : grouped.groups()) {
            Dataset rows = d.select(byGroup.get(g));
            Fit fit = grouped.fit(g);
            r.fits.put(g, fit);
            r.rows.put(g, rows);
            r.bootstraps.put(g, joint != null ? joint : bootstrap(fit, rows, r.column + "=" + g, p));
        }
        return r;
    }

    private Recipes twoTables() {
        if (data.group != null) {
            throw new BadInputException("two tables are two recipes: leave out --by/--group, or give one table with --by");
        }
        if (!settings.shared.isEmpty()) {
            throw new BadInputException("--shared fits the recipes of one table jointly: give one table with --by");
        }
        Recipes r = new Recipes();
        r.column = "table";
        for (String source : sources) {
            LoadedDataset loaded = data.load(source);
            FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
            r.target = p.target();
            r.axis = axis(p);
            r.names.putAll(loaded.recipe().mappings());
            Dataset d = equalCost(p.data(), r);
            if (fitBelow != null) {
                throw new BadInputException("--fit-below ranks recipes of one table: give one table with --by");
            }
            String name = Path.of(source).getFileName().toString();
            if (r.fits.containsKey(name)) {
                name = source;
            }
            Fit fit = dev.slaw.fit.Fitter.fit(p.law(), d, p.target(), p.options());
            r.fits.put(name, fit);
            r.rows.put(name, d);
            r.bootstraps.put(name, bootstrap(fit, d, name, p));
            r.data = r.data == null ? d : r.data;
        }
        double[] both = new double[0];
        for (Dataset d : r.rows.values()) {
            double[] c = d.column(r.axis);
            double[] m = Arrays.copyOf(both, both.length + c.length);
            System.arraycopy(c, 0, m, both.length, c.length);
            both = m;
        }
        r.data = Dataset.of("both tables", Map.of(r.axis, both));
        return r;
    }

    private String axis(FitCommand.FitSettings.Prepared p) {
        List<String> vars = p.law().variables();
        if (along != null) {
            if (!vars.contains(along)) {
                throw new BadInputException("--along " + along + ": law " + p.law().name() + " reads "
                        + String.join(", ", vars));
            }
            return along;
        }
        if (vars.size() != 1) {
            throw new BadInputException("law " + p.law().name() + " reads " + String.join(", ", vars)
                    + ": say which to compare along with --along VAR, and hold the others with --hold VAR=VALUE");
        }
        return vars.get(0);
    }

    /** With --throughput, the axis in accelerator-hours: each row's axis over its throughput. */
    private Dataset equalCost(Dataset d, Recipes r) {
        r.axisTitle = AxisSpread.name(r.axis, r.names);
        if (throughput == null) {
            return d;
        }
        if (!d.hasColumn(throughput)) {
            throw new BadInputException("--throughput " + throughput + ": no such numeric column (columns: "
                    + String.join(", ", d.columnNames()) + ")");
        }
        double[] x = d.column(r.axis);
        double[] t = d.column(throughput);
        double[] hours = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(t[i] > 0) || !Double.isFinite(t[i])) {
                throw new BadInputException("--throughput " + throughput + ": row " + d.rowNumber(i)
                        + " has throughput " + t[i] + "; it must be a positive number");
            }
            hours[i] = x[i] / t[i];
        }
        r.axisTitle = "accelerator-hours (" + AxisSpread.name(r.axis, r.names) + " / " + throughput + ")";
        return d.withColumn(r.axis, hours);
    }

    /**
     * The rows below --fit-below, after noting the scale where the ranking is scored (the largest
     * in the data, which every recipe must have) and each recipe's mean value there.
     */
    private Dataset belowForRanking(Dataset d, String[] groupOfRow, Map<String, int[]> byGroup, Recipes r) {
        double cut = Assignments.number(fitBelow, "--fit-below");
        double[] x = d.column(r.axis);
        double top = Arrays.stream(x).max().orElseThrow();
        if (!(cut <= top)) {
            throw new BadInputException("--fit-below " + fitBelow + ": no rows at or above it to rank against (largest "
                    + r.axisTitle + " " + dev.slaw.law.Numbers.compact(top) + ")");
        }
        double[] y = d.column(r.target);
        for (Map.Entry<String, int[]> e : byGroup.entrySet()) {
            double sum = 0;
            int n = 0;
            for (int i : e.getValue()) {
                if (x[i] == top) {
                    sum += y[i];
                    n++;
                }
            }
            if (n == 0) {
                throw new BadInputException(r.column + "=" + e.getKey() + " has no row at " + r.axisTitle + " = "
                        + dev.slaw.law.Numbers.compact(top) + ", the scale where the ranking is scored");
            }
            r.observedAtTarget.put(e.getKey(), sum / n);
        }
        r.rankingTarget = top;
        boolean[] keep = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            keep[i] = x[i] < cut;
        }
        return d.filter(keep);
    }

    private static Ranking ranking(Recipes r, List<String> names, Reading o) {
        String hold = o.hold();
        double[] predicted = new double[names.size()];
        double[][] replicates = new double[names.size()][];
        double[] observed = new double[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String g = names.get(k);
            Fit fit = r.fits.get(g);
            Map<String, Double> point = new LinkedHashMap<>(hold == null ? Map.of() : Assignments.list(hold, "--hold"));
            point.put(r.axis, r.rankingTarget);
            predicted[k] = fit.predict(point);
            Map<String, Double> at = r.joint == null ? point : withSelector(point, r.joint.jointSelector(g));
            Dataset one = dev.slaw.fit.Predictor.pointData(r.bootstraps.get(g).law(), at);
            replicates[k] = r.bootstraps.get(g).replicatePredictions(one)[0];
            observed[k] = r.observedAtTarget.get(g);
        }
        return Ranking.of(names, predicted, replicates, observed, o.level());
    }

    private BootstrapOptions bootstrapOptions(FitCommand.FitSettings.Prepared p) {
        return BootstrapOptions.defaults().withReplicates(resampling.replicates())
                .withSeed(p.options().seed()).withThreads(p.options().threads()).withLevel(resampling.level());
    }

    private BootstrapResult bootstrap(Fit fit, Dataset rows, String which, FitCommand.FitSettings.Prepared p) {
        BootstrapOptions options = bootstrapOptions(p);
        try (Progress progress = Progress.start("bootstrap " + which, options.replicates())) {
            return Bootstrap.run(fit, rows, p.options(), options, progress.listener());
        } catch (BadInputException bad) {
            throw new BadInputException(which + ": " + bad.getMessage());
        }
    }
}
