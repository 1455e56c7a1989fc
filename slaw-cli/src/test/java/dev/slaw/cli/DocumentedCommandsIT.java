package dev.slaw.cli;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every {@code bash} block of README.md and docs/*.md with the shaded jar and the
 * {@code ./slaw} launcher, as a reader would from the repository root, and compares the output
 * each page quotes in the {@code text} block after a command with what the command prints
 * (the convention is {@link MarkdownExamples}'). An integration test (failsafe, {@code verify}
 * phase) because it needs {@code slaw-cli/target/slaw.jar}.
 *
 * <p>Each page runs in its own fresh folder, {@code slaw-cli/target/docs-examples/PAGE/},
 * laid out like the repository (the launcher and the jar linked, {@code examples/} copied,
 * an empty {@code docs/img/}), so that the files the commands write (fit.json, pictures, the run
 * store) never touch the repository, and a page's blocks run in order, later ones using what
 * earlier ones wrote. Each block's output is kept there as {@code LINE.out} for reading after a
 * failure.
 */
class DocumentedCommandsIT {
    private static final Path ROOT = MarkdownExamplesTest.ROOT;
    private static final Path WORK = ROOT.resolve("slaw-cli/target/docs-examples");
    /** Longer than any documented command takes on a busy 2-core machine (the slowest, about 30 s). */
    private static final long TIMEOUT_SECONDS = 600;

    @TestFactory
    Stream<DynamicNode> everyDocumentedCommandRunsAndPrintsWhatItsPageQuotes() throws IOException {
        assertThat(ROOT.resolve("slaw-cli/target/slaw.jar")).as("the shaded jar, built in the package phase").exists();
        // -Ddocs.page=planning runs only the pages whose path contains that text (while editing a page)
        String only = System.getProperty("docs.page", "");
        List<DynamicNode> pages = new ArrayList<>();
        for (Path page : MarkdownExamplesTest.pages()) {
            String name = ROOT.relativize(page).toString();
            if (!name.contains(only)) {
                continue;
            }
            MarkdownExamples.Page parsed = MarkdownExamples.parse(Files.readString(page));
            Path dir = WORK.resolve(name.replace('/', '_').replace(".md", ""));
            List<DynamicTest> blocks = new ArrayList<>();
            boolean first = true;
            for (MarkdownExamples.Example example : parsed.examples()) {
                if (!example.runs()) {
                    continue;
                }
                boolean fresh = first;
                first = false;
                blocks.add(DynamicTest.dynamicTest(name + ":" + example.line(), () -> {
                    if (fresh) {
                        prepare(dir);
                    }
                    run(name, dir, example);
                }));
            }
            pages.add(DynamicContainer.dynamicContainer(name, blocks));
        }
        return pages.stream();
    }

    /** A fresh folder laid out like the repository for the commands of one page. */
    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(dir.resolve("slaw-cli/target"));
        Files.createDirectories(dir.resolve("docs/img"));
        // the launcher finds the jar beside itself: link both, so the real launcher runs
        Files.createSymbolicLink(dir.resolve("slaw"), ROOT.resolve("slaw"));
        Files.createSymbolicLink(dir.resolve("slaw-cli/target/slaw.jar"), ROOT.resolve("slaw-cli/target/slaw.jar"));
        Path examples = ROOT.resolve("examples");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve("examples").resolve(examples.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void run(String page, Path dir, MarkdownExamples.Example example) throws IOException, InterruptedException {
        Path log = dir.resolve(example.line() + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", example.script())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // the launcher's own JVM options, as on a reader's machine
        builder.environment().remove("JAVA_OPTS");
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(page + ":" + example.line() + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%s:%d  %.1f s%n", page, example.line(), seconds);
        assertThat(process.exitValue())
                .as("%s:%d exit code; output:%n%s", page, example.line(), output)
                .isZero();
        example.expected().ifPresent(quote -> assertThat(MarkdownExamples.missingLines(quote.lines(), output))
                .as("%s:%d quotes lines (```text block at line %d) that the command does not print; it printed:%n%s",
                        page, example.line(), quote.line(), output)
                .isEmpty());
    }
}
