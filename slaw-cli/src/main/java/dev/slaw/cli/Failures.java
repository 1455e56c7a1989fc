package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * How a command reports a user's mistake: one line on stderr that starts with the command
 * ({@code slaw fit: ...}), exit code 2, no stack trace. The one place that formats it: the root
 * command's handler and commands run on their own both come here.
 */
final class Failures {
    private Failures() {
    }

    static int report(CommandSpec spec, BadInputException e) {
        return report(spec, e.getMessage(), Main.BAD_INPUT);
    }

    /** Prints {@code slaw VERB: message} on one line and returns {@code code}. */
    static int report(CommandSpec spec, String message, int code) {
        PrintWriter err = spec.commandLine().getErr();
        String who = spec.qualifiedName();
        err.println((who.startsWith("slaw") ? who : "slaw " + who) + ": " + oneLine(message));
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "error" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
