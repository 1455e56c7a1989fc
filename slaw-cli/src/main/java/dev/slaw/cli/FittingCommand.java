package dev.slaw.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * What every command that fits a law to a table of runs reads first ({@code bootstrap},
 * {@code validate}, {@code sensitivity}, {@code likelihood}): the {@code DATA} argument, the
 * data options and the fit settings. picocli lists a superclass's options first, so these
 * stay at the top of each command's help, as when each command declared them itself.
 */
abstract class FittingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA", description = "A table of runs or a dataset name.")
    String source;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    FitCommand.FitSettings settings = new FitCommand.FitSettings();
}
