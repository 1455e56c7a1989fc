package dev.slaw.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CurveCommandTest {
    private static final String DATA = "../examples/multipower/csv_25/";
    private static final String PUBLISHED_25M = "L0=3.0405,A=0.5247,alpha=0.5079,B=363.79,C=2.0656,beta=0.5828,gamma=0.6414";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] line = new String[args.length + 1];
        line[0] = "curve";
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = Main.run(line, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void fitsThreeRunsWithTheAuthorsProtocol() {
        Run r = run("fit", "--protocol", "luo-2025", DATA + "cosine_24000.csv", DATA + "constant_24000.csv",
                DATA + "wsdcon_9.csv");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("multi-power", "L0     = 3.04045", "cosine_24000: R^2", "protocol luo-2025");
    }

    @Test
    void fitPrintsJson() {
        Run r = run("fit", "--law", "lr-annealing", "--json", "--first-step", "3000", DATA + "cosine_24000.csv",
                DATA + "constant_24000.csv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{\"law\":\"lr-annealing\"").contains("\"parameters\":{\"L0\":",
                "rows before step 3000 left out");
    }

    @Test
    void predictRanksCandidateSchedulesByFinalLoss() {
        Run r = run("predict", "--params", PUBLISHED_25M,
                "--schedule", "warmup(2160)+constant(3e-4)",
                "--schedule", "warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000, total=24000)",
                "--steps", "24000");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("1").contains("wsd(");
        assertThat(lines[2]).startsWith("2").contains("constant(3e-4)");
    }

    @Test
    void predictRefusesScheduleLongerThanItCanHoldAndCurvesWithTooManyPoints() {
        Run longRun = run("predict", "--params", PUBLISHED_25M, "--schedule", "warmup(2160)+constant(3e-4)",
                "--steps", "2000000000");
        assertThat(longRun.exit()).isEqualTo(2);
        assertThat(longRun.err()).contains("2000000000 steps is more than slaw predicts").doesNotContain("Exception");
        Run dense = run("predict", "--params", PUBLISHED_25M, "--schedule", "warmup(2160)+constant(3e-4)",
                "--steps", "10000000", "--every", "1");
        assertThat(dense.exit()).isEqualTo(2);
        assertThat(dense.err()).contains("asks for 10000000 points", "give a larger --every");
    }

    @Test
    void predictWritesCurvesAsCsvAndJson() {
        Run csv = run("predict", "--params", PUBLISHED_25M, "--schedule",
                "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)", "--every", "1000", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        String[] lines = csv.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("schedule,step,lr,loss");
        assertThat(lines).hasSize(1 + 24);
        assertThat(lines[24]).contains(",23999,");
        Run json = run("predict", "--params", PUBLISHED_25M, "--schedule", "warmup(2160)+constant(3e-4)",
                "--steps", "5000", "--every", "2500", "--format", "json");
        assertThat(json.out()).contains("\"final_loss\":", "{\"step\":2500,\"lr\":3.0E-4,\"loss\":");
    }

    @Test
    void userMistakesExitWithTwoAndOneLine() {
        assertOneLineError(run("predict", "--params", PUBLISHED_25M, "--schedule", "cosine(peak=3e-4, total=10"),
                "position 27: expected ')'");
        assertOneLineError(run("fit", "--law", "chinchilla", DATA + "wsdcon_9.csv"), "unknown curve law 'chinchilla'");
        assertOneLineError(run("fit", "nope.csv"), "nope.csv: no such file");
        assertOneLineError(run("predict", "--params", "L0=3", "--schedule", "constant(1)", "--steps", "10"),
                "--params: missing A");
        assertOneLineError(run("predict", "--params", PUBLISHED_25M, "--schedule", "constant(1)"),
                "has no total: give --steps");
    }

    private static void assertOneLineError(Run r, String message) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }
}
