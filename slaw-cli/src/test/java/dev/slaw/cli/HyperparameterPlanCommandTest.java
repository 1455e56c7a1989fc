package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static dev.slaw.cli.PlanCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code slaw plan --parameters N --tokens D}: Step Law's learning rate and batch size (reference s.7). */
class HyperparameterPlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void publishedConstantsForTheAuthorsOneBillionModelInTextAndJson() throws IOException {
        PlanCommandTest.Result r = run("plan", "--parameters", "1073741824", "--tokens", "1e11",
                "--sequence-length", "2048");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("k = 1.79, a = -0.713, b = 0.307", "k = 0.58, b = 0.571",
                "peak learning rate   1.552e-03", "batch size B         1.108e+06 tokens   = 541 sequences of 2048");
        assertThat(r.out()).doesNotContain("warning");
        r = run("plan", "--parameters", "1073741824", "--tokens", "1e11", "--json");
        JsonNode h = new ObjectMapper().readTree(r.out()).get("hyperparameters").get(0);
        assertThat(h.get("learning_rate").asDouble()).isCloseTo(1.5517e-3, within(1e-7));
        assertThat(h.get("batch_size_tokens").asDouble()).isCloseTo(1.1077e6, within(100.0));
        assertThat(h.get("batch_size_sequences").isNull()).isTrue();
    }

    /**
     * The best (learning rate, batch size) of a synthetic sweep that follows the published
     * constants with 10 % scatter (a learning-rate grid is coarser than that): fits of the two
     * catalogue laws with defaults plan within 10 % of the constants' own answer.
     */
    @Test
    void fitsOfTheTwoLawsReplaceThePublishedOnes() throws IOException {
        StringBuilder csv = new StringBuilder("N,D,lr,bs\n");
        Random random = new Random(16);
        for (double n : new double[]{2e8, 4e8, 8e8, 1.6e9}) {
            for (double d : new double[]{1e10, 2e10, 4e10, 8e10, 1.6e11}) {
                double lr = 1.79 * Math.pow(n, -0.713) * Math.pow(d, 0.307) * Math.exp(0.1 * random.nextGaussian());
                double bs = 0.58 * Math.pow(d, 0.571) * Math.exp(0.1 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g,%.6g%n", n, d, lr, bs));
            }
        }
        Path data = dir.resolve("best.csv");
        Files.writeString(data, csv);
        Path lrFit = dir.resolve("lr.json");
        Path bsFit = dir.resolve("bs.json");
        assertThat(run("fit", data.toString(), "--law", "step-law-lr", "--target", "lr", "--out", lrFit.toString())
                .code()).isZero();
        assertThat(run("fit", data.toString(), "--law", "step-law-batch", "--target", "bs", "--out", bsFit.toString())
                .code()).isZero();
        PlanCommandTest.Result r = run("plan", "--parameters", "1073741824", "--tokens", "1e11", "--learning-rate-fit",
                lrFit.toString(), "--batch-size-fit", bsFit.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode h = j.get("hyperparameters").get(0);
        assertThat(h.get("learning_rate").asDouble()).isCloseTo(1.5517e-3, within(1.5517e-4));
        assertThat(h.get("batch_size_tokens").asDouble()).isCloseTo(1.1077e6, within(1.1077e5));
        assertThat(j.get("learning_rate_law").get("source").asText()).startsWith("fit ");
        assertThat(j.get("learning_rate_law").get("parameters").get("a").asDouble()).isCloseTo(-0.713, within(0.1));
    }

    /** A fit of power-lines-tau (made-up truth k = 0.7, b = -0.5) adds lambda = B / (eta tau D). */
    @Test
    void aTimescaleFitAddsTheWeightDecay() throws IOException {
        StringBuilder csv = new StringBuilder("N,D,tau\n");
        Random random = new Random(5);
        for (double n : new double[]{2e8, 4e8, 8e8, 1.6e9}) {
            for (double d : new double[]{1e10, 2e10, 4e10, 8e10, 1.6e11}) {
                double tau = 0.7 * Math.pow(d / n, -0.5) * Math.exp(0.05 * random.nextGaussian());
                csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g%n", n, d, tau));
            }
        }
        Path data = dir.resolve("tau.csv");
        Files.writeString(data, csv);
        Path fit = dir.resolve("tau.json");
        assertThat(run("fit", data.toString(), "--law", "power-lines-tau", "--target", "tau", "--out", fit.toString())
                .code()).isZero();
        PlanCommandTest.Result r = run("plan", "--parameters", "1073741824", "--tokens", "1e11", "--weight-decay-fit",
                fit.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode h = new ObjectMapper().readTree(r.out()).get("hyperparameters").get(0);
        double tau = 0.7 * Math.pow(1e11 / 1073741824.0, -0.5);
        double lambda = 1.1077e6 / (1.5517e-3 * tau * 1e11);
        assertThat(h.get("timescale").asDouble()).isCloseTo(tau, within(tau * 0.05));
        assertThat(h.get("weight_decay").asDouble()).isCloseTo(lambda, within(lambda * 0.05));
        r = run("plan", "--parameters", "1073741824", "--tokens", "1e11", "--weight-decay-fit", fit.toString());
        assertThat(r.out()).contains("weight decay lambda  ", "power-lines-tau: tau = k * (D / N)^b");
    }

    /** DeepSeek LLM's eq. 1 at its 7B model's budget, C = M D (reference s.9). */
    @Test
    void deepSeekFromTheComputeBudget() throws IOException {
        PlanCommandTest.Result r = run("plan", "--hyperparameters", "deepseek", "--compute", "8.4557e22", "--tokens",
                "2e12", "--sequence-length", "4096");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("k = 0.3118, a = -0.125", "C = M D", "peak learning rate   4.246e-04",
                "= 2252 sequences of 4096 tokens", "optimizer steps D/B  2.169e+05", "extrapolated");
        r = run("plan", "--hyperparameters", "deepseek", "--compute", "1e19", "--json");
        JsonNode h = new ObjectMapper().readTree(r.out()).get("hyperparameters").get(0);
        assertThat(h.get("learning_rate").asDouble()).isCloseTo(0.3118 * Math.pow(1e19, -0.125), within(1e-12));
        assertThat(h.get("steps").isNull()).isTrue();
        assertThat(h.get("warnings")).isEmpty();
        r = run("plan", "--hyperparameters", "deepseek", "--parameters", "7e9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--compute");
        r = run("plan", "--hyperparameters", "chinchilla", "--compute", "1e21");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("step-law", "deepseek");
    }

    /** Kaplan et al.'s critical batch size at 3 nats, and S_min, E_min for their usual run (reference s.10). */
    @Test
    void kaplanCriticalBatchSize() throws IOException {
        PlanCommandTest.Result r = run("plan", "--hyperparameters", "kaplan", "--loss", "3.0", "--sequence-length",
                "1024");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Bstar = 2.000e+08, alphaB = 0.21", "B_crit(L)            1.069e+06 tokens",
                "= 1044 sequences of 1024 tokens");
        r = run("plan", "--hyperparameters", "kaplan", "--loss", "3.0", "--batch-size", "524288", "--tokens", "1.31e11",
                "--json");
        JsonNode h = new ObjectMapper().readTree(r.out()).get("critical_batch").get(0);
        assertThat(h.get("fewest_steps").asDouble()).isCloseTo(8.221e4, within(50.0));
        assertThat(h.get("fewest_tokens").asDouble()).isCloseTo(8.790e10, within(5e7));
        r = run("plan", "--loss", "3.0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--hyperparameters kaplan");
        r = run("plan", "--hyperparameters", "kaplan", "--loss", "3.0", "--batch-size", "524288");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void incompleteOrMixedRequestsExitTwoWithOneLine() {
        PlanCommandTest.Result r = run("plan", "--parameters", "1e9");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--tokens");
        r = run("plan", "--parameters", "1e9", "--tokens", "1e11", "--compute", "1e21");
        assertThat(r.code()).isEqualTo(2);
        r = run("plan", "--parameters", "-1e9", "--tokens", "1e11");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }
}
