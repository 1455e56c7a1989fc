package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(r.out()).contains("multi-power", "3.04045", "[[Runs]]", "cosine_24000: R^2", "protocol luo-2025",
                "adamw");
    }

    @Test
    void fitPrintsJson() {
        Run r = run("fit", "--law", "lr-annealing", "--json", "--first-step", "3000", DATA + "cosine_24000.csv",
                DATA + "constant_24000.csv");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{").contains("\"slaw_fit\"", "\"name\" : \"lr-annealing\"",
                "\"run_column\" : \"run\"", "\"decay_factor\" : 0.999", "\"standard_error\"",
                "rows before step 3000 left out");
    }

    @Test
    void aSavedFitPredictsWithoutRefittingAsTheFitDoes(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("fit.json");
        Run fit = run("fit", "--law", "lr-annealing", "--out", saved.toString(), DATA + "cosine_24000.csv",
                DATA + "constant_24000.csv");
        assertThat(fit.exit()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("saved " + saved, "+/-");
        String schedule = "warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=4000, total=24000)";
        Run fromFile = run("predict", saved.toString(), "--schedule", schedule);
        Run refitted = run("predict", "--law", "lr-annealing", "--fit", DATA + "cosine_24000.csv,"
                + DATA + "constant_24000.csv", "--schedule", schedule);
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).isEqualTo(refitted.out());
        Run json = run("predict", saved.toString(), "--schedule", schedule, "--every", "12000", "--json");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("law").asText()).isEqualTo("lr-annealing");
        assertThat(tree.get("curves").get(0).get("points")).hasSize(2);
        assertThat(tree.get("curves").get(0).get("final_loss").isNumber()).isTrue();
    }

    @Test
    void anEditedOrForeignFitFileIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("fit.json");
        assertThat(run("fit", "--law", "lr-annealing", "--out", saved.toString(), DATA + "constant_24000.csv").exit())
                .isZero();
        String text = Files.readString(saved);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, text.replace("constant(3e-4)", "constant(3e-4"));
        assertOneLineError(run("predict", broken.toString(), "--schedule", "constant(3e-4)", "--steps", "100"),
                "schedule of run \"constant_24000\"");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, text.replace("\"decay_factor\"", "\"decay\""));
        assertOneLineError(run("predict", unknown.toString(), "--schedule", "constant(3e-4)", "--steps", "100"),
                "has no setting 'decay'");
        assertOneLineError(run("predict", saved.toString(), "--params", PUBLISHED_25M, "--schedule", "constant(1)",
                "--steps", "10"), "give one of FIT.json, --fit and --params");
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
    void stepsAreWrittenAsResearchersWriteThem() {
        String[] head = {"predict", "--params", PUBLISHED_25M, "--schedule", "warmup(2160)+constant(3e-4)", "--steps"};
        Run plain = run(concat(head, "72000"));
        assertThat(plain.exit()).isZero();
        assertThat(run(concat(head, "7.2e4")).out()).isEqualTo(plain.out());
        assertThat(run(concat(head, "72k")).out()).isEqualTo(plain.out());
        Run fraction = run(concat(head, "2.5"));
        assertThat(fraction.exit()).isEqualTo(2);
        assertThat(fraction.err()).contains("'2.5' is not a whole, positive number of steps").doesNotContain("Exception");
        assertThat(run(concat(head, "3e9")).err()).contains("3e9 steps is more than slaw predicts");
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
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
                "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)", "--every", "1000", "--csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        String[] lines = csv.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("schedule,step,lr,loss");
        assertThat(lines).hasSize(1 + 24);
        assertThat(lines[24]).contains(",23999,");
        Run json = run("predict", "--params", PUBLISHED_25M, "--schedule", "warmup(2160)+constant(3e-4)",
                "--steps", "5000", "--every", "2500", "--format", "json");
        assertThat(json.out()).contains("\"final_loss\" : ", "\"step\" : 2500,", "\"lr\" : 3.0E-4,");
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

    @Test
    void aLossThatIsNotPositiveIsNamedByFileAndRow(@TempDir Path dir) throws IOException {
        Path curve = dir.resolve("cosine_24000.csv");
        Files.writeString(curve, "step,loss\n3000,3.9\n4000,0\n5000,3.7\n6000,3.6\n7000,3.55\n8000,3.5\n9000,3.45\n");
        assertOneLineError(run("fit", "--law", "lr-annealing", curve.toString()),
                curve + ": row 3, column \"loss\": 0.0 is not a positive loss (residuals are taken on log loss)");
    }

    private static void assertOneLineError(Run r, String message) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }
}
