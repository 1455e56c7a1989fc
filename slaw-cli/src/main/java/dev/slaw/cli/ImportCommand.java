package dev.slaw.cli;

import dev.slaw.io.LoadedDataset;
import dev.slaw.io.document.StoreDocuments;
import dev.slaw.io.store.RunStore;
import dev.slaw.io.store.StoredDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code slaw import FILE --name NAME [data options] [--replace]}: reads a table (any format,
 * with the recipe the data options describe) and stores it in the run store as one atomic
 * transaction, so every other command can name it instead of the file.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Store a table of runs in the run store (atomically), under a name other commands can use.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", arity = "0..1",
            description = "CSV, TSV, JSON, JSON Lines, Parquet, a folder of JSON files, or a project dataset.")
    String source;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Name to store it under (letters, digits, _ and -).")
    String name;

    @Option(names = "--replace", description = "Replace a stored dataset of the same name.")
    boolean replace;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    JsonOutput output = new JsonOutput();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedDataset loaded = data.load(source);
        StoredDataset stored;
        try (RunStore store = RunStore.open(data.db())) {
            stored = store.save(name, loaded, data.datasetName(source), replace);
        }
        String db = data.db().toString();
        out.print(output.json ? StoreDocuments.imported(stored, db) + "\n" : StoreDocuments.importedText(stored, db));
        out.flush();
        return 0;
    }
}
