package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.BootstrapDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HuberLikelihood;
import dev.slaw.uncertainty.LikelihoodFit;
import dev.slaw.uncertainty.ParameterComparison;
import dev.slaw.uncertainty.ParameterSummary;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slaw likelihood}: the maximum-likelihood variant of a fit, a Huber log-density of the
 * log residuals with a fitted scale sigma (Besiroglu et al. 2024), from a given start.
 */
@Command(name = "likelihood", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Maximum-likelihood fit: Huber log-density with a fitted scale, standard errors from the scores.",
        footer = {"", "Example (the Epoch replication, started at Chinchilla's published parameters):",
                "  slaw likelihood examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --start E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"})
public final class LikelihoodCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();

    @Option(names = "--start", required = true, paramLabel = "NAME=VALUE,...",
            description = "Where the optimiser starts, a value for every free parameter (and optionally sigma).")
    String start;

    @Option(names = "--bootstrap", paramLabel = "FILE",
            description = "A saved bootstrap of the same law (slaw bootstrap --out): report its standard errors (replicate standard deviations) beside the likelihood's.")
    Path bootstrap;

    @Option(names = "--against", paramLabel = "NAME=VALUE,...",
            description = "With --bootstrap: chi-squared test of another parameter set against the maximum-likelihood values under the bootstrap covariance (log space for log-space parameters).")
    String against;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() {
        LoadedDataset loaded = data.load(source);
        GroupedFits.refuse(loaded, settings.shared);
        FitCommand.FitSettings.Prepared p = settings.prepare(loaded);
        Map<String, Double> at = Assignments.list(start, "--start");
        for (var parameter : p.law().parameters()) {
            if (parameter.isFree() && !at.containsKey(parameter.name())) {
                throw new BadInputException("--start: no value for " + parameter.name() + " (law " + p.law().name()
                        + " has free parameters " + String.join(", ", p.law().parameters().stream()
                        .filter(x -> x.isFree()).map(x -> x.name()).toList()) + ")");
            }
        }
        if (against != null && bootstrap == null) {
            throw new BadInputException("--against needs --bootstrap FILE (the covariance of the test)");
        }
        BootstrapResult boot = bootstrap == null ? null : BootstrapJson.load(bootstrap);
        if (boot != null && !boot.law().formula().equals(p.law().formula())) {
            throw new BadInputException(bootstrap + ": a bootstrap of law " + boot.law().name() + " (" + boot.law().formula()
                    + "), not of " + p.law().name() + " (" + p.law().formula() + ")");
        }
        LikelihoodFit ml = HuberLikelihood.fit(p.law(), p.data(), p.target(), at, p.options().objective().delta());
        if (settings.strict && !ml.converged()) {
            // one start by design (where you say), so the only warning is not converging
            throw new dev.slaw.fit.FitFailedException("--strict: the likelihood fit did not converge (" + ml.message()
                    + "); nothing written");
        }
        Map<String, Double> bootSe = new LinkedHashMap<>();
        if (boot != null) {
            for (ParameterSummary s : boot.parameters()) {
                bootSe.put(s.name(), s.standardError());
            }
        }
        ParameterComparison comparison = against == null ? null
                : ParameterComparison.of(boot, ml.valueMap(), Assignments.list(against, "--against"), true);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            JsonObject root = new JsonObject();
            root.put("law", p.law().name());
            root.put("target", p.target());
            root.put("rows", ml.rows());
            root.put("delta", ml.delta());
            root.put("negative_log_likelihood", ml.negativeLogLikelihood());
            root.put("converged", ml.converged());
            root.put("message", ml.message());
            JsonArray ps = root.putArray("parameters");
            for (LikelihoodFit.Estimate e : ml.parameters()) {
                JsonObject o = ps.addObject();
                o.put("name", e.name());
                o.put("value", e.value());
                o.put("standard_error", e.standardError());
                if (bootSe.containsKey(e.name())) {
                    o.put("bootstrap_standard_error", bootSe.get(e.name()));
                }
            }
            if (boot != null) {
                root.put("bootstrap", bootstrap.toString());
                root.put("bootstrap_replicates", boot.successful());
            }
            if (comparison != null) {
                root.put("comparison", BootstrapDocuments.json(comparison));
            }
            out.println(root);
        } else {
            out.printf(Locale.ROOT, "[[Maximum likelihood]]%n    law          %s%n    rows         %d%n", p.law().formula(),
                    ml.rows());
            out.printf(Locale.ROOT, "    -log L       %.6f (Huber density, delta %s, fitted scale sigma)%n",
                    ml.negativeLogLikelihood(), ml.delta());
            out.printf(Locale.ROOT, "    optimiser    %s after %d iterations%n", ml.message(), ml.iterations());
            if (boot == null) {
                out.println("[[Parameters]]   (standard errors from the outer product of per-row scores)");
                for (LikelihoodFit.Estimate e : ml.parameters()) {
                    out.printf(Locale.ROOT, "    %-8s %-14.6g +/- %.4g%n", e.name(), e.value(), e.standardError());
                }
            } else {
                out.printf(Locale.ROOT, "    bootstrap    %s: %d replicates, starts %s%n", bootstrap, boot.successful(),
                        boot.startsDescription());
                List<List<String>> rows = new ArrayList<>();
                for (LikelihoodFit.Estimate e : ml.parameters()) {
                    Double b = bootSe.get(e.name());
                    rows.add(List.of(e.name(), BootstrapDocuments.num(e.value()), BootstrapDocuments.num(e.standardError()),
                            b == null ? "-" : BootstrapDocuments.num(b)));
                }
                out.println("[[Parameters]]");
                out.print(new Table(List.of("parameter", "estimate", "se (scores)", "se (bootstrap)"), rows).text());
            }
            if (comparison != null) {
                out.print(BootstrapDocuments.text(comparison));
            }
        }
        if (!ml.converged()) {
            spec.commandLine().getErr().println("slaw: the likelihood fit did not converge: " + ml.message());
            return Main.FIT_FAILED;
        }
        return 0;
    }
}
