package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.MixtureChoiceDocuments;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.fit.FitJson;
import dev.slaw.mixture.choice.MixtureChoice;
import dev.slaw.mixture.choice.MixtureExtrapolation;
import dev.slaw.mixture.choice.MixtureFunction;
import dev.slaw.mixture.choice.MixtureIntervals;
import dev.slaw.mixture.choice.MixtureOptimum;
import dev.slaw.mixture.choice.MixtureSearch;
import dev.slaw.mixture.choice.MixtureSpace;
import dev.slaw.mixture.choice.MixtureTradeoff;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slaw mixture optimize FIT.json --proportions A,B,C}: the mixture that minimises what
 * saved fits predict, with bounds, token availability, a cap on a second target, the trade-off
 * front, and intervals from a saved bootstrap.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "The mixture of sources (proportions >= 0 summing to 1) that minimises saved fits' predictions.",
        footer = {"", "Examples:",
                "  slaw mixture optimize fit.json --proportions web,code,books",
                "  slaw mixture optimize a.json b.json --weights 0.5,0.5 --proportions web,code,books --bounds 'code=[0.1,0.4]'",
                "  slaw mixture optimize domain.json --proportions web,code,books --subject-to 'general.json<=3.2'",
                "  slaw mixture optimize domain.json --proportions web,code,books --tradeoff general.json --plot front.svg",
                "  slaw mixture optimize boot.json --proportions web,code,books   (a saved bootstrap: percentile intervals)",
                "",
                "Token availability: with --available SOURCE=TOKENS and the run's --tokens D, a source's proportion is",
                "capped at epochs * TOKENS / D (--epochs, default 4: each token seen at most 4 times)."})
public final class MixtureOptimizeCommand implements Callable<Integer> {
    private static final Pattern BOUNDS = Pattern.compile("\\s*([^=]+?)\\s*=\\s*\\[\\s*([^,\\]]+?)\\s*,\\s*([^\\]]+?)\\s*\\]\\s*");
    private static final Pattern CAP = Pattern.compile("\\s*(.+?)\\s*<=\\s*(\\S+)\\s*");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FIT",
            description = "Fits saved by slaw fit --out (several: their weighted sum, see --weights), or one bootstrap saved by slaw bootstrap --out (intervals on the optimum).")
    List<Path> fitFiles = new ArrayList<>();

    @Option(names = "--proportions", required = true, split = ",", paramLabel = "COL1,COL2,...",
            description = "The proportion columns: variables of the law(s), one per data source.")
    List<String> proportions = new ArrayList<>();

    @Option(names = "--weights", split = ",", paramLabel = "W1,W2,...",
            description = "One weight per FIT: minimise sum w_k * prediction_k (default: equal weights summing to 1).")
    List<Double> weights = new ArrayList<>();

    @Option(names = "--bounds", paramLabel = "COL=[LO,HI]", description = "Bounds on one proportion, e.g. 'code=[0.1,0.4]' (repeatable).")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--fixed", split = ",", paramLabel = "VAR=VALUE",
            description = "Values of the law's other variables, e.g. N=1B,D=20B.")
    List<String> fixed = new ArrayList<>();

    @Option(names = "--available", paramLabel = "COL=TOKENS", description = "Tokens a source has, e.g. code=30B (repeatable; needs --tokens).")
    List<String> available = new ArrayList<>();

    @Option(names = "--tokens", paramLabel = "D", description = "The run's total training tokens, for --available (default: D of --fixed).")
    String tokens;

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "E",
            description = "Times a source's tokens may be repeated, for --available (default: ${DEFAULT-VALUE}).")
    double epochs;

    @Option(names = "--subject-to", paramLabel = "FIT<=CAP", description = "A cap on another fit's prediction, e.g. 'general.json<=3.2'.")
    String subjectTo;

    @Option(names = "--tradeoff", paramLabel = "FIT",
            description = "Print the trade-off front between the target and this fit's prediction instead of one optimum.")
    Path tradeoff;

    @Option(names = "--points", defaultValue = "11", description = "Points of the trade-off front (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--replicates", paramLabel = "N",
            description = "Replicates of a bootstrap FIT to search under (default: all of them).")
    Integer replicates;

    @Option(names = "--data", paramLabel = "FILE",
            description = "The training table, to say how far the optimum lies from the training mixtures (default: the fit's data file, when it exists).")
    Path data;

    @Option(names = "--starts", defaultValue = "16", description = "Random starts besides the centre and each corner (default: ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random starts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE", description = "Picture of the optimum (or of the front): .svg or .png.")
    Path plot;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Override
    public Integer call() throws IOException {
        boolean csv = output.csv();
        List<Fit> fits = new ArrayList<>();
        List<BootstrapResult> boots = new ArrayList<>();
        FitWarnings fitWarnings = FitWarnings.none();
        for (Path f : fitFiles) {
            if (Files.isRegularFile(f) && BootstrapJson.isBootstrap(Files.readString(f))) {
                BootstrapResult b = BootstrapJson.load(f);
                boots.add(b);
                fits.add(b.pointEstimate());
                fitWarnings = fitWarnings.and(f.getFileName().toString(), b.warnings());
            } else {
                fits.add(FitJson.load(f));
            }
            fitWarnings = fitWarnings.and(f.getFileName().toString(), fits.get(fits.size() - 1));
        }
        if (!boots.isEmpty() && boots.size() != fits.size()) {
            throw new BadInputException("intervals need a bootstrap for every FIT: give bootstraps saved by slaw bootstrap"
                    + " --out for all of them, or none");
        }
        if (replicates != null && boots.isEmpty()) {
            throw new BadInputException("--replicates needs a saved bootstrap as FIT: run slaw bootstrap ... --out boot.json");
        }
        List<String> sources = List.copyOf(proportions);
        if (new java.util.HashSet<>(sources).size() != sources.size()) {
            throw new BadInputException("--proportions names a column twice: " + String.join(",", sources));
        }
        Map<String, Double> held = fixedValues();
        double[] w = weights();
        MixtureSpace space = space(sources, held);
        List<MixtureFunction> terms = new ArrayList<>();
        for (Fit fit : fits) {
            terms.add(MixtureFunction.of(fit.law(), fit.values(), sources, held));
        }
        MixtureFunction target = fits.size() == 1 ? terms.get(0) : MixtureFunction.weightedSum(terms, w);
        String targetText = targetText(fits, w);
        MixtureSearch search = MixtureSearch.withDefaults().withRandomStarts(starts).withSeed(seed);
        if (tradeoff != null) {
            if (subjectTo != null) {
                throw new BadInputException("--tradeoff and --subject-to: give one of them (the front covers every cap)");
            }
            Fit second = FitJson.load(tradeoff);
            FitWarnings all = fitWarnings.and(tradeoff.getFileName().toString(), second);
            MixtureFunction g = MixtureFunction.of(second.law(), second.values(), sources, held);
            MixtureTradeoff t = search.tradeoff(target, g, space, points);
            String secondText = tradeoff.getFileName() + " (" + second.target() + ")";
            List<String> warnings = new ArrayList<>();
            Dataset training = training(fits.get(0), sources);
            if (training != null) {
                for (String line : MixtureExtrapolation.of(sources, rows(training, sources), t.firstAlone().proportions()).warnings()) {
                    warnings.add("at " + targetText + " alone: " + line);
                }
                for (String line : MixtureExtrapolation.of(sources, rows(training, sources), t.secondAlone().proportions()).warnings()) {
                    warnings.add("at " + secondText + " alone: " + line);
                }
            }
            if (plot != null) {
                dev.slaw.report.plots.MixtureChoicePlots.writeTradeoff(t, targetText, secondText, Outputs.staged(plot));
            }
            output.print(() -> MixtureChoiceDocuments.tradeoffTable(t, targetText, secondText),
                    () -> MixtureChoiceDocuments.tradeoffJson(t, targetText, secondText, warnings, all),
                    () -> MixtureChoiceDocuments.tradeoffText(t, targetText, secondText, warnings, all), all);
            if (plot != null) {
                output.note("saved " + plot);
            }
            return 0;
        }
        MixtureOptimum optimum;
        String constraintText = null;
        if (subjectTo != null) {
            Matcher m = CAP.matcher(subjectTo);
            if (!m.matches()) {
                throw new BadInputException("--subject-to \"" + subjectTo + "\": expected FIT<=CAP, e.g. general.json<=3.2");
            }
            Fit capped = FitJson.load(Path.of(m.group(1)));
            fitWarnings = fitWarnings.and(Path.of(m.group(1)).getFileName().toString(), capped);
            double cap = Assignments.number(m.group(2), "--subject-to cap");
            MixtureFunction g = MixtureFunction.of(capped.law(), capped.values(), sources, held);
            optimum = search.minimize(target, g, cap, space);
            constraintText = Path.of(m.group(1)).getFileName() + " (" + capped.target() + ") <= " + m.group(2);
        } else {
            optimum = search.minimize(target, space);
        }
        MixtureIntervals intervals = null;
        if (!boots.isEmpty()) {
            // replicate k of each bootstrap together: bootstraps of one table with one seed resample the same rows
            double level = interval.orElse(boots.get(0).options().level());
            int n = boots.stream().mapToInt(b -> b.replicateValues().length).min().orElse(0);
            if (replicates != null) {
                n = Math.min(n, replicates);
            }
            if (n < 2) {
                throw new BadInputException("the bootstrap has " + n + " replicates: intervals need at least 2");
            }
            List<MixtureFunction> under = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                List<MixtureFunction> parts = new ArrayList<>();
                for (BootstrapResult b : boots) {
                    parts.add(MixtureFunction.of(b.law(), b.replicateValues()[k], sources, held));
                }
                under.add(parts.size() == 1 ? parts.get(0) : MixtureFunction.weightedSum(parts, w));
            }
            intervals = MixtureIntervals.of(under, optimum, search, level);
        }
        Dataset training = training(fits.get(0), sources);
        MixtureExtrapolation extrapolation = training == null ? null
                : MixtureExtrapolation.of(sources, rows(training, sources), optimum.proportions());
        if (extrapolation != null && fits.size() == 1 && subjectTo == null && training.hasColumn(fits.get(0).target())) {
            double[][] trainingRows = rows(training, sources);
            boolean[] allowed = new boolean[trainingRows.length];
            for (int r = 0; r < allowed.length; r++) {
                // training proportions are often rounded (RegMix's to 3 decimals): allow that much
                allowed[r] = distance(space.project(trainingRows[r]), trainingRows[r]) <= 5e-3;
            }
            extrapolation = extrapolation.withObserved(training.column(fits.get(0).target()), target.values(trainingRows),
                    allowed, trainingRows, optimum.value());
        }
        MixtureChoice choice = new MixtureChoice(targetText, constraintText, optimum, intervals, extrapolation,
                search.describe(), rules(), MixtureChoice.warningsOf(optimum, extrapolation));
        if (plot != null) {
            dev.slaw.report.plots.MixtureChoicePlots.writeOptimum(choice, target, Outputs.staged(plot));
        }
        FitWarnings drawnFrom = fitWarnings;
        output.print(() -> MixtureChoiceDocuments.csvTable(choice), () -> MixtureChoiceDocuments.json(choice, drawnFrom),
                () -> MixtureChoiceDocuments.text(choice, drawnFrom), drawnFrom);
        if (plot != null) {
            output.note("saved " + plot);
        }
        return 0;
    }

    private final List<String> rules = new ArrayList<>();

    private List<String> rules() {
        return rules;
    }

    private Map<String, Double> fixedValues() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String f : fixed) {
            Map.Entry<String, Double> e = Assignments.one(f, "--fixed");
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    private double[] weights() {
        if (weights.isEmpty()) {
            double[] w = new double[fitFiles.size()];
            java.util.Arrays.fill(w, 1.0 / fitFiles.size());
            return w;
        }
        if (weights.size() != fitFiles.size()) {
            throw new BadInputException("--weights gives " + weights.size() + " weights for " + fitFiles.size() + " fits: give one per fit");
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        for (double x : w) {
            if (!Double.isFinite(x) || x < 0) {
                throw new BadInputException("--weights: " + x + " is not a weight >= 0");
            }
        }
        return w;
    }

    private String targetText(List<Fit> fits, double[] w) {
        if (fits.size() == 1) {
            return fitFiles.get(0).getFileName() + " (" + fits.get(0).target() + ")";
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < fits.size(); k++) {
            parts.add(dev.slaw.io.document.Formats.significant(w[k], 4) + " * " + fitFiles.get(k).getFileName()
                    + " (" + fits.get(k).target() + ")");
        }
        return String.join(" + ", parts);
    }

    private MixtureSpace space(List<String> sources, Map<String, Double> held) {
        MixtureSpace space = MixtureSpace.simplex(sources);
        for (String b : bounds) {
            Matcher m = BOUNDS.matcher(b);
            if (!m.matches()) {
                throw new BadInputException("--bounds \"" + b + "\": expected COL=[LO,HI], e.g. 'code=[0.1,0.4]'");
            }
            int i = index(sources, m.group(1), "--bounds");
            double lo = Assignments.number(m.group(2), "--bounds " + m.group(1));
            double hi = Assignments.number(m.group(3), "--bounds " + m.group(1));
            if (lo < 0 || hi > 1 || lo > hi) {
                throw new BadInputException("--bounds \"" + b + "\": expected 0 <= LO <= HI <= 1");
            }
            space = space.withBounds(i, lo, hi);
        }
        if (!available.isEmpty()) {
            double d;
            if (tokens != null) {
                d = Assignments.number(tokens, "--tokens");
            } else if (held.containsKey("D")) {
                d = held.get("D");
            } else {
                throw new BadInputException("--available needs the run's total tokens: give --tokens D (or --fixed D=...)");
            }
            if (!(d > 0) || !(epochs > 0)) {
                throw new BadInputException("--tokens and --epochs must be positive");
            }
            for (String a : available) {
                Map.Entry<String, Double> e = Assignments.one(a, "--available");
                int i = index(sources, e.getKey(), "--available");
                double cap = Math.min(1, epochs * e.getValue() / d);
                space = space.withBounds(i, 0, cap);
                rules.add(e.getKey() + " <= " + dev.slaw.io.document.Formats.significant(cap, 4) + " (" + epochs(epochs)
                        + (epochs == 1 ? " epoch of " : " epochs of ") + dev.slaw.io.document.Formats.sci(e.getValue()) + " tokens in a run of "
                        + dev.slaw.io.document.Formats.sci(d) + ")");
            }
        }
        return space;
    }

    private static String epochs(double e) {
        return e == Math.rint(e) ? String.valueOf((long) e) : String.valueOf(e);
    }

    private static int index(List<String> sources, String name, String option) {
        int i = sources.indexOf(name);
        if (i < 0) {
            throw new BadInputException(option + ": " + name + " is not one of --proportions " + String.join(",", sources));
        }
        return i;
    }

    /** The training table: --data, else the fit's own data file when it is still there; null when neither. */
    private Dataset training(Fit fit, List<String> sources) {
        Path file = data;
        if (file == null) {
            String source = fit.provenance() == null ? null : fit.provenance().dataSource();
            if (source == null || source.isBlank()) {
                return null;
            }
            try {
                file = Path.of(source);
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
            if (!Files.isRegularFile(file)) {
                return null;
            }
        }
        Dataset table = DatasetLoader.load(file, Recipe.DEFAULT).dataset();
        for (String s : sources) {
            if (!table.hasColumn(s)) {
                if (data == null) {
                    return null;
                }
                throw new BadInputException("--data " + data + " has no column " + s);
            }
        }
        return table;
    }

    private static double[][] rows(Dataset table, List<String> sources) {
        double[][] rows = new double[table.rowCount()][sources.size()];
        for (int j = 0; j < sources.size(); j++) {
            double[] column = table.column(sources.get(j));
            for (int r = 0; r < rows.length; r++) {
                rows[r][j] = column[r];
            }
        }
        return rows;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }

    static String format(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
