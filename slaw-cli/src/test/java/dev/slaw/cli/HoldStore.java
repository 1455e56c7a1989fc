package dev.slaw.cli;

import dev.slaw.io.store.RunStore;

import java.nio.file.Path;

/** Another process holding the run store open for writing (for the workbench's 409 test). */
public final class HoldStore {
    private HoldStore() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (RunStore store = RunStore.open(Path.of(args[0]))) {
            System.out.println(store.readOnly() ? "read-only" : "holding");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
