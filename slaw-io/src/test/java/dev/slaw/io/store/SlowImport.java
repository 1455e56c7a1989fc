package dev.slaw.io.store;

import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;

import java.nio.file.Path;

/**
 * A child process for the kill test: imports a table into a store, announces when it is
 * halfway through the rows, then crawls so the test can kill it mid-transaction.
 */
public final class SlowImport {

    static final String MIDWAY = "midway";

    private SlowImport() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        LoadedDataset loaded = DatasetLoader.load(Path.of(args[1]), Recipe.DEFAULT);
        int half = loaded.dataset().rowCount() / 2;
        try (RunStore store = RunStore.open(db)) {
            store.save("sweep", loaded, args[1], false, row -> {
                if (row == half) {
                    System.out.println(MIDWAY + " " + row);
                    System.out.flush();
                }
                if (row >= half) {
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }
}
