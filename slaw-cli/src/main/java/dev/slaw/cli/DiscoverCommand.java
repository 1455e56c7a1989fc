package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.discover.Candidate;
import dev.slaw.discover.Discovery;
import dev.slaw.discover.Grammar;
import dev.slaw.discover.Search;
import dev.slaw.discover.SearchOptions;
import dev.slaw.fit.FitFailedException;
import dev.slaw.fit.FitOptions;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.DiscoveryDocuments;
import dev.slaw.io.fit.FitJson;
import dev.slaw.report.plots.DiscoveryPlot;
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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slaw discover}: search a grammar of laws (and the catalogue) for the one that
 * extrapolates best along a variable, by rollout; print the ranking and save the winner.
 */
@Command(name = "discover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search for the law that extrapolates best: candidates from a grammar and the catalogue, ranked by rollout.",
        footer = {"", "Example (the OLMo ladder's C4 losses, extrapolating in model size):",
                "  slaw discover examples/olmo-ladder/final_c4_losses.csv --target loss --vars N,D --extrapolate N \\",
                "    --max-candidates 40 --out winner.json"})
public final class DiscoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--target", paramLabel = "COLUMN", defaultValue = "loss",
            description = "The column the laws predict (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--vars", required = true, split = ",", paramLabel = "N,D",
            description = "The variables the laws may use (positive columns).")
    List<String> vars;

    @Option(names = "--extrapolate", paramLabel = "VAR",
            description = "The variable to extrapolate along: the rollout fits its smaller values and scores the larger (default: the one with the widest log range).")
    String extrapolate;

    @Option(names = "--max-params", defaultValue = "8", description = "Most free parameters of a candidate (default: ${DEFAULT-VALUE}).")
    int maxParams;

    @Option(names = "--max-candidates", defaultValue = "1000",
            description = "Grammar candidates evaluated at most, simplest first; the catalogue's laws always are (default: ${DEFAULT-VALUE}).")
    int maxCandidates;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop starting candidates after this long; the ranking then covers those that finished, in order (default: no limit).")
    double timeLimit;

    @Option(names = "--rungs", defaultValue = "3",
            description = "Rollout rungs scored, fitting up to between half and four fifths of the log range (default: ${DEFAULT-VALUE}).")
    int rungs;

    @Option(names = "--tie", defaultValue = "0.05",
            description = "Rollout errors within this fraction of the best (or half the leader's in-sample error; never past 1.5 times the best) tie; a tie goes to the lowest BIC (fewer parameters unless more fit clearly better); 0: no ties (default: ${DEFAULT-VALUE}).")
    double tie;

    @Option(names = "--top", defaultValue = "10", description = "Candidates shown in the ranking (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--threads", description = "Worker threads (default: all cores; the result does not depend on it).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the winner's fit as JSON, its provenance recording the search.")
    Path out;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Mixin
    PlotOptions plot = new PlotOptions();

    /** Chooses how a planned search's candidates are evaluated: in this JVM, or (slaw-spark) as a Spark job. */
    @FunctionalInterface
    public interface Evaluation {
        Search.Evaluator of(Planned plan);
    }

    /**
     * A search as the options ask for it, before its candidates are evaluated: the {@code DATA}
     * argument, the table, the candidates the budget lets through, how many were proposed, and
     * the search's options.
     */
    public record Planned(String source, Dataset data, String target, List<String> variables, List<Candidate> candidates,
                          int generated, SearchOptions options) {
    }

    private final Evaluation evaluation;

    public DiscoverCommand() {
        this(plan -> Search.IN_THREADS);
    }

    /** A command whose candidates are evaluated by the evaluator {@code evaluation} picks for the plan. */
    public DiscoverCommand(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** The search the parsed options describe, its candidates enumerated, none evaluated. */
    public Planned plan() throws IOException {
        if (top < 1) {
            throw new BadInputException("--top must be at least 1, got " + top);
        }
        LoadedDataset loaded = data.load(source);
        List<String> needed = new ArrayList<>(vars);
        needed.add(target);
        LoadedDataset complete = loaded.requireComplete(needed);
        Dataset d = complete.dataset();
        for (String name : needed) {
            if (!d.hasColumn(name)) {
                throw new BadInputException(d.source() + ": no column '" + name + "' (columns: "
                        + String.join(", ", d.columnNames()) + ")");
            }
        }
        String along = extrapolate != null ? extrapolate.strip() : Search.widestLogRange(d, vars);
        FitOptions fit = FitOptions.defaults().withSeed(seed).withNotes(complete.notes());
        SearchOptions options = SearchOptions.defaults(along, fit).withMaxParameters(maxParams)
                .withMaxCandidates(maxCandidates).withTimeLimit(timeLimit).withTieMargin(tie).withRungs(rungs)
                .withThreads(FitCommand.FitSettings.workers(threads));
        if (!vars.contains(along)) {
            throw new BadInputException("--extrapolate " + along + " is not one of --vars " + String.join(",", vars));
        }
        List<Candidate> all = Grammar.enumerate(d, target, vars, maxParams);
        List<Candidate> chosen = new ArrayList<>();
        int grammar = 0;
        for (Candidate c : all) {
            if (c.catalogue() || grammar++ < maxCandidates) {
                chosen.add(c);
            }
        }
        return new Planned(source, d, target, vars, chosen, all.size(), options);
    }

    @Override
    public Integer call() throws IOException {
        Planned plan = plan();
        Dataset d = plan.data();
        List<Candidate> chosen = plan.candidates();
        String along = plan.options().extrapolate();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("slaw discover: %d candidates (%d proposed), rollout along %s%n", chosen.size(), plan.generated(), along);
        err.flush();
        Discovery result;
        try (Progress progress = Progress.start("discover", chosen.size())) {
            result = Search.run(d, target, vars, chosen, plan.generated(), plan.options(), progress.listener(),
                    evaluation.of(plan));
        }
        if (result.winnerFit().isEmpty()) {
            String why = result.ranked().isEmpty() ? "no candidate finished" : result.ranked().get(0).failure();
            throw new FitFailedException("no candidate could be scored by rollout (first: " + why + ")");
        }
        for (String w : result.warnings()) {
            err.println("slaw discover: warning: " + w);
        }
        err.flush();
        if (out != null) {
            FitJson.save(result.winnerFit().get(), Outputs.staged(out));
        }
        output.print(() -> DiscoveryDocuments.json(result), () -> DiscoveryDocuments.text(result, top));
        PrintWriter o = spec.commandLine().getOut();
        if (out != null && !output.json) {
            Outputs.say(o, "saved " + out);
        }
        plot.writeAndReport(() -> DiscoveryPlot.of(result, d, 5), output.notes());
        o.flush();
        return 0;
    }
}
