package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitFailedException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

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

    /**
     * Reports anything a command threw: a user's mistake or a failed fit as such, and everything
     * else (a file the system refuses, memory running out, a bug) as one line with a hint, never
     * a stack trace. Returns the exit code: 1 for a failed fit, else 2.
     */
    static int report(CommandSpec spec, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException bad) {
                return report(spec, bad);
            }
            if (t instanceof FitFailedException) {
                return report(spec, t.getMessage(), Main.FIT_FAILED);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return report(spec, describe(e), Main.BAD_INPUT);
    }

    /** One line for a failure that is not a {@link BadInputException}: what happened, and what to do. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "out of memory (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MB heap); give Java more, e.g. JAVA_OPTS=-Xmx4g, or read fewer rows";
            }
            if (t instanceof StackOverflowError) {
                return "input nested too deeply to process (a formula, JSON document or expression)";
            }
            if (t instanceof CharacterCodingException) {
                return "a file is not UTF-8 text";
            }
            if (t instanceof AccessDeniedException a) {
                return a.getFile() + ": permission denied";
            }
            if (t instanceof NoSuchFileException n) {
                return n.getFile() + ": no such file or folder";
            }
            if (t instanceof FileSystemException f) {
                return f.getFile() + ": " + (f.getReason() == null ? "cannot use this file" : f.getReason());
            }
            if (t instanceof IOException io) {
                return "cannot read or write a file: " + io.getMessage();
            }
        }
        // named without the word "exception": the user sees one line about slaw, not Java's trace
        String kind = e.getClass().getSimpleName().replace("Exception", "").replace("Error", "");
        return "internal error (" + kind + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"
                + (e.getStackTrace().length > 0 ? " in " + e.getStackTrace()[0].getClassName() + "."
                + e.getStackTrace()[0].getMethodName() : "") + "; please report it";
    }

    static String oneLine(String s) {
        return s == null ? "error" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
