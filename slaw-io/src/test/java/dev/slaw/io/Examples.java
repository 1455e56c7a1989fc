package dev.slaw.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's {@code examples/} folder from wherever the tests run. */
public final class Examples {

    private Examples() {
    }

    public static Path path(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
