package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** slaw validate end to end: held-out rows, their intervals and scores, and the bad-input paths. */
class ValidateCommandTest {
    private static final String LADDER = Path.of("..", "examples", "misfitting", "scaling_results_last_ckpt_only.csv")
            .toString();

    @Test
    void flagsAShapeChangeThatOnlyTheHeldOutRowsShow() throws Exception {
        // 4-digit addition: flat, then a sharp break near 570; holding out from 500 leaves the fit only the flat
        // part, so its own warning cannot see the break, but the trend over all rows does
        String fixture = Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv").toString();
        String[] args = {"validate", fixture, "--law", "power-offset", "--map", "x=train_set_size", "--target",
                "test_cross_entropy", "--holdout", "x >= 500", "--replicates", "20"};
        FitCommandTest.Result r = FitCommandTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("extrapolation unreliable");
        assertThat(r.out()).contains("    trend        all 17 rows, held out too: extrapolation unreliable: "
                + "test_cross_entropy across x is emergent");
        String[] asJson = java.util.Arrays.copyOf(args, args.length + 1);
        asJson[args.length] = "--json";
        JsonNode json = new ObjectMapper().readTree(FitCommandTest.run(asJson).out());
        assertThat(json.get("trend_warnings").get(0).asText()).startsWith("extrapolation unreliable: ");
    }

    @Test
    void flagsAShapeChangeInTheGroupWhoseHeldOutRowsShowIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // group "addition" is the emergent 4-digit-addition task; group "smooth" a plain power law on the same sizes
        java.util.List<String> lines = java.nio.file.Files.readAllLines(
                Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv"));
        StringBuilder table = new StringBuilder("train_set_size,test_cross_entropy,task\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double x = Double.parseDouble(f[0]);
            table.append(f[0]).append(',').append(f[1]).append(",addition\n");
            table.append(f[0]).append(',').append(1.5 + 20 * Math.pow(x, -0.5)).append(",smooth\n");
        }
        Path data = dir.resolve("two-tasks.csv");
        java.nio.file.Files.writeString(data, table);
        FitCommandTest.Result r = FitCommandTest.run("validate", data.toString(), "--law", "power-offset", "--map",
                "x=train_set_size", "--target", "test_cross_entropy", "--group", "task", "--holdout", "x >= 500",
                "--replicates", "20");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: group task=addition, all rows: extrapolation unreliable: "
                + "test_cross_entropy across x is emergent").doesNotContain("task=smooth, all rows");
    }

    @Test
    void holdsOutTheLargeModelsAndReportsEveryHeldOutRowAsJson() throws Exception {
        FitCommandTest.Result r = FitCommandTest.run("validate", LADDER, "--law", "chinchilla", "--starts", "lhs:64",
                "--holdout", "N >= 5e8", "--replicates", "40", "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("held_out_rows").asInt()).isEqualTo(17);
        assertThat(json.get("training_rows").asInt()).isEqualTo(244);
        assertThat(json.get("rows")).hasSize(17);
        JsonNode row = json.get("rows").get(0);
        for (String field : new String[]{"row", "N", "D", "observed", "predicted", "confidence_lower",
                "confidence_upper", "prediction_lower", "prediction_upper", "relative_error", "prediction_covers"}) {
            assertThat(row.has(field)).as(field).isTrue();
        }
        assertThat(row.get("prediction_lower").asDouble()).isLessThanOrEqualTo(row.get("confidence_lower").asDouble());
        JsonNode summary = json.get("summary");
        assertThat(summary.get("mean_relative_error").asDouble()).isBetween(0.0, 0.1);
        assertThat(summary.get("prediction_coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("bootstrap").get("successful").asInt()).isEqualTo(40);
        assertThat(json.get("fit").get("slaw_fit").asInt()).isEqualTo(1);
    }

    @Test
    void leavesTheLargestModelOutByDefaultAndPrintsATable() {
        FitCommandTest.Result r = FitCommandTest.run("validate", LADDER, "--law", "chinchilla", "--starts", "lhs:64",
                "--leave-largest-out", "--replicates", "20", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the largest N: 5 rows held out, 256 fitted", "95% prediction", "coverage");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "N >=         | at position",
            "N > 1e30     | holds out none of the 261 rows",
            "N > 0        | holds out all 261 rows",
            "M > 3        | unknown name 'M'"})
    void aBadHoldoutIsOneLineAndExitTwo(String holdout, String message) {
        FitCommandTest.Result r = FitCommandTest.run("validate", LADDER, "--law", "chinchilla", "--starts", "lhs:8",
                "--holdout", holdout, "--replicates", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void needsExactlyOneWayOfHoldingOut() {
        FitCommandTest.Result r = FitCommandTest.run("validate", LADDER, "--law", "chinchilla");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        FitCommandTest.Result both = FitCommandTest.run("validate", LADDER, "--law", "chinchilla", "--holdout", "N > 1e9",
                "--leave-largest-out", "N");
        assertThat(both.code()).isEqualTo(2);
    }
}
