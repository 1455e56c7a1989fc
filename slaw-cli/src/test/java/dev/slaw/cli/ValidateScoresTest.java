package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scores `validate` reports, and its rollout, on real ladders. */
class ValidateScoresTest {
    private static final String MISFITTING = Path.of("..", "examples", "misfitting",
            "scaling_results_last_ckpt_only.csv").toString();
    private static final String OLMO = Path.of("..", "examples", "olmo-ladder", "final_c4_losses.csv").toString();

    @Test
    void heldOutRowsAreScoredByRSquaredNmseAndNmaePooled() throws Exception {
        FitCommandTest.Result r = FitCommandTest.run("validate", MISFITTING, "--law", "chinchilla", "--holdout",
                "N >= 5e8", "--replicates", "20", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode summary = json.get("summary");
        // the same figures recomputed from the rows printed beside them
        double mean = 0;
        int n = json.get("rows").size();
        for (JsonNode row : json.get("rows")) {
            mean += row.get("observed").asDouble() / n;
        }
        double se = 0;
        double ae = 0;
        double var = 0;
        double dev = 0;
        for (JsonNode row : json.get("rows")) {
            double y = row.get("observed").asDouble();
            double e = row.get("predicted").asDouble() - y;
            se += e * e;
            ae += Math.abs(e);
            var += (y - mean) * (y - mean);
            dev += Math.abs(y - mean);
        }
        assertThat(summary.get("rows_scored").asInt()).isEqualTo(17);
        assertThat(summary.get("nmse").asDouble()).isCloseTo(se / var, within(1e-12));
        assertThat(summary.get("r_squared").asDouble()).isCloseTo(1 - se / var, within(1e-12));
        assertThat(summary.get("nmae").asDouble()).isCloseTo(ae / dev, within(1e-12));
        // the 523M and 1.2B runs from the fit below 500M parameters
        assertThat(summary.get("r_squared").asDouble()).isCloseTo(0.7547, within(0.002));
        assertThat(summary.get("nmse").asDouble()).isCloseTo(0.2453, within(0.002));
        assertThat(summary.get("nmae").asDouble()).isCloseTo(0.3813, within(0.002));

        FitCommandTest.Result text = FitCommandTest.run("validate", MISFITTING, "--law", "chinchilla", "--holdout",
                "N >= 5e8", "--replicates", "20");
        assertThat(text.out()).contains("scores           R-squared 0.75", "(pooled over 17 rows)");
    }

    @Test
    void aHoldoutComparesTextColumnsToText() throws Exception {
        // the 400M and 1B models by name are the rows with N >= 5e8 (embeddings counted)
        FitCommandTest.Result r = FitCommandTest.run("validate", MISFITTING, "--law", "chinchilla", "--holdout",
                "model == \"misfitting_1b\" || model == 'misfitting_400m'", "--replicates", "20", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("held_out_rows").asInt()).isEqualTo(17);
        assertThat(json.get("holdout").asText()).isEqualTo("'model == \"misfitting_1b\" || model == 'misfitting_400m''");
        assertThat(json.get("summary").get("r_squared").asDouble()).isCloseTo(0.7547, within(0.002));

        FitCommandTest.Result wrong = FitCommandTest.run("validate", MISFITTING, "--law", "chinchilla", "--holdout",
                "N == \"misfitting_1b\"");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("column 'N' holds numbers; compare it to a number, not to text");
    }

    @Test
    void aRolloutFitsTheSmallestScalesAndScoresTheLargerOnesForEveryK() throws Exception {
        FitCommandTest.Result text = FitCommandTest.run("validate", OLMO, "--law", "chinchilla", "--rollout");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("[[Rollout over N]]", "k = 1 not fitted: one value of N shows no trend in N");

        JsonNode json = new ObjectMapper().readTree(FitCommandTest.run("validate", OLMO, "--law", "chinchilla",
                "--rollout", "N", "--json").out());
        JsonNode steps = json.get("steps");
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).get("failure").asText()).isEqualTo("one value of N shows no trend in N");
        assertThat(steps.get(2).get("warnings").toString()).contains("standard errors withheld");
        // k = 3: fitted on 190M-760M, scored on the 1B and 3B runs (10 rows)
        JsonNode three = steps.get(2);
        assertThat(three.get("training_rows").asInt()).isEqualTo(15);
        assertThat(three.get("larger").get("rows_scored").asInt()).isEqualTo(10);
        assertThat(three.get("larger").get("r_squared").asDouble()).isCloseTo(0.963, within(0.003));
        assertThat(three.get("larger").get("nmse").asDouble()).isCloseTo(0.0368, within(0.003));
        assertThat(three.get("larger").get("nmae").asDouble()).isCloseTo(0.207, within(0.005));
        assertThat(three.get("next").get("rows_scored").asInt()).isEqualTo(5);
        assertThat(three.get("next").get("mean_relative_error").asDouble()).isCloseTo(0.0067, within(0.0005));
        // two sizes extrapolate worse than three
        assertThat(steps.get(1).get("larger").get("r_squared").asDouble())
                .isLessThan(three.get("larger").get("r_squared").asDouble());
    }
}
