package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Numbers;
import picocli.CommandLine.Option;

/** {@code --level}: the coverage of an interval, strictly between 0 and 1. */
final class IntervalLevel implements CheckedOptions {
    /** The level when none is given. */
    static final double DEFAULT = 0.95;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Interval coverage, between 0 and 1 (default: 0.95; predict: the bootstrap's own).")
    Double level;

    /** The level given, else {@link #DEFAULT}. */
    double level() {
        return orElse(DEFAULT);
    }

    /** The level given, else {@code fallback} (e.g. the level a saved bootstrap was made at). */
    double orElse(double fallback) {
        return level != null ? level : fallback;
    }

    @Override
    public void check() {
        if (level != null && !(level > 0 && level < 1)) {
            throw new BadInputException("--level must be between 0 and 1 (e.g. 0.95), got " + Numbers.compact(level));
        }
    }
}
