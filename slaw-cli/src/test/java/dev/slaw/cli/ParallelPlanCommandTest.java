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

/** {@code slaw plan FIT --streams P,...}: parallel streams against parameters (ParScale, Chen et al. 2025). */
class ParallelPlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFitOfTheAuthorsRunsPlansStreamsForAGivenModelAndForATargetLoss() throws IOException {
        Path fit = dir.resolve("parscale.json");
        PlanCommandTest.Result r = run("fit", "../examples/parscale/losses.csv", "--law", "parscale", "--target", "loss",
                "--group", "dataset", "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isZero();

        r = run("plan", fit.toString(), "dataset=stack-v2-python", "--streams", "1,2,4,8", "--parameters", "2.8e9");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4   1.0155   4.327e+09 (1.55x)").doesNotContain("warning");

        r = run("plan", fit.toString(), "dataset=pile", "--streams", "1,16", "--target-loss", "1.8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.get("streams").get(0).get("parameter_count").asDouble()).isCloseTo(6.016e9, within(1e7));
        // P = 16 and the single stream's 6e9 parameters both lie beyond the runs fitted: said, not hidden
        assertThat(plan.get("fit_warnings").toString()).contains("P = 16 is 2.0x the largest P fitted",
                "the largest N fitted");
    }

    @Test
    void badRequestsExitTwoWithOneLine() {
        PlanCommandTest.Result r = run("plan", "--law", "parscale", "--set", "E=0.69", "--set", "A=0.0113",
                "--set", "k=0.39", "--set", "alpha=0.19", "--streams", "1,2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either --parameters N", "or --target-loss L");
        r = run("plan", "--law", "chinchilla", "--set", "E=1.69", "--set", "A=406.4", "--set", "B=410.7",
                "--set", "alpha=0.34", "--set", "beta=0.28", "--streams", "1,2", "--parameters", "1e9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("needs a law in N (non-embedding parameters) and P");
    }

    @Test
    void aLawAtGivenValuesWarnsBeyondTheAuthorsRuns() {
        PlanCommandTest.Result r = run("plan", "--law", "parscale", "--set", "E=0.69", "--set", "A=0.0113",
                "--set", "k=0.39", "--set", "alpha=0.19", "--streams", "1,2,4", "--parameters", "7e10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("the largest N fitted", "(the runs Chen et al. fitted)");
    }
}
