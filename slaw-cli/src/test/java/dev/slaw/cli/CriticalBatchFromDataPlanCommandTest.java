package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.slaw.cli.PlanCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code slaw plan --hyperparameters zhang --tokens D}: Zhang et al.'s critical batch size from the data (reference s.20). */
class CriticalBatchFromDataPlanCommandTest {
    private static final String RUNS = Path.of("..", "examples", "critical-batch", "zhang-chinchilla.csv").toString();

    @TempDir
    Path dir;

    @Test
    void publishedConstantsForTheAuthorsThreeHundredMillionRunInTextAndJson() throws IOException {
        PlanCommandTest.Result r = run("plan", "--hyperparameters", "zhang", "--tokens", "6.144e9",
                "--sequence-length", "512");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("zhang-cbs: B = k * D^b at k = 18.05, b = 0.4682",
                "B_crit(D)            6.909e+05 tokens   = 1349 sequences of 512 tokens");
        assertThat(r.out()).doesNotContain("warning");
        r = run("plan", "--hyperparameters", "zhang", "--tokens", "2e12", "--batch-size", "4e6", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode h = new ObjectMapper().readTree(r.out()).get("critical_batch").get(0);
        assertThat(h.get("critical_batch_tokens").asDouble()).isCloseTo(1.0371e7, within(1e3));
        assertThat(h.get("batch_over_critical").asDouble()).isCloseTo(0.3857, within(1e-3));
        assertThat(h.get("warnings").get(0).asText()).contains("extrapolated: D = 2e12", "Zhang et al.");
    }

    /** A fit of zhang-cbs to the five runs of the authors' notebook plans in place of the constants, with its own reach. */
    @Test
    void aFitOfTheAuthorsRunsReplacesTheConstants() throws IOException {
        Path fit = dir.resolve("cbs.json");
        assertThat(run("fit", RUNS, "--law", "zhang-cbs", "--map", "D=tokens", "--target", "critical_batch_tokens",
                "--out", fit.toString()).code()).isZero();
        PlanCommandTest.Result r = run("plan", "--hyperparameters", "zhang", "--tokens", "1e11",
                "--critical-batch-fit", fit.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode h = new ObjectMapper().readTree(r.out()).get("critical_batch").get(0);
        assertThat(h.get("critical_batch_tokens").asDouble()).isCloseTo(2.55e6, within(1.5e5));
        assertThat(h.get("warnings").get(0).asText()).contains("extrapolated: D = 1e11", "largest D fitted")
                .doesNotContain("Zhang");
    }

    @Test
    void incompleteOrMixedRequestsExitTwoWithOneLine() {
        PlanCommandTest.Result r = run("plan", "--hyperparameters", "zhang");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--tokens");
        r = run("plan", "--hyperparameters", "zhang", "--tokens", "1e10", "--parameters", "1e9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not on --parameters");
        r = run("plan", "--hyperparameters", "zhang", "--tokens", "-1e10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }
}
