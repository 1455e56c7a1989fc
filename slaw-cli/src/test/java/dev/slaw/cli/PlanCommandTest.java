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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanCommandTest {
    /** Besiroglu et al. 2024's maximum-likelihood parameters (REFERENCE.md s.1). */
    static final String[] EPOCH = {"--law", "chinchilla", "--set", "E=1.8169", "--set", "A=482.01", "--set", "B=2085.43",
            "--set", "alpha=0.34781", "--set", "beta=0.36585"};

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static String[] epoch(String... more) {
        List<String> a = new ArrayList<>(List.of("plan"));
        a.addAll(List.of(EPOCH));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void computeOptimalPlanIsReadableOnATerminal() {
        Result r = run(epoch("--compute", "5.88e23"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Chinchilla closed form", "parameters N         7.312e+10",
                "tokens D             1.340e+12", "tokens per parameter 18.33");
    }

    @Test
    void jsonCarriesEveryPlanComplete() throws IOException {
        Result r = run(epoch("--compute", "5.88e23", "--frontier", "1e20:1e26:13", "--target-loss", "2.0", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode a = j.get("compute_optimal").get(0);
        assertThat(a.get("parameter_count").asDouble()).isCloseTo(7.31e10, within(7.31e8));
        assertThat(a.get("tokens_per_parameter").asDouble()).isCloseTo(18.3, within(0.183));
        assertThat(a.get("method").asText()).isEqualTo("closed-form");
        assertThat(j.get("frontier").get("rows")).hasSize(13);
        assertThat(j.get("target_loss").get("loss").asDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(j.get("parameters").get("alpha").asDouble()).isEqualTo(0.34781);
        assertThat(j.get("flop_model").asText()).isEqualTo("6*N*D");
    }

    @Test
    void inferenceAwarePlansShrinkTheModelAsDemandGrows() throws IOException {
        Result r = run(epoch("--target-loss", "2.1", "--inference-tokens", "0,1e12,1e13,1e14", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode plans = new ObjectMapper().readTree(r.out()).get("inference_aware");
        assertThat(plans).hasSize(4);
        for (int i = 1; i < 4; i++) {
            assertThat(plans.get(i).get("parameter_count").asDouble())
                    .isLessThan(plans.get(i - 1).get("parameter_count").asDouble());
        }
        assertThat(run(epoch("--target-loss", "2.1", "--inference-tokens", "1e13")).out())
                .contains("Inference-aware plans", "saved vs Chinchilla");
    }

    @Test
    void replicatesGiveIntervalsInTextAndJson() throws IOException {
        Path reps = dir.resolve("replicates.csv");
        StringBuilder csv = new StringBuilder("E,A,B,alpha,beta\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100; i++) {
            csv.append(1.8169 + 0.02 * random.nextGaussian()).append(",482.01,2085.43,")
                    .append(0.34781 + 0.01 * random.nextGaussian()).append(',')
                    .append(0.36585 + 0.01 * random.nextGaussian()).append('\n');
        }
        Files.writeString(reps, csv);
        Result text = run(epoch("--compute", "5.88e23", "--bootstrap", reps.toString()));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("95% percentile over 100 replicates").containsPattern("parameters N +7.312e\\+10  \\[");
        JsonNode j = new ObjectMapper().readTree(run(epoch("--compute", "5.88e23", "--bootstrap", reps.toString(),
                "--json")).out());
        JsonNode iv = j.get("compute_optimal").get(0).get("intervals");
        assertThat(iv.get("replicates").asInt()).isEqualTo(100);
        assertThat(iv.get("parameter_count").get("lower").asDouble()).isLessThan(7.31e10);
        assertThat(iv.get("parameter_count").get("upper").asDouble()).isGreaterThan(7.31e10);
    }

    @Test
    void dataConstrainedPlanRepeatsScarceData() throws IOException {
        Result r = run("plan", "--law", "data-constrained", "--set", "E=1.69", "--set", "A=406.4", "--set", "B=410.7",
                "--set", "alpha=0.34", "--set", "beta=0.28", "--set", "RD=15.4", "--set", "RN=5.3",
                "--compute", "1e23", "--unique-tokens", "1e11", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(r.out()).get("data_constrained").get(0);
        assertThat(p.get("epochs").asDouble()).isGreaterThan(1);
        assertThat(p.get("loss").asDouble()).isGreaterThan(p.get("unconstrained").get("loss").asDouble());
    }

    @Test
    void userFlopModelPlansNumerically() {
        Result r = run(epoch("--compute", "5.88e23", "--flops", "6*N*D + 6*n_layers*ctx*d_model*D",
                "--flops-constant", "n_layers=80", "--flops-constant", "ctx=4096", "--flops-constant", "d_model=8192"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("numeric search in log N", "n_layers = 80");
    }

    @Test
    void planWithASavedBootstrapAsReplicatesGivesIntervals() throws IOException {
        Path fit = dir.resolve("fit.json");
        Path boot = dir.resolve("boot.json");
        String[] recipe = {"../examples/chinchilla-epoch/svg_extracted_data.csv", "--law", "chinchilla",
                "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss",
                "--drop-highest", "loss=5", "--starts", "lhs:20:1"};
        assertThat(run(concat(new String[]{"fit"}, recipe, "--out", fit.toString())).code()).isZero();
        Result b = run(concat(new String[]{"bootstrap"}, recipe, "--replicates", "20", "--seed", "1", "--threads", "1",
                "--out", boot.toString()));
        assertThat(b.code()).as(b.err()).isZero();
        Result r = run("plan", fit.toString(), "--compute", "5.88e23", "--bootstrap", boot.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("replicates").asInt()).isEqualTo(20);
        assertThat(r.out()).contains("\"parameter_count\"", "\"lower\"", "\"upper\"");
    }

    @Test
    void replicatesWithoutTheLawsParametersAreAClearError() throws IOException {
        Path fit = dir.resolve("fit.json");
        assertThat(run("fit", "../examples/chinchilla-epoch/svg_extracted_data.csv", "--law", "chinchilla",
                "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss",
                "--drop-highest", "loss=5", "--starts", "lhs:20:1", "--out", fit.toString()).code()).isZero();
        Path table = dir.resolve("reps.csv");
        Files.writeString(table, "E,A,alpha\n1.8,400,0.33\n1.9,420,0.34\n");
        Result r = run("plan", fit.toString(), "--compute", "5.88e23", "--bootstrap", table.toString());
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("reps.csv: the replicates give no value of B, beta");
    }

    private static String[] concat(String[] head, String[] middle, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    @Test
    void planFromASavedFitFile() throws IOException {
        // a fit made by slaw fit, then planned with: the whole path a user takes
        Path fit = dir.resolve("fit.json");
        Result f = run("fit", "../examples/chinchilla-epoch/svg_extracted_data.csv", "--law", "chinchilla",
                "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss",
                "--drop-highest", "loss=5", "--starts", "lhs:40:1", "--out", fit.toString());
        assertThat(f.code()).as(f.err()).isZero();
        Result r = run("plan", fit.toString(), "--compute", "5.88e23", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // few starts (to keep the test fast) need not find the best fit: check the plan against
        // the closed form of whatever parameters the fit holds
        JsonNode p = j.get("parameters");
        double alpha = p.get("alpha").asDouble();
        double beta = p.get("beta").asDouble();
        double g = Math.pow(alpha * p.get("A").asDouble() / (beta * p.get("B").asDouble()), 1 / (alpha + beta));
        double n = g * Math.pow(5.88e23 / 6, beta / (alpha + beta));
        assertThat(j.get("law").asText()).isEqualTo("chinchilla");
        assertThat(j.get("closed_form").asBoolean()).isTrue();
        assertThat(j.get("compute_optimal").get(0).get("parameter_count").asDouble()).isCloseTo(n, within(1e-9 * n));
    }

    @Test
    void isoFlopAnalysisOfTheMisfittingLadderReportsExponentsWithIntervals() throws IOException {
        String data = "../examples/misfitting/scaling_results_last_ckpt_only.csv";
        Result text = run("plan", "isoflop", data, "--replicates", "200");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("IsoFLOP analysis", "N_opt = ", "D_opt = ", "bootstrap [", "t interval [");
        JsonNode j = new ObjectMapper().readTree(run("plan", "isoflop", data, "--replicates", "200", "--json").out());
        JsonNode a = j.get("parameter_law");
        assertThat(a.get("exponent").asDouble()).isBetween(0.2, 0.8);
        assertThat(a.get("bootstrap_interval").get("lower").asDouble()).isLessThan(a.get("exponent").asDouble());
        assertThat(a.get("regression_interval").get("upper").asDouble()).isGreaterThan(a.get("exponent").asDouble());
        assertThat(j.get("token_law").get("exponent").asDouble() + a.get("exponent").asDouble()).isCloseTo(1, within(1e-9));
        assertThat(j.get("groups").size()).isGreaterThan(3);
        assertThat(j.get("at").get("tokens_per_parameter").asDouble()).isPositive();
    }

    @Test
    void isoFlopOfCheckpointsSaysTheyAreNotRuns() {
        // every checkpoint of the misfitting ladder: 135 token counts at one size are not an IsoFLOP grid
        Result checkpoints = run("plan", "isoflop", "../examples/misfitting/scaling_results.csv", "--replicates", "0");
        assertThat(checkpoints.code()).as(checkpoints.err()).isZero();
        assertThat(checkpoints.err()).contains("slaw plan isoflop: warning: N = 1.13718e8 has 135 distinct token counts: "
                + "these look like checkpoints of training runs");
        // the runs' last checkpoints are runs: nothing to say
        Result runs = run("plan", "isoflop", "../examples/misfitting/scaling_results_last_ckpt_only.csv", "--replicates", "0");
        assertThat(runs.code()).as(runs.err()).isZero();
        assertThat(runs.err()).doesNotContain("checkpoints");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Result none = run("plan", "--compute", "1e23");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).doesNotContain("\n").contains("no law");
        Result unreachable = run(epoch("--target-loss", "1.5"));
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.err()).contains("irreducible");
        Result nothing = run(epoch());
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to plan");
        Result flops = run(epoch("--compute", "1e23", "--flops", "6*N*D*k"));
        assertThat(flops.code()).isEqualTo(2);
        assertThat(flops.err()).contains("'k'");
    }
}
