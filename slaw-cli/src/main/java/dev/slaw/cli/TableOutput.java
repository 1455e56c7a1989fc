package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import picocli.CommandLine.Option;

/**
 * The output options of a command whose result is a table: {@code --json} for the whole result,
 * {@code --csv} for its table as comma-separated values.
 */
final class TableOutput extends JsonOutput {
    @Option(names = "--csv", description = "Print the result's table as CSV instead of aligned columns.")
    boolean csv;

    /** Whether to print CSV; asking for both JSON and CSV is a mistake, said once here. */
    boolean csv() {
        if (csv && json) {
            throw new BadInputException("--json and --csv: give one of them");
        }
        return csv;
    }
}
