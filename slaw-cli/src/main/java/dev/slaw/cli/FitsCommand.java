package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.StoreDocuments;
import dev.slaw.io.document.Table;
import dev.slaw.io.store.FitStore;
import dev.slaw.io.store.RunStore;
import dev.slaw.io.store.SavedFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slaw fits [--dataset NAME] [--show ID]}: lists the fits saved in the run store with
 * their provenance (dataset, law, when, data fingerprint), or prints one fit's JSON;
 * {@code fits rm} removes one and {@code fits diff} compares two fit files.
 */
@Command(name = "fits", mixinStandardHelpOptions = true,
        subcommands = {FitsCommand.Remove.class, FitsDiffCommand.class, CompareFitsCommand.class},
        description = "List the fits saved in the run store, or show one as JSON; 'fits rm ID' removes one;"
                + " 'fits diff A B' shows what differs between two saved fit files.")
public final class FitsCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only fits of this dataset.")
    String dataset;

    @Option(names = "--show", paramLabel = "ID", description = "Print this fit's JSON.")
    Long show;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        try (RunStore runs = RunStore.openReadOnly(store.db()); FitStore fits = runs.fits()) {
            if (show != null) {
                SavedFit fit = fits.get(show).orElseThrow(() -> new BadInputException("no fit with id " + show + " in "
                        + store.db()));
                if (output.csv()) {
                    throw new BadInputException("--csv lists the fits as a table; --show prints one fit's JSON");
                }
                // a saved fit is its JSON document, with or without --json
                output.out().println(fit.json());
                output.out().flush();
            } else {
                List<SavedFit> list = dataset == null ? fits.list() : fits.forDataset(dataset);
                output.print(() -> table(list, false), () -> StoreDocuments.fits(list), () -> list.isEmpty()
                        ? "no fits saved in " + store.db() + (dataset == null ? "" : " for " + dataset) + "\n"
                        : table(list, true).text());
            }
            return 0;
        }
    }

    /** The fits as a table, with their fingerprints shortened for reading in a terminal. */
    private static Table table(List<SavedFit> list, boolean shortened) {
        List<List<String>> rows = new ArrayList<>();
        for (SavedFit f : list) {
            String fingerprint = f.fingerprint() == null ? "" : f.fingerprint();
            rows.add(List.of(Long.toString(f.id()), f.dataset(), f.law(), f.created().toString(),
                    fingerprint.length() > 12 && shortened ? fingerprint.substring(0, 12) : fingerprint));
        }
        return new Table(List.of("id", "dataset", "law", "created (UTC)", "fingerprint"), rows);
    }

    /** {@code slaw fits rm ID}: removes a saved fit. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a saved fit from the run store.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "ID", description = "The fit's id (see slaw fits).")
        long id;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (RunStore runs = RunStore.openExisting(store.db()); FitStore fits = runs.fits()) {
                SavedFit removed = fits.remove(id);
                spec.commandLine().getOut().println("removed fit " + removed.id() + " (" + removed.law() + " on "
                        + removed.dataset() + ") from " + store.db());
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
