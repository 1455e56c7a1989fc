package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.LikelihoodDocuments;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.fit.FitJson;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HuberLikelihood;
import dev.slaw.uncertainty.ParameterComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code slaw likelihood}: the maximum-likelihood variant of a fit, a Huber log-density of the
 * log residuals with a fitted scale sigma (Besiroglu et al. 2024), from a given start. The result
 * is an ordinary {@link Fit} of the law (with sigma beside it), so {@code --out} saves a fit file
 * that {@code slaw predict} reads like any other.
 */
@Command(name = "likelihood", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Maximum-likelihood fit: Huber log-density with a fitted scale, standard errors from the scores.",
        footer = {"", "Example (the Epoch replication, started at Chinchilla's published parameters):",
                "  slaw likelihood examples/chinchilla-epoch/svg_extracted_data.csv --law chinchilla \\",
                "    --map N=\"Model Size\" --derive D=\"Training FLOP / (6*N)\" --target loss \\",
                "    --drop-highest loss=5 --start E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28"})
public final class LikelihoodCommand extends FittingCommand {
    @Option(names = "--start", required = true, paramLabel = "NAME=VALUE,...",
            description = "Where the optimiser starts, a value for every free parameter (and optionally sigma).")
    String start;

    @Option(names = "--bootstrap", paramLabel = "FILE",
            description = "A saved bootstrap of the same law (slaw bootstrap --out): report its standard errors (replicate standard deviations) beside the likelihood's.")
    Path bootstrap;

    @Option(names = "--against", paramLabel = "NAME=VALUE,...",
            description = "With --bootstrap: chi-squared test of another parameter set against the maximum-likelihood values under the bootstrap covariance (log space for log-space parameters).")
    String against;

    @Option(names = "--out", paramLabel = "FIT.json",
            description = "Save the law's fit as JSON (for slaw predict; written only on success). Sigma is not a parameter of the law: the fit's provenance names it.")
    Path out;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() throws java.io.IOException {
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
        HuberLikelihood.Result ml = HuberLikelihood.fit(p.law(), p.data(), p.target(), at,
                p.options().objective().delta(), p.options().notes());
        Fit fit = ml.fit();
        if (settings.strict && !fit.convergence().converged()) {
            // one start by design (where you say), so the only warning is not converging
            throw new dev.slaw.fit.FitFailedException("--strict: the likelihood fit did not converge ("
                    + fit.convergence().reason() + "); nothing written");
        }
        LikelihoodDocuments.Beside beside = boot == null ? null : new LikelihoodDocuments.Beside(boot,
                bootstrap.toString(), against == null ? null
                : ParameterComparison.of(boot, fit.valueMap(), Assignments.list(against, "--against"), true));
        if (out != null) {
            FitJson.save(fit, Outputs.staged(out));
        }
        output.print(() -> LikelihoodDocuments.json(ml, beside), () -> LikelihoodDocuments.text(ml, beside));
        if (out != null) {
            output.note("saved " + out);
        }
        if (!fit.convergence().converged()) {
            spec.commandLine().getErr().println("slaw: the likelihood fit did not converge: " + fit.convergence().reason());
            return Main.FIT_FAILED;
        }
        return 0;
    }
}
