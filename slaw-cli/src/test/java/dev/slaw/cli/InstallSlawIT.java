package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's install step: {@code ./install-slaw PREFIX} puts a {@code slaw} command in
 * PREFIX/bin that runs from anywhere, without the checkout. An integration test (failsafe) because
 * it installs the shaded jar the package phase builds.
 */
class InstallSlawIT {
    private static final Path ROOT = MarkdownExamplesTest.ROOT;

    /** What a process printed and returned. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(Path workingDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workingDir, "out", ".txt");
        Path err = Files.createTempFile(workingDir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void installsASlawCommandThatRunsAwayFromTheCheckout(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("prefix");
        Run install = run(dir, List.of(ROOT.resolve("install-slaw").toString(), prefix.toString()));
        assertThat(install.code()).as(install.err()).isZero();
        assertThat(install.out()).isEqualTo("installed " + prefix.resolve("bin/slaw") + "\n");
        assertThat(prefix.resolve("share/slaw/slaw.jar")).exists();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run laws = run(elsewhere, List.of(prefix.resolve("bin/slaw").toString(), "laws"));
        assertThat(laws.code()).as(laws.err()).isZero();
        assertThat(laws.out()).contains("chinchilla", "power-offset");

        Run again = run(dir, List.of(ROOT.resolve("install-slaw").toString(), prefix.toString()));
        assertThat(again.code()).as("installing twice replaces the command: " + again.err()).isZero();
    }

    @Test
    void aPrefixThatCannotBeWrittenIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Run r = run(dir, List.of(ROOT.resolve("install-slaw").toString(), file.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("install-slaw: cannot write to ").doesNotContain("\n\n");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }
}
