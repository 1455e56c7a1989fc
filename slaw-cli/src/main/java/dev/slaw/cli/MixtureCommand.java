package dev.slaw.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code slaw mixture}: laws over data mixtures (proportion columns that sum to 1). */
@Command(name = "mixture", mixinStandardHelpOptions = true,
        description = "Data mixtures: fit a mixture law (data-mixing) to runs over proportion columns, rank unseen mixtures, and choose the mixture.",
        subcommands = {MixtureFitCommand.class, MixturePredictCommand.class, MixtureOptimizeCommand.class,
                MixtureNestedCommand.class})
public final class MixtureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
