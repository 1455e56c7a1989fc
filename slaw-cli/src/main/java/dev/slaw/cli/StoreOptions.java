package dev.slaw.cli;

import dev.slaw.io.store.RunStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The run store option, {@code --db FILE}, shared by every command that reads or writes the store. */
public class StoreOptions {

    @Option(names = "--db", paramLabel = "FILE", defaultValue = RunStore.DEFAULT_FILE,
            description = "The run store, a DuckDB file (default: ${DEFAULT-VALUE}).")
    Path db = Path.of(RunStore.DEFAULT_FILE);

    /** The store file. */
    public Path db() {
        return db;
    }
}
