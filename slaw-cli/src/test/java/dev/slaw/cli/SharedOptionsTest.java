package dev.slaw.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared options mean one thing everywhere and are checked once, before a command reads
 * anything: the data file named here does not exist, so an error about it would mean the
 * option was checked too late.
 */
class SharedOptionsTest {
    private static final String MISSING = "no-such-runs.csv";

    private static FitCommandTest.Result run(String line) {
        return FitCommandTest.run(line.split(" "));
    }

    private static void assertRefused(FitCommandTest.Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(message).doesNotContain(MISSING).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bootstrap " + MISSING + " --law chinchilla", "validate " + MISSING + " --law chinchilla --leave-largest-out",
            "plan " + MISSING, "plan envelope " + MISSING, "plan isoflop " + MISSING, "predict " + MISSING})
    void everyCommandWithIntervalsRefusesALevelOutsideZeroToOneBeforeReadingData(String command) {
        for (String level : new String[]{"0", "1", "1.5", "-0.5"}) {
            assertRefused(run(command + " --level " + level), "--level must be between 0 and 1 (e.g. 0.95), got ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bootstrap " + MISSING + " --law chinchilla", "validate " + MISSING + " --law chinchilla --leave-largest-out"})
    void aBootstrapNeedsTwoReplicates(String command) {
        assertRefused(run(command + " --replicates 1"), "--replicates must be at least 2, got 1");
    }

    @Test
    void isoflopTakesTheReplicateCountAndTheBudgetByTheSharedNames() {
        assertRefused(run("plan isoflop " + MISSING + " --replicates -1"), "--replicates must be at least 0, got -1");
        assertRefused(run("plan isoflop " + MISSING + " --compute 1e23,1e24"), "--compute takes one budget here");
        assertRefused(run("plan isoflop " + MISSING + " --at 1e23"), "Unknown option");
        assertRefused(run("sensitivity " + MISSING + " --law chinchilla --compute -5e23"),
                "--compute must be a positive number of FLOPs, got -5e23");
    }

    @Test
    void fixedChoicesListTheirWords() {
        assertRefused(run("fit " + MISSING + " --law chinchilla --loss cauchy"),
                "expected huber, squared, absolute or asymmetric, got 'cauchy'");
        assertRefused(run("plan " + MISSING + " --unique-parameters some"), "expected compute-optimal or all, got 'some'");
        assertRefused(run("bootstrap " + MISSING + " --law chinchilla --sampler pcg"), "expected split or numpy, got 'pcg'");
    }

    @Test
    void choicesAreReadInAnyCase() {
        FitCommandTest.Result r = FitCommandTest.run("fit", "../examples/chinchilla-epoch/svg_extracted_data.csv", "--law",
                "chinchilla", "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss",
                "--starts", "lhs:4", "--loss", "SQUARED", "--stop", "Relative");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(squared");
    }
}
