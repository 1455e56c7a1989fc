package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code slaw bench}: the performance targets, measured in-process after warm-up, so that
 * BENCHMARKS.md can be regenerated with one command.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure slaw's performance targets in-process (after JIT warm-up).",
        footer = {"", "Benchmarks:", "  chinchilla  the full 4,500-start Chinchilla protocol on the Epoch data (target < 1 s)",
                "  bootstrap   4,000 resamples of the Chinchilla data refitted (target < 10 s)"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "chinchilla", paramLabel = "BENCHMARK",
            description = "Which benchmark (default: ${DEFAULT-VALUE}).")
    String which;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--data", defaultValue = "examples/chinchilla-epoch/svg_extracted_data.csv",
            description = "The Chinchilla data file (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!which.equals("chinchilla") && !which.equals("bootstrap")) {
            throw new BadInputException("unknown benchmark '" + which + "' (known: chinchilla, bootstrap)");
        }
        if (!Files.exists(data)) {
            throw new BadInputException(data + ": no such file (run from the slaw checkout, or pass --data)");
        }
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size")
                .withDerivation(Recipe.Derivation.parse("D=Training FLOP / (6*N)"))
                .withDropHighest(Recipe.DropHighest.parse("loss=5"));
        Dataset d = DatasetLoader.load(data, recipe).dataset();
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        FitOptions options = FitOptions.defaults().withStarts(Starts.chinchilla());
        if (threads != null) {
            options = options.withThreads(threads);
        }
        if (which.equals("bootstrap")) {
            return bootstrap(out, law, d, options);
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
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "chinchilla: %d starts, %d rows, %d threads, %d evaluations%n",
                last.starts().total(), d.rowCount(), options.threads(), last.convergence().totalEvaluations());
        out.printf(Locale.ROOT, "  objective %.10f (published 0.0010182740)%n", last.objectiveValue());
        out.printf(Locale.ROOT, "  time per full fit: min %.0f ms, median %.0f ms, max %.0f ms over %d runs%n",
                ms[0], ms[ms.length / 2], ms[ms.length - 1], repeat);
        return 0;
    }

    /** 4,000 row resamples of the Chinchilla data, each refitted from the point estimate. */
    private int bootstrap(PrintWriter out, Law law, Dataset d, FitOptions options) {
        Fit point = Fitter.fit(law, d, "loss", options);
        dev.slaw.uncertainty.BootstrapOptions b = dev.slaw.uncertainty.BootstrapOptions.defaults()
                .withReplicates(4000).withThreads(options.threads())
                .withStarts(dev.slaw.uncertainty.ReplicateStarts.pointOnly());
        for (int i = 0; i < warmup; i++) {
            dev.slaw.uncertainty.Bootstrap.run(point, d, options, b, dev.slaw.uncertainty.ProgressListener.NONE);
        }
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            ms[i] = dev.slaw.uncertainty.Bootstrap.run(point, d, options, b,
                    dev.slaw.uncertainty.ProgressListener.NONE).elapsedMillis();
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "bootstrap: 4000 replicates, %d rows, %d threads, starts at the point estimate%n",
                d.rowCount(), options.threads());
        out.printf(Locale.ROOT, "  time per bootstrap: min %.0f ms, median %.0f ms, max %.0f ms over %d runs%n",
                ms[0], ms[ms.length / 2], ms[ms.length - 1], repeat);
        return 0;
    }
}
