package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 14, must-show 3: {@code slaw observe} on the authors' base-model table with their
 * cutoff (84e21 FLOPs, Llama-2 7B) reruns Ruan et al. 2024's protocol (their
 * {@code utils/data.py} at ryoungj/ObsScaling 43dad325: rank-1 imputation on standardised
 * scores, 3 unstandardised principal components of the other benchmarks, the fixed-height
 * sigmoid with floor in [0, 0.2] by least squares, test MSE). The paper quotes its held-out
 * errors only inside figures, for other tables (docs/reference.md section 5), so the numbers
 * here are the held-out MSEs of a numpy rerun of the authors' steps on this table (reference
 * section 5, one row per target). Tolerance 1e-5 absolute: the link's two end points are two
 * optimisers' stops in a flat valley (they differ by at most 1.1e-6); a change of protocol
 * (standardising before the PCA, another imputation rank, 2 components) moves the error by
 * 1e-4 or more.
 */
class ObservationalGoldenTest {
    static final String TABLE = "../examples/obsscaling/base_llm_benchmark_eval.csv";

    /** target -> held-out MSE of the numpy rerun, models fitted, models held out. */
    private static final Map<String, double[]> RERUN = new LinkedHashMap<>();

    static {
        RERUN.put("MMLU", new double[]{0.0075673238, 77, 46});
        RERUN.put("ARC-C", new double[]{0.0011207656, 77, 43});
        RERUN.put("HellaSwag", new double[]{0.0013694474, 77, 46});
        RERUN.put("Winograd", new double[]{0.0017191670, 77, 46});
        RERUN.put("TruthfulQA", new double[]{0.0049431078, 77, 46});
        RERUN.put("GSM8K", new double[]{0.0141902518, 77, 46});
        RERUN.put("XWinograd", new double[]{0.0063624319, 74, 42});
        RERUN.put("HumanEval", new double[]{0.0427618027, 72, 40});
    }

    static JsonNode observe(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void thePapersCutoffSetupGivesTheRerunsHeldOutErrorForEveryTarget() throws Exception {
        for (Map.Entry<String, double[]> e : RERUN.entrySet()) {
            JsonNode r = observe("observe", TABLE, "--target", e.getKey(), "--json", "--threads", "1");
            String what = e.getKey();
            assertThat(r.get("cutoff").asDouble()).isEqualTo(84.0);
            assertThat(r.get("components").asInt()).isEqualTo(3);
            assertThat(r.get("predictors")).hasSize(7);
            assertThat(r.get("fitted_models").asInt()).as(what).isEqualTo((int) e.getValue()[1]);
            assertThat(r.get("held_out").size()).as(what).isEqualTo((int) e.getValue()[2]);
            assertThat(r.get("held_out_mean_squared_error").asDouble()).as(what + " held-out MSE")
                    .isCloseTo(e.getValue()[0], within(1e-5));
        }
    }

    @Test
    void theComponentsAndTheEfficienciesArePrinted() throws Exception {
        JsonNode r = observe("observe", TABLE, "--target", "GSM8K", "--json");
        JsonNode pc1 = r.get("loadings").get(0);
        assertThat(pc1.get("component").asText()).isEqualTo("PC1");
        assertThat(pc1.get("explained_variance").asDouble()).isCloseTo(0.712, within(0.001));
        JsonNode hellaswag = pc1.get("loadings").get(2);
        assertThat(hellaswag.get("benchmark").asText()).isEqualTo("HellaSwag");
        assertThat(hellaswag.get("loading").asDouble()).isCloseTo(0.691, within(0.001));
        assertThat(r.get("efficiencies").size()).isGreaterThan(20);
        assertThat(r.get("models_without_compute").asInt()).isEqualTo(25);
        // the baseline, a sigmoid in log10 compute alone, does four times worse on GSM8K
        assertThat(r.get("compute_only_held_out_mean_squared_error").asDouble()).isCloseTo(0.0634, within(0.001));
        // the BTLM row's token count is in billions, not trillions: named
        assertThat(r.get("warnings").toString()).contains("btlm-3b-8k-base");
    }

    @Test
    void badInputIsOneLineAndExitTwoWithNothingWritten(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        String[][] bad = {
                {"observe", TABLE, "--target", "BBH"},
                {"observe", TABLE, "--target", "GSM8K", "--cutoff", "1e9"},
                {"observe", TABLE, "--target", "GSM8K", "--cutoff", "0.001"},
                {"observe", TABLE, "--target", "GSM8K", "--components", "8"},
                {"observe", TABLE, "--target", "GSM8K", "--components", "0"},
                {"observe", TABLE, "--target", "GSM8K", "--family-column", "Model"},
                {"observe", TABLE, "--target", "GSM8K", "--compute-column", "Flops"},
                {"observe", TABLE, "--target", "GSM8K", "--json", "--csv"},
        };
        for (String[] args : bad) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
            String what = String.join(" ", args);
            assertThat(code).as(what + ": " + e).isEqualTo(2);
            assertThat(e.toString().strip()).as(what).doesNotContain("\n").startsWith("slaw observe:");
            assertThat(o.toString()).as(what).isEmpty();
        }
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aTargetThatComputeAlonePredictsBetterIsWarnedAbout() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[]{"observe", TABLE, "--target", "HumanEval"}, new PrintWriter(o, true),
                new PrintWriter(e, true));
        assertThat(code).as(e.toString()).isZero();
        assertThat(o.toString()).contains("warning: compute alone predicts the held-out HumanEval scores better");
    }
}
