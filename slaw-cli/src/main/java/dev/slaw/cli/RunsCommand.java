package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.StoreDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.store.CatalogueFile;
import dev.slaw.io.store.RunStore;
import dev.slaw.io.store.StoredDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slaw runs [NAME]}: lists the datasets in the run store with their row counts and
 * columns; with a name, shows that dataset's columns, recipe and import notes.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsCommand.Remove.class,
        description = "List the datasets in the run store, or show one; 'runs rm NAME' removes one.")
public final class RunsCommand implements Callable<Integer> {

    private static final int COLUMN_TEXT_LIMIT = 60;

    @Parameters(index = "0", paramLabel = "NAME", arity = "0..1", description = "A stored dataset to show in full.")
    String name;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        // the catalogue copy answers without starting DuckDB when it is fresh
        List<StoredDataset> all = CatalogueFile.readFresh(store.db()).orElseGet(this::fromStore);
        if (name != null) {
            StoredDataset d = all.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BadInputException(name + ": no dataset of that name in " + store.db()
                            + " (stored: " + String.join(", ", all.stream().map(StoredDataset::name).toList()) + ")"));
            if (output.csv()) {
                throw new BadInputException("--csv lists the datasets as a table; one dataset shows as text or --json");
            }
            output.print(() -> StoreDocuments.json(d), () -> show(d));
        } else {
            output.print(() -> table(all, false), () -> StoreDocuments.datasets(all), () -> all.isEmpty()
                    ? "no datasets in " + store.db() + " (import one with: slaw import FILE --name NAME)\n"
                    : table(all, true).text());
        }
        return 0;
    }

    /** The datasets as a table, with their columns abbreviated for reading in a terminal. */
    private static Table table(List<StoredDataset> all, boolean abbreviated) {
        List<List<String>> rows = new ArrayList<>();
        for (StoredDataset d : all) {
            String columns = String.join(", ", d.columns());
            rows.add(List.of(d.name(), Long.toString(d.rows()), abbreviated ? abbreviate(columns) : columns,
                    String.join(", ", d.labels()), d.source()));
        }
        return new Table(List.of("dataset", "rows", "columns", "labels", "source"), rows);
    }

    private List<StoredDataset> fromStore() {
        try (RunStore runs = RunStore.openReadOnly(store.db())) {
            return runs.datasets();
        }
    }

    private static String show(StoredDataset d) {
        StringBuilder s = new StringBuilder();
        s.append("dataset     ").append(d.name()).append('\n');
        s.append("rows        ").append(d.rows()).append('\n');
        s.append("source      ").append(d.source()).append('\n');
        s.append("imported    ").append(d.imported()).append('\n');
        s.append("fingerprint ").append(d.fingerprint()).append('\n');
        s.append("columns     ").append(String.join(", ", d.columns())).append('\n');
        s.append("labels      ").append(String.join(", ", d.labels())).append('\n');
        d.group().ifPresent(g -> s.append("group       ").append(g).append('\n'));
        for (String step : d.recipe()) {
            s.append("recipe      ").append(step).append('\n');
        }
        for (String note : d.notes()) {
            s.append("note        ").append(note).append('\n');
        }
        return s.toString();
    }

    /** {@code slaw runs rm NAME}: removes a stored dataset, its table and catalogue entry together. */
    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove a stored dataset (its table and catalogue entry, in one transaction); its saved fits stay.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The stored dataset to remove.")
        String name;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (RunStore runs = RunStore.openExisting(store.db())) {
                StoredDataset removed = runs.remove(name);
                long fits = runs.fits().forDataset(removed.name()).size();
                out.println("removed \"" + removed.name() + "\" (" + removed.rows() + " rows) from " + store.db()
                        + (fits == 0 ? "" : fits == 1 ? "; its saved fit stays (slaw fits rm ID removes it)"
                        : "; its " + fits + " saved fits stay (slaw fits rm ID removes one)"));
                out.flush();
                return 0;
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= COLUMN_TEXT_LIMIT ? text : text.substring(0, COLUMN_TEXT_LIMIT - 3) + "...";
    }
}
