package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.discover.Candidate;
import dev.slaw.discover.CandidateScore;
import dev.slaw.discover.Grammar;
import dev.slaw.discover.Search;
import dev.slaw.discover.SearchOptions;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.io.document.BenchDocuments;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.uncertainty.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code slaw bench}: the performance targets, measured in-process after warm-up, so that
 * BENCHMARKS.md can be regenerated with one command.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure slaw's performance targets in-process (after JIT warm-up).",
        footer = {"", "Benchmarks:", "  chinchilla  the full 4,500-start Chinchilla protocol on the Epoch data (target < 1 s)",
                "  default     the default Chinchilla fit on the same data: its grid raced (target < 40 ms)",
                "  formula     the five-parameter formula E + A*N^-alpha + B*D^-beta on the same 240 rows (target < 20 ms)",
                "  bootstrap   4,000 resamples of the Chinchilla data refitted (target < 10 s)",
                "  discover    1,000 law-search candidates on the same table, each fitted and rolled out along N",
                "              (the grammar's candidates over N and D, cycled; target < 60 s on two cores)",
                "  plot        a fit plot of 5,000 points, laid out and encoded as PNG (target < 1 s)",
                "  curve       the three-curve multi-power fit, 25M model (~62,000 schedule steps; target < 2 s)",
                "  read        read a generated 2-million-row checkpoint CSV (target < 3 s, < 1 GB heap:",
                "              run with JAVA_OPTS=-Xmx1g), import it and list the store (target < 1 s)"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "chinchilla", paramLabel = "BENCHMARK",
            description = "Which benchmark (default: ${DEFAULT-VALUE}).")
    String which;

    @Option(names = "--warmup", description = "Untimed runs first (default: 3; for 'default' and 'formula' 40, "
            + "so that the JIT has compiled a fit of a few milliseconds; for 'discover' 1, a pass over the distinct candidates).")
    Integer warmupOption;

    @Option(names = "--repeat", description = "Timed runs (default: 10; for 'default' and 'formula' 100; for 'discover' 1).")
    Integer repeatOption;

    @Option(names = "--candidates", defaultValue = "1000",
            description = "Candidates evaluated per timed run of 'discover' (default: ${DEFAULT-VALUE}).")
    int candidates;

    /** The runs, resolved per benchmark: a search of 1,000 candidates takes most of a minute, a fit milliseconds. */
    int warmup;
    int repeat;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--data", defaultValue = "examples/chinchilla-epoch/svg_extracted_data.csv",
            description = "The Chinchilla data file (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--rows", defaultValue = "2000000", description = "Rows of the generated table for 'read' (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--dir", description = "Where 'read' keeps its generated CSV and store (default: a temporary folder).")
    Path dir;

    @Option(names = "--protocol", defaultValue = "converged",
            description = "Protocol for 'curve': converged or luo-2025; for 'bootstrap': converged (slaw's: L-BFGS-B from the point estimate) or epoch-2024 (BFGS from Hoffmann et al.'s parameters on numpy's resamples) (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean search = which.equals("discover");
        // a fit of 10-20 ms is still being compiled after 3 of them (medians of 70-110 ms), and its
        // median over 10 runs is the VM's noise
        boolean quick = which.equals("default") || which.equals("formula");
        warmup = warmupOption != null ? warmupOption : search ? 1 : quick ? 40 : 3;
        repeat = repeatOption != null ? repeatOption : search ? 1 : quick ? 100 : 10;
        if (warmup < 0 || repeat < 1) {
            throw new BadInputException("--warmup must be at least 0 and --repeat at least 1, got " + warmup + " and " + repeat);
        }
        if (candidates < 1) {
            throw new BadInputException("--candidates must be at least 1, got " + candidates);
        }
        if (which.equals("read")) {
            return read(out);
        }
        if (which.equals("curve")) {
            return curve(out);
        }
        if (!List.of("chinchilla", "default", "formula", "bootstrap", "plot", "discover").contains(which)) {
            throw new BadInputException("unknown benchmark '" + which
                    + "' (known: chinchilla, default, formula, bootstrap, discover, plot, curve, read)");
        }
        if (!Files.exists(data)) {
            throw new BadInputException(data + ": no such file (run from the slaw checkout, or pass --data)");
        }
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size")
                .withDerivation(Recipe.Derivation.parse("D=Training FLOP / (6*N)"))
                .withDropHighest(Recipe.DropHighest.parse("loss=5"));
        Dataset d = DatasetLoader.load(data, recipe).dataset();
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        if (which.equals("plot")) {
            return plot(out, law, d);
        }
        FitOptions options = which.equals("chinchilla") || which.equals("bootstrap")
                ? FitOptions.defaults().withStarts(Starts.chinchilla()) : FitOptions.defaults();
        if (which.equals("formula")) {
            law = Catalogue.builtIn().resolve("E + A*N^-alpha + B*D^-beta", List.of("N", "D", "loss"));
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        if (which.equals("bootstrap")) {
            return bootstrap(out, law, d, options);
        }
        if (which.equals("discover")) {
            return discover(out, d, options);
        }
        for (int i = 0; i < warmup; i++) {
            Fitter.fit(law, d, "loss", options);
        }
        double[] ms = new double[repeat];
        Fit last = null;
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            last = Fitter.fit(law, d, "loss", options);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double published = 0.0010182740;
        return print(out, new BenchDocuments.Timing(which, "full fit", List.of(
                String.format(Locale.ROOT, "%s: %d starts, %d rows, %d threads, %d evaluations", which,
                        last.starts().total(), d.rowCount(), options.threads(), last.convergence().totalEvaluations()),
                String.format(Locale.ROOT, "  objective %.10f (published %.10f)", last.objectiveValue(), published)),
                new JsonObject().put("starts", last.starts().total()).put("rows", d.rowCount())
                        .put("threads", options.threads()).put("evaluations", last.convergence().totalEvaluations())
                        .put("objective", last.objectiveValue()).put("published_objective", published), ms));
    }

    /** The timings as text, or as JSON with --json. */
    private int print(PrintWriter out, BenchDocuments.Timing timing) {
        out.print(output.json ? BenchDocuments.json(timing) + "\n" : BenchDocuments.text(timing));
        out.flush();
        return 0;
    }

    /** 4,000 row resamples of the Chinchilla data, each refitted from the point estimate. */
    private int bootstrap(PrintWriter out, Law law, Dataset d, FitOptions options) {
        Fit point = Fitter.fit(law, d, "loss", options);
        dev.slaw.uncertainty.BootstrapOptions b = dev.slaw.uncertainty.BootstrapOptions.defaults()
                .withReplicates(4000).withThreads(options.threads())
                .withStarts(dev.slaw.uncertainty.ReplicateStarts.pointOnly());
        String starts = "starts at the point estimate";
        if (protocol.equals("epoch-2024")) {
            b = dev.slaw.uncertainty.EpochReplication.bootstrapOptions(b);
            options = dev.slaw.uncertainty.EpochReplication.refitOptions(options);
            starts = "epoch-2024: BFGS from Hoffmann et al.'s parameters, numpy's resamples";
        } else if (!protocol.equals("converged")) {
            throw new BadInputException("--protocol " + protocol + ": expected converged or epoch-2024 for 'bootstrap'");
        }
        for (int i = 0; i < warmup; i++) {
            dev.slaw.uncertainty.Bootstrap.run(point, d, options, b, dev.slaw.uncertainty.ProgressListener.NONE);
        }
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            ms[i] = dev.slaw.uncertainty.Bootstrap.run(point, d, options, b,
                    dev.slaw.uncertainty.ProgressListener.NONE).elapsedMillis();
        }
        return print(out, new BenchDocuments.Timing("bootstrap", "bootstrap", List.of(String.format(Locale.ROOT,
                "bootstrap: 4000 replicates, %d rows, %d threads, %s", d.rowCount(), options.threads(), starts)),
                new JsonObject().put("replicates", 4000).put("rows", d.rowCount()).put("threads", options.threads())
                        .put("replicate_starts", starts), ms));
    }

    /**
     * The law search's candidate loop on the Epoch table, as {@code slaw discover --vars N,D
     * --extrapolate N} runs it: each candidate fitted on every row and on the rollout's rungs
     * along N, one candidate per thread. The grammar proposes some seventy candidates on two
     * variables within the default parameter budget, so a run of 1,000 cycles through them; each
     * evaluation is a fresh fit (nothing is cached between candidates). The warm-up is a pass over
     * the distinct candidates.
     */
    private int discover(PrintWriter out, Dataset d, FitOptions options) {
        SearchOptions search = SearchOptions.defaults("N", options).withThreads(options.threads());
        List<Candidate> distinct = Grammar.enumerate(d, "loss", List.of("N", "D"), search.maxParameters());
        List<Candidate> cycled = java.util.stream.IntStream.range(0, candidates)
                .mapToObj(i -> distinct.get(i % distinct.size())).toList();
        int[] rungs = Search.rungs(d.column("N"), search.rungs(), "N");
        for (int i = 0; i < warmup; i++) {
            Search.IN_THREADS.evaluate(d, "loss", distinct, rungs, search, ProgressListener.NONE);
        }
        double[] ms = new double[repeat];
        long scored = 0;
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            CandidateScore[] scores = Search.IN_THREADS.evaluate(d, "loss", cycled, rungs, search, ProgressListener.NONE);
            ms[i] = (System.nanoTime() - t) / 1e6;
            scored = java.util.Arrays.stream(scores).filter(CandidateScore::scored).count();
        }
        double[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return print(out, new BenchDocuments.Timing("discover", "search", List.of(String.format(Locale.ROOT,
                        "discover: %,d candidates (the grammar's %d over N and D within %d parameters, cycled), %d rows, "
                                + "rollout along N on %d rungs, %d threads", candidates, distinct.size(),
                        search.maxParameters(), d.rowCount(), rungs.length, search.threads()),
                String.format(Locale.ROOT, "  %,d scored; %.1f candidates per second (median run)", scored,
                        candidates / (median / 1000))),
                new JsonObject().put("candidates", candidates).put("distinct_candidates", distinct.size())
                        .put("max_parameters", search.maxParameters()).put("rows", d.rowCount())
                        .put("rungs", rungs.length).put("threads", search.threads()).put("scored", scored)
                        .put("candidates_per_second", candidates / (median / 1000)), ms));
    }

    /**
     * Times a fit plot of 5,000 synthetic rows: the Chinchilla law fitted to the Epoch data
     * (from Epoch's published estimate), rows drawn log-uniformly over that data's N and D with
     * 1% noise (seeded), then grouping, curves, XChart layout and PNG encoding at 900x600.
     */
    private int plot(PrintWriter out, Law law, Dataset epoch) {
        Starts published = Starts.at(java.util.List.of(java.util.Map.of("E", 1.8172, "A", 482.01, "B", 2085.43,
                "alpha", 0.3478, "beta", 0.3658)));
        Fit fit = Fitter.fit(law, epoch, "loss", FitOptions.defaults().withStarts(published).withThreads(1));
        int rows = 5000;
        java.util.Random random = new java.util.Random(0);
        double[] n = new double[rows];
        double[] tokens = new double[rows];
        for (int i = 0; i < rows; i++) {
            n[i] = Math.exp(Math.log(7e7) + random.nextDouble() * Math.log(1.6e10 / 7e7));
            tokens[i] = Math.exp(Math.log(1e9) + random.nextDouble() * Math.log(5e11 / 1e9));
        }
        Dataset synthetic = Dataset.of("synthetic", new java.util.LinkedHashMap<>(java.util.Map.of("N", n, "D", tokens)));
        double[] loss = fit.predict(synthetic);
        for (int i = 0; i < rows; i++) {
            loss[i] *= 1 + 0.01 * random.nextGaussian();
        }
        Dataset data = synthetic.withColumn("loss", loss);
        dev.slaw.report.chart.ChartSize size = dev.slaw.report.chart.ChartSize.DEFAULT;
        int bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes = dev.slaw.report.chart.ChartRenderer.png(dev.slaw.report.plots.FitPlot.chart(fit, data,
                    dev.slaw.report.plots.FitPlotOptions.defaults()), size).length;
        }
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            bytes = dev.slaw.report.chart.ChartRenderer.png(dev.slaw.report.plots.FitPlot.chart(fit, data,
                    dev.slaw.report.plots.FitPlotOptions.defaults()), size).length;
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return print(out, new BenchDocuments.Timing("plot", "plot", List.of(String.format(Locale.ROOT,
                "plot: fit plot of %d points, %s PNG (%d bytes)", rows, size, bytes)),
                new JsonObject().put("points", rows).put("width", size.width()).put("height", size.height())
                        .put("png_bytes", bytes), ms));
    }

    /** Generates (or reuses) the checkpoint CSV, reads it, imports it and lists the store. */
    private int read(PrintWriter out) {
        try {
            Path folder = dir != null ? dir : Files.createTempDirectory("slaw-bench");
            // with --json the lines as they come are left out, and the figures printed at the end
            JsonObject figures = dev.slaw.io.bench.ReadBenchmark.run(new dev.slaw.io.bench.ReadBenchmark.Settings(rows,
                    folder, true), output.json ? new PrintWriter(java.io.Writer.nullWriter()) : out);
            if (output.json) {
                out.println(figures);
            }
        } catch (java.io.IOException e) {
            throw new BadInputException("bench read: " + e.getMessage());
        }
        return 0;
    }

    /** The three-curve multi-power fit of the 25M model (cosine_24000, constant_24000, wsdcon_9). */
    private int curve(PrintWriter out) {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (String run : new String[]{"cosine_24000", "constant_24000", "wsdcon_9"}) {
            Path f = Path.of("examples", "multipower", "csv_25", run + ".csv");
            if (!Files.exists(f)) {
                throw new BadInputException(f + ": no such file (run from the slaw checkout)");
            }
            files.add(f);
        }
        Dataset rowsOfCurves = CurveFiles.read(files);
        java.util.Map<String, dev.slaw.schedule.Schedule> schedules = new java.util.LinkedHashMap<>();
        for (String run : rowsOfCurves.label(dev.slaw.curve.CurveLaw.RUN).orElseThrow()) {
            schedules.putIfAbsent(run, dev.slaw.schedule.Schedule.fromMultipowerName(run));
        }
        dev.slaw.curve.CurveProtocol p = dev.slaw.curve.CurveProtocol.parse(protocol);
        dev.slaw.fit.FitOptions options = dev.slaw.fit.FitOptions.defaults();
        if (threads != null) {
            options = options.withThreads(threads);
        }
        double[] ms = new double[repeat];
        dev.slaw.fit.Fit fit = null;
        for (int i = 0; i < warmup + repeat; i++) {
            long t = System.nanoTime();
            // binding the law to the rows (schedule sums, quadrature) is part of the job
            dev.slaw.curve.MultiPowerLaw law = dev.slaw.curve.MultiPowerLaw.of(schedules);
            fit = p.fit(law, rowsOfCurves, dev.slaw.curve.CurveLaw.LOSS, 0, options);
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t) / 1e6;
            }
        }
        return print(out, new BenchDocuments.Timing("curve", "fit", List.of(String.format(Locale.ROOT,
                "curve: multi-power, %s protocol, %d rows of 3 runs, %d evaluations, objective %.6g",
                protocol, rowsOfCurves.rowCount(), fit.convergence().totalEvaluations(), fit.objectiveValue())),
                new JsonObject().put("law", "multi-power").put("protocol", protocol).put("rows", rowsOfCurves.rowCount())
                        .put("runs_of_data", 3).put("evaluations", fit.convergence().totalEvaluations())
                        .put("objective", fit.objectiveValue()), ms));
    }
}
