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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slaw curve bootstrap} and {@code slaw curve validate} on the multi-power example runs
 * (the LR-annealing law, which refits in milliseconds, and few replicates, to keep them fast).
 */
class CurveUncertaintyCommandTest {
    private static final String DATA = "../examples/multipower/csv_25/";
    private static final String[] RUNS = {DATA + "cosine_24000.csv", DATA + "constant_24000.csv",
            DATA + "wsdcon_9.csv"};
    private static final String SCHEDULE = "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=72000)";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("curve"));
        line.addAll(List.of(args));
        line.addAll(List.of("--law", "lr-annealing", "--replicates", "20"));
        int exit = Main.run(line.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] withRuns(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RUNS));
        return all.toArray(new String[0]);
    }

    @Test
    void bootstrapSaysItResamplesBlocksAndGivesTheFinalLossOfASchedule() throws IOException {
        Run text = run(withRuns("bootstrap", "--schedule", SCHEDULE));
        assertThat(text.exit()).as(text.err()).isZero();
        // 437 rows over 3 runs: blocks of ceil(sqrt(145.7)) = 13 rows
        assertThat(text.out()).contains("moving blocks of 13 consecutive rows within each run", "20 of 20 refitted",
                "loss@71999 " + SCHEDULE);
        JsonNode tree = new ObjectMapper().readTree(run(withRuns("bootstrap", "--schedule", SCHEDULE, "--json")).out());
        assertThat(tree.at("/options/resampling").asText()).isEqualTo("blocks");
        assertThat(tree.at("/options/block_rows").asInt()).isEqualTo(13);
        JsonNode finalLoss = tree.at("/derived/0");
        assertThat(finalLoss.get("lower").asDouble()).isLessThan(finalLoss.get("estimate").asDouble())
                .isGreaterThan(3.1);
        assertThat(finalLoss.get("upper").asDouble()).isGreaterThan(finalLoss.get("estimate").asDouble()).isLessThan(3.3);
    }

    @Test
    void blocksOfStepsGiveWiderIntervalsThanSingleSteps() throws IOException {
        ObjectMapper json = new ObjectMapper();
        double rows = json.readTree(run(withRuns("bootstrap", "--json", "--block-rows", "1")).out())
                .at("/parameters/0/standard_error").asDouble();
        double blocks = json.readTree(run(withRuns("bootstrap", "--json")).out())
                .at("/parameters/0/standard_error").asDouble();
        // neighbouring steps share their misfit: single steps treat them as independent
        assertThat(blocks).isGreaterThan(2 * rows);
    }

    @Test
    void blocksAreStretchesOfStepsWhateverTheOrderOfTheFile(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(DATA + "cosine_24000.csv"));
        List<String> reversed = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.reverse(reversed);
        reversed.add(0, lines.get(0));
        Path shuffled = dir.resolve("cosine_24000.csv");
        Files.write(shuffled, reversed);
        Run inOrder = run("bootstrap", "--json", DATA + "cosine_24000.csv");
        Run backwards = run("bootstrap", "--json", shuffled.toString());
        assertThat(backwards.exit()).as(backwards.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(backwards.out()).get("parameters"))
                .isEqualTo(json.readTree(inOrder.out()).get("parameters"));
    }

    @Test
    void validateScoresAHeldOutRun() throws IOException {
        Run text = run(withRuns("validate", "--holdout", "wsdcon_9"));
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("'run == \"wsdcon_9\"': 95 rows held out, 342 fitted", "R-squared", "NMSE",
                "NMAE");
        JsonNode summary = new ObjectMapper().readTree(run(withRuns("validate", "--holdout", "wsdcon_9", "--json")).out())
                .get("summary");
        assertThat(summary.get("r_squared").asDouble()).isGreaterThan(0.9);
        assertThat(summary.get("nmse").isNumber()).isTrue();
    }

    @Test
    void validateScoresTheStepsAfterAPoint() {
        Run csv = run(withRuns("validate", "--holdout-after", "12000", "--csv"));
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains("step", "loss", "predicted");
        // every row after step 12000 of the three runs, and the header
        assertThat(csv.out().lines().count()).isEqualTo(206);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (Run r : List.of(run(withRuns("validate", "--holdout", "nope")),
                run(withRuns("validate", "--holdout", "wsdcon_9", "--holdout-after", "100")),
                run(withRuns("validate", "--holdout-after", "-1")),
                run(withRuns("bootstrap", "--block-rows", "0")),
                run(withRuns("bootstrap", "--schedule", "constant(3e-4)")),
                run(withRuns("bootstrap", "--first-step", "99999")))) {
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        }
    }
}
