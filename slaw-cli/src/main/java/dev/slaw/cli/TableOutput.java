package dev.slaw.cli;

import dev.slaw.data.BadInputException;
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

    @Override
    PrintWriter notes() {
        return csv ? null : super.notes();
    }
}
