package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.FitFailedException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The one exception handler, {@link Main#failed}: what each kind of failure prints and exits with. */
class ExitCodesTest {
    /** What the handler printed and returned for one failure of {@code slaw fit}. */
    private record Handled(int code, String err) {
    }

    private static Handled handle(Throwable failure) {
        StringWriter err = new StringWriter();
        CommandLine fit = Main.commandLine().getSubcommands().get("fit");
        fit.setErr(new PrintWriter(err, true));
        int code = Main.failed(fit.getCommandSpec(), failure);
        return new Handled(code, err.toString());
    }

    @Test
    void badInputIsOneLineNamingTheCommandAndExitsTwo() {
        Handled h = handle(new BadInputException("runs.csv: row 3, column \"loss\": \"12 parrots\" is not a number"));
        assertThat(h.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(h.err()).isEqualTo("slaw fit: runs.csv: row 3, column \"loss\": \"12 parrots\" is not a number\n");
    }

    @Test
    void badInputFoundUnderAnotherExceptionIsStillBadInput() {
        Handled h = handle(new IllegalStateException("worker failed", new BadInputException("--law: no law 'x'")));
        assertThat(h.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(h.err()).isEqualTo("slaw fit: --law: no law 'x'\n");
    }

    @Test
    void aFailedFitExitsOne() {
        Handled h = handle(new FitFailedException("no start converged"));
        assertThat(h.code()).isEqualTo(Main.FIT_FAILED);
        assertThat(h.err()).isEqualTo("slaw fit: no start converged\n");
    }

    @Test
    void anythingElseIsOneLineWithTheHintToRerunForTheTrace() {
        Handled h = handle(new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5"));
        assertThat(h.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(h.err()).startsWith("slaw fit: internal error (ArrayIndexOutOfBounds: Index 5 out of bounds for length 5)")
                .endsWith("; please report it (rerun with SLAW_DEBUG=1 for the trace)\n")
                .doesNotContain("\tat ");
    }

    @Test
    void runningOutOfMemoryNamesTheHeapAndHowToRaiseIt() {
        Handled h = handle(new IllegalStateException("a worker died", new OutOfMemoryError("Java heap space")));
        assertThat(h.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(h.err()).startsWith("slaw fit: out of memory (").contains("JAVA_OPTS=-Xmx4g").hasLineCount(1);
    }
}
