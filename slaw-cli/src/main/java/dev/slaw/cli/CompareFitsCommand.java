package dev.slaw.cli;

import dev.slaw.data.BadInputException;
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
import java.nio.file.Path;
import java.util.List;
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

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw both laws with their bands and the crossover (PNG or SVG).")
    Path plot;

    @Mixin
    JsonOutput output = new JsonOutput();

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
        }
        return CompareCommand.report(r, new CompareCommand.Reading(along, hold, at, range, interval.level(), plot), spec,
                output);
    }
}
