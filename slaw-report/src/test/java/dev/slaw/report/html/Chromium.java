package dev.slaw.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in Debian's headless Chromium, takes a screenshot and collects what the page
 * wrote to its console. The test needs the real browser: {@code .ci/run} installs it with
 * {@code apt-get install -y chromium} when it is absent.
 *
 * @param screenshot the PNG Chromium wrote
 * @param console    console messages and uncaught errors, one line each
 * @param log        Chromium's whole standard error, for failure messages
 */
record Chromium(Path screenshot, List<String> console, String log) {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    static Chromium open(Path page, Path work, int width, int height) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium (apt-get install -y chromium)");
        }
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path shot = work.resolve("screenshot.png");
        Path err = work.resolve("chromium.log");
        List<String> command = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=" + width + "," + height, "--screenshot=" + shot, page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s: " + Files.readString(err));
        }
        String log = Files.readString(err, StandardCharsets.UTF_8);
        List<String> console = new ArrayList<>();
        for (String line : log.split("\n")) {
            // Chromium logs page console output as "...:CONSOLE(line)] message" and uncaught
            // exceptions as "Uncaught ..."
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                console.add(line);
            }
        }
        return new Chromium(shot, console, log);
    }
}
