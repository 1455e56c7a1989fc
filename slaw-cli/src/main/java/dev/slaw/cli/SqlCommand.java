package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.StoreDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.store.QueryResult;
import dev.slaw.io.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code slaw sql "select ..."}: runs SQL on the run store. Datasets are tables named
 * {@code dataset_NAME}, also reachable by their plain name; {@code slaw_datasets} lists them and {@code fits} holds
 * saved fits.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL on the run store (each dataset by its NAME or as table dataset_NAME; slaw_datasets, fits);"
                + " read-only unless --write.")
public final class SqlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"select * from slaw_datasets\".")
    String sql;

    @Option(names = "--limit", paramLabel = "ROWS", defaultValue = "1000",
            description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    TableOutput output = new TableOutput();

    @Option(names = "--write", description = "Allow statements that change the store or write files (default: read-only;"
            + " remove datasets and fits with slaw runs rm and slaw fits rm, which keep the catalogue consistent).")
    boolean write;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new BadInputException("--limit must be at least 0, got " + limit);
        }
        try (RunStore runs = write ? RunStore.openExisting(store.db()) : RunStore.openReadOnly(store.db())) {
            QueryResult result;
            try {
                result = runs.query(sql, limit);
            } catch (BadInputException e) {
                if (!write && refusedAsReadOnly(e.getMessage())) {
                    throw new BadInputException(e.getMessage() + " (the store is read-only here: pass --write to change it,"
                            + " or remove datasets and fits with slaw runs rm NAME and slaw fits rm ID)", e);
                }
                throw e;
            }
            Table table = new Table(result.columns(), result.rows());
            output.print(() -> table, () -> StoreDocuments.json(result), table::text);
            if (result.truncated()) {
                spec.commandLine().getErr().println("(first " + limit + " rows shown; raise --limit for more)");
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    private static boolean refusedAsReadOnly(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("read-only") || m.contains("read only") || m.contains("external access")
                || m.contains("permission error");
    }
}
