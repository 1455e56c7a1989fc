package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --replicates N} and {@code --level}: how many bootstrap replicates to refit and the
 * coverage of their intervals. The seed is the fit's {@code --seed}.
 */
final class ResamplingOptions implements CheckedOptions {
    @Option(names = "--replicates", paramLabel = "N", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
    int replicates;

    /** The fewest replicates the command accepts: 2 for a spread, 0 where the bootstrap is an extra. */
    private final int minimum;

    @Mixin
    IntervalLevel interval = new IntervalLevel();

    /** Options whose replicate count defaults to {@code replicates} and may not be below {@code minimum}. */
    ResamplingOptions(int replicates, int minimum) {
        this.replicates = replicates;
        this.minimum = minimum;
    }

    /** The number of replicates. */
    int replicates() {
        return replicates;
    }

    /** The interval coverage. */
    double level() {
        return interval.level();
    }

    @Override
    public void check() {
        checkReplicates(replicates, minimum);
    }

    /** The rule of {@code --replicates}, also for the one command that declares it alone ({@code report}). */
    static void checkReplicates(int replicates, int minimum) {
        if (replicates < minimum) {
            throw new BadInputException("--replicates must be at least " + minimum + ", got " + replicates);
        }
    }
}
