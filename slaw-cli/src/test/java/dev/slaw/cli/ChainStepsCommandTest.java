package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw chain --step1, --step2, --single-step}: each step choice fits, chains and bootstraps. */
class ChainStepsCommandTest {
    private static final String LADDER = "../examples/olmo-ladder/data/ladder-runs";

    private static JsonNode run(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("chain", LADDER, "--protocol", "bhagia-2024", "--tasks",
                "piqa_val_5shot", "--json"));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void theTableShowsEachFitsWarningsNotOnlyTheJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"chain", LADDER, "--tasks", "piqa_val_5shot"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        // with defaults, piqa's step 2 pushes b onto its bound: the reader of the table must see it
        assertThat(out.toString()).contains("fit warnings").contains("piqa_val_5shot, step 2: b = 1.0 sits on its bound");
        // --json keeps them together under fit_warnings; a CSV table has no place for them: standard error says them
        JsonNode warnings = run().get("fit_warnings");
        assertThat(warnings.toString()).contains("piqa_val_5shot, step 2: ");
        StringWriter csv = new StringWriter();
        StringWriter csvErr = new StringWriter();
        code = Main.run(new String[] {"chain", LADDER, "--tasks", "piqa_val_5shot", "--csv"}, new PrintWriter(csv, true),
                new PrintWriter(csvErr, true));
        assertThat(code).as(csvErr.toString()).isZero();
        assertThat(csv.toString()).doesNotContain("warning");
        assertThat(csvErr.toString()).contains("slaw chain: warning: piqa_val_5shot, step 2: b = 1.0 sits on its bound");
    }

    @Test
    void theTargetsDistanceBeyondTheLaddersRunsIsSaid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // the full ladder's largest run is 1.3e9 parameters: the 13B target is 10x beyond it
        assertThat(run().get("fit_warnings").toString())
                .contains("step 1: extrapolated: N = 1.32024e10 is 10x the largest N fitted, 1.2794e9");
        // two sizes of the ladder only (190M, 370M): 36x, and said in the table
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(java.nio.file.Path.of(LADDER).resolve("../../configs/final.json").toFile());
        config.remove(List.of("760M", "1.3B"));
        java.nio.file.Path small = dir.resolve("final.json");
        json.writeValue(small.toFile(), config);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"chain", LADDER, "--config", small.toString(), "--tasks", "piqa_val_5shot"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("from 8 runs")
                .contains("step 1: extrapolated: N = 1.32024e10 is 36x the largest N fitted, 3.71262e8 (the data cover 1.90354e8 to 3.71262e8)")
                .contains("step 1: extrapolated: D = 5.00009e12 is 67x the largest D fitted");
    }

    @Test
    void computeFitsPowerOffsetInSixNDAndKeepsTheSameStepTwo() throws Exception {
        JsonNode root = run("--step1", "compute");
        JsonNode chinchilla = run().get("tasks").get(0);
        JsonNode t = root.get("tasks").get(0);
        assertThat(root.get("step1").asText()).isEqualTo("compute");
        assertThat(root.get("protocol").asText()).isEqualTo("bhagia-2024, changed");
        assertThat(t.get("loss_fit").toString()).contains("power-offset");
        assertThat(t.get("loss_predicted").asDouble()).isCloseTo(0.8788, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(t.get("accuracy_at_actual_loss").asDouble()).isEqualTo(chinchilla.get("accuracy_at_actual_loss").asDouble());
    }

    @Test
    void lossToLossChainsThroughTheUpstreamLossWithItsIrreducibleLossFromStepOne() throws Exception {
        JsonNode root = run("--step1", "loss-to-loss:c4_en-validation");
        JsonNode t = root.get("tasks").get(0);
        assertThat(root.get("upstream_loss").asText()).isEqualTo("c4_en-validation");
        assertThat(t.has("transfer_fit")).isTrue();
        assertThat(t.get("transfer_fit").toString()).contains("loss-to-loss");
        assertThat(t.get("loss_predicted").asDouble()).isBetween(0.8, 0.95);
        assertThat(t.get("chained_error").asDouble()).isLessThan(0.05);
        // step 1's first fit puts the 13B model's C4 loss 3.8 % low; the loss-to-loss map makes up for part of it
        assertThat(t.get("upstream_loss_predicted").asDouble() / t.get("upstream_loss_actual").asDouble())
                .isBetween(0.95, 0.98);
    }

    @Test
    void errorExpModelsTheErrorAndTheTablePrintsAccuracy() throws Exception {
        JsonNode t = run("--step2", "error-exp").get("tasks").get(0);
        assertThat(t.get("accuracy_fit").toString()).contains("error-exp");
        // accuracy, not error: piqa's 13B accuracy is 0.83
        assertThat(t.get("accuracy_chained").asDouble()).isBetween(0.75, 0.9);
        assertThat(t.get("accuracy_at_actual_loss").asDouble()).isBetween(0.75, 0.9);
    }

    @Test
    void singleStepIsPrintedBesideTheChainAndDoesNotChangeIt() throws Exception {
        JsonNode root = run("--single-step");
        JsonNode t = root.get("tasks").get(0);
        assertThat(root.get("protocol").asText()).isEqualTo("bhagia-2024");
        assertThat(t.get("accuracy_single_step").asDouble()).isBetween(0.75, 0.9);
        assertThat(t.get("single_step_error").asDouble()).isLessThan(0.05);
        assertThat(t.get("accuracy_chained").asDouble()).isEqualTo(run().get("tasks").get(0).get("accuracy_chained").asDouble());
        assertThat(root.has("mean_single_step_error")).isTrue();
    }

    @Test
    void theJointBootstrapRefitsEveryStepOfALossToLossChainOnAnyThreadCount() throws Exception {
        JsonNode one = run("--step1", "loss-to-loss:c4_en-validation", "--step2", "error-exp", "--replicates", "30",
                "--threads", "1").get("tasks").get(0).get("chained_interval");
        JsonNode two = run("--step1", "loss-to-loss:c4_en-validation", "--step2", "error-exp", "--replicates", "30",
                "--threads", "2").get("tasks").get(0).get("chained_interval");
        assertThat(one.get("failed_replicates").asInt()).isZero();
        assertThat(one.get("lower").asDouble()).isLessThan(one.get("upper").asDouble());
        assertThat(two).isEqualTo(one);
    }
}
