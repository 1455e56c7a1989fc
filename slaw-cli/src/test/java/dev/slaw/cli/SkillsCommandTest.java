package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code slaw skills}: latent skills (law skills-K, per-level parameters of family and benchmark)
 * on Ruan et al.'s table of base models, one family left out at a time. The numbers are slaw's
 * own (its fit from the catalogue's single start); see docs/downstream.md for the whole table.
 */
class SkillsCommandTest {
    private static final String TABLE = "../examples/obsscaling/base_llm_benchmark_eval.csv";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "skills";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void pythiaAndOptArePredictedFromTheirSmallestModel() throws Exception {
        Run r = run(TABLE, "--skills", "1", "--leave-out-family", "Pythia,OPT", "--threads", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("law").asText()).isEqualTo("skills-1");
        assertThat(root.get("models").asInt()).isEqualTo(123);
        assertThat(root.get("rows").asInt()).isEqualTo(963);
        assertThat(root.get("models_without_size_or_tokens")).hasSize(25);
        JsonNode pythia = root.get("held_out").get(0);
        JsonNode opt = root.get("held_out").get(1);
        assertThat(pythia.get("family").asText()).isEqualTo("Pythia");
        assertThat(opt.get("family").asText()).isEqualTo("OPT");
        assertThat(pythia.get("anchor").asText()).isEqualTo("EleutherAI/pythia-70m-deduped");
        assertThat(pythia.get("held_out_models")).hasSize(7);
        assertThat(pythia.get("mean_absolute_error").asDouble()).isCloseTo(0.0229, within(0.0005));
        assertThat(pythia.get("mean_absolute_error_largest").asDouble()).isCloseTo(0.034, within(0.0005));
        assertThat(opt.get("anchor").asText()).isEqualTo("facebook/opt-125m");
        assertThat(opt.get("mean_absolute_error").asDouble()).isCloseTo(0.055, within(0.0005));
        assertThat(root.get("mean_absolute_error").asDouble()).isCloseTo(
                (pythia.get("mean_absolute_error").asDouble() + opt.get("mean_absolute_error").asDouble()) / 2, within(1e-12));
    }

    @Test
    void theTextNamesTheFloorsTheAnchorAndTheLeftOutModels() {
        Run r = run(TABLE, "--leave-out-family", "Pythia", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("guessing floors: MMLU 0.25, ARC-C 0.25, HellaSwag 0.25, Winograd 0.5")
                .contains("left out 25 models without a size or token count")
                .contains("Pythia  EleutherAI/pythia-70m-deduped  7          0.023  0.034")
                .contains("mean absolute error over 1 families: 0.0229 (2.29 points)");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Run unknown = run(TABLE, "--leave-out-family", "Nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("--leave-out-family Nope: no such family");
        Run single = run(TABLE, "--leave-out-family", "TinyLlama");
        assertThat(single.code()).isEqualTo(2);
        assertThat(single.err()).contains("the family has one model");
        Run three = run(TABLE, "--skills", "3");
        assertThat(three.code()).isEqualTo(2);
        assertThat(three.err()).contains("--skills must be 1 or 2");
        Run column = run(TABLE, "--family", "Lineage");
        assertThat(column.code()).isEqualTo(2);
        assertThat(column.err().strip()).doesNotContain("\n").contains("no text column 'Lineage'");
        Run floor = run(TABLE, "--benchmarks", "MMLU,FLOPs (1E21)");
        assertThat(floor.code()).isEqualTo(2);
        assertThat(floor.err()).contains("benchmark FLOPs (1E21) has no guessing floor");
        assertThat(unknown.out() + single.out() + three.out() + column.out() + floor.out()).isEmpty();
    }
}
