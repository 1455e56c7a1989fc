package dev.slaw.cli;

import dev.slaw.io.document.FitWarnings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * The {@code --json} option of every command that prints a result: the result's JSON document
 * (snake_case keys, {@code null} for a number that is not finite) instead of its text.
 * {@link #print} prints the form asked for, building only that one.
 */
class JsonOutput {
    @Option(names = "--json", description = "Print the result as JSON instead of text.")
    boolean json;

    /** The command this mixin belongs to, whose output stream the result goes to. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Prints the result, its JSON document under {@code --json} else its text, and flushes. */
    void print(Supplier<?> document, Supplier<String> text) {
        PrintWriter out = out();
        if (json) {
            out.println(document.get());
        } else {
            out.print(text.get());
        }
        out.flush();
    }

    /**
     * Where a note such as {@code plotted FILE} goes: the output when it is text, else null
     * (a JSON or CSV document on standard output must stay parseable).
     */
    PrintWriter notes() {
        return json ? null : out();
    }

    /** Says {@code line}, such as {@code saved FILE}, after a result printed as text (see {@link Outputs#say}). */
    void note(String line) {
        PrintWriter notes = notes();
        if (notes != null) {
            Outputs.say(notes, line);
        }
    }

    /**
     * Says the warnings of the fits a result was drawn from on standard error, a line each, for a
     * result whose document has no place for them (a CSV table, a JSON array); a result printed
     * as text or as a JSON object carries them itself (see {@link FitWarnings}).
     */
    void warnOnError(FitWarnings warnings) {
        PrintWriter err = command.commandLine().getErr();
        warnings.lines().forEach(w -> err.println(command.qualifiedName() + ": warning: " + w));
        err.flush();
    }

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }
}
