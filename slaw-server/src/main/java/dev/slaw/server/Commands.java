package dev.slaw.server;

import dev.slaw.uncertainty.ProgressListener;

import java.util.List;

/**
 * The slaw commands, run in this process: the workbench turns each request into the command
 * line a user would type and hands it here, so a result over HTTP is the command line's result,
 * with its options, its checks, its one-line errors and its JSON document. slaw-cli supplies
 * the implementation ({@code slaw serve}); the server module knows no command.
 */
@FunctionalInterface
public interface Commands {

    /**
     * Runs one command line ({@code args[0]} is the verb) with its standard output and error
     * captured.
     *
     * @param progress told of the command's long work (bootstrap replicates); it may throw to
     *                 stop the command
     */
    Outcome run(List<String> args, ProgressListener progress);

    /** Forgets whatever is kept in memory for a fit's file: the workbench deleted it. */
    default void forget(java.nio.file.Path fitFile) {
    }

    /** What a command printed and how it ended (0 done, 1 a failed fit, 2 bad input). */
    record Outcome(int exitCode, String out, String err) {

        /** The command's first line on standard error without its {@code slaw VERB: } prefix. */
        public String errorLine() {
            String line = err.lines().filter(l -> !l.isBlank() && !l.contains(": warning: ")).findFirst()
                    .orElse(err.lines().findFirst().orElse("failed")).strip();
            if (line.startsWith("slaw ")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    line = line.substring(colon + 2);
                }
            }
            return line;
        }
    }
}
