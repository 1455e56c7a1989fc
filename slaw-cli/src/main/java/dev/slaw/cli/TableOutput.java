package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.FitWarnings;
import dev.slaw.io.document.Table;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * The output options of a command whose result is a table: {@code --json} for the whole result,
 * {@code --csv} for its table as comma-separated values.
 */
final class TableOutput extends JsonOutput implements CheckedOptions {
    @Option(names = "--csv", description = "Print the result's table as CSV instead of aligned columns.")
    boolean csv;

    /** Whether to print CSV; asking for both JSON and CSV is a mistake, said once here. */
    boolean csv() {
        if (csv && json) {
            throw new BadInputException("--json and --csv: give one of them");
        }
        return csv;
    }

    @Override
    public void check() {
        csv();
    }

    /** Prints the result, its table as CSV under {@code --csv}, else as {@link JsonOutput#print} does. */
    void print(Supplier<Table> table, Supplier<?> document, Supplier<String> text) {
        if (csv()) {
            PrintWriter out = out();
            out.print(table.get().csv());
            out.flush();
        } else {
            print(document, text);
        }
    }

    /**
     * Prints the result as {@link #print(Supplier, Supplier, Supplier)} does; a CSV table has no
     * place for the fit's warnings, so under {@code --csv} they go to standard error (the JSON
     * document and the text carry them).
     */
    void print(Supplier<Table> table, Supplier<?> document, Supplier<String> text, FitWarnings fitWarnings) {
        print(table, document, text);
        if (csv) {
            warnOnError(fitWarnings);
        }
    }

    /**
     * The fit's warnings after a result printed apart (predictions, whose JSON is an array and
     * whose CSV is a table, neither with a place for them): under the text, else on standard error.
     */
    void printWarnings(FitWarnings fitWarnings) {
        if (json || csv()) {
            warnOnError(fitWarnings);
        } else {
            PrintWriter out = out();
            out.print(fitWarnings.text());
            out.flush();
        }
    }

    @Override
    PrintWriter notes() {
        return csv ? null : super.notes();
    }
}
