package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** How a command reports a user's mistake: one line on stderr, exit code 2, no stack trace. */
final class Failures {

    /** The exit code for bad input or usage. */
    static final int BAD_INPUT = 2;

    private Failures() {
    }

    static int report(CommandSpec spec, BadInputException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("slaw " + spec.name() + ": " + e.getMessage());
        err.flush();
        return BAD_INPUT;
    }
}
