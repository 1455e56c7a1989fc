package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 14, must-show 1: {@code slaw chain --protocol bhagia-2024} on the project's copy of the
 * OLMo ladder reproduces Bhagia et al. 2024's main table for the 13B model (the published
 * {@code figures/step1_main.csv}, {@code step2_main.csv}, {@code chained_main.csv}; REFERENCE.md
 * section 6): step-1 bpb within 0.5 %, step-2 and chained accuracies within 0.005, all 8 tasks.
 */
class ChainGoldenTest {
    private static final String LADDER = "../examples/olmo-ladder/data/ladder-runs";

    /** task -> bpb actual, step-1 pred, step-2 pred, chained pred, acc actual (the paper's). */
    private static final Map<String, double[]> PAPER = new LinkedHashMap<>();

    static {
        PAPER.put("mmlu_avg_test_5shot", new double[]{0.748827, 0.750156, 0.513756, 0.512680, 0.516140});
        PAPER.put("hellaswag_val_5shot", new double[]{0.660934, 0.653177, 0.841567, 0.853036, 0.831906});
        PAPER.put("arc_challenge_test_5shot", new double[]{0.715725, 0.783324, 0.603024, 0.526710, 0.638055});
        PAPER.put("arc_easy_test_5shot", new double[]{0.511391, 0.593105, 0.819384, 0.772416, 0.871717});
        PAPER.put("piqa_val_5shot", new double[]{0.898789, 0.874795, 0.807461, 0.820804, 0.829597});
        PAPER.put("csqa_val_5shot", new double[]{0.811583, 0.661728, 0.717276, 0.776089, 0.741032});
        PAPER.put("socialiqa_val_5shot", new double[]{0.956851, 0.991574, 0.633747, 0.599482, 0.615967});
        PAPER.put("openbookqa_test_5shot", new double[]{1.263199, 1.275007, 0.457223, 0.448648, 0.486400});
    }

    @Test
    void theBhagiaProtocolReproducesThePapersThirteenBillionTable() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"chain", LADDER, "--protocol", "bhagia-2024", "--json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("runs").asInt()).isEqualTo(16);
        assertThat(root.get("target").asText()).isEqualTo("13B-5T");
        assertThat(root.get("target_d").asDouble()).isEqualTo(5_000_088_518_656.0);
        JsonNode tasks = root.get("tasks");
        assertThat(tasks).hasSize(8);
        for (JsonNode t : tasks) {
            String task = t.get("task").asText();
            double[] paper = PAPER.get(task);
            assertThat(paper).as(task).isNotNull();
            assertThat(t.get("loss_actual").asDouble()).as(task + " bpb actual").isCloseTo(paper[0], within(1e-6));
            assertThat(t.get("loss_predicted").asDouble() / paper[1] - 1).as(task + " step 1")
                    .isCloseTo(0, within(0.005));
            assertThat(t.get("accuracy_at_actual_loss").asDouble()).as(task + " step 2").isCloseTo(paper[2], within(0.005));
            assertThat(t.get("accuracy_chained").asDouble()).as(task + " chained").isCloseTo(paper[3], within(0.005));
            assertThat(t.get("accuracy_actual").asDouble()).as(task + " acc actual").isCloseTo(paper[4], within(1e-6));
        }
        assertThat(root.get("mean_chained_error").asDouble()).isCloseTo(0.0604, within(0.001));
    }

    @Test
    void aMissingConfigAndAnUnknownTaskAreBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"chain", LADDER, "--config", "no-such.json"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).contains("no-such.json").doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
        StringWriter err2 = new StringWriter();
        assertThat(Main.run(new String[]{"chain", LADDER, "--tasks", "boolq"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err2, true))).isEqualTo(2);
        assertThat(err2.toString()).contains("no task boolq");
    }
}
