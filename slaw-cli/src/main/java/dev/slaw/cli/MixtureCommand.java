package dev.slaw.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code slaw mixture}: data mixtures. */
@Command(name = "mixture", mixinStandardHelpOptions = true, description = "Data mixtures: choose the mixture of sources.",
        subcommands = {MixtureOptimizeCommand.class})
public final class MixtureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
