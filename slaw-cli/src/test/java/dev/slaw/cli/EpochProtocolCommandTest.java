package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The Epoch replication's bootstrap protocol on the command line: numpy's draws, BFGS, every
 * replicate started at Hoffmann et al.'s parameters; its standard errors beside the
 * maximum-likelihood fit. (The 4,000-replicate figures are checked in slaw-core's
 * ChinchillaUncertaintyGoldenTest; here 300 replicates keep the test quick.)
 */
class EpochProtocolCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();
    private static final String HOFFMANN = "A=406.4010175194737,B=410.7228269450398,E=1.6933736809989528,"
            + "alpha=0.33917084,beta=0.2849083";

    private static List<String> bootstrapArgs(Path out, String threads) {
        return new ArrayList<>(List.of("bootstrap", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--starts", "lhs:20:1", "--optimizer", "bfgs", "--sampler", "numpy", "--seed", "42",
                "--start-at", HOFFMANN, "--replicates", "300", "--threads", threads, "--out", out.toString()));
    }

    @Test
    void savesTheProtocolAndFeedsItsStandardErrorsToTheLikelihoodFit(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        FitCommandTest.Result r = FitCommandTest.run(bootstrapArgs(one, "1").toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("numpy's draws", "optimiser    bfgs", "the given point (A=406.401");
        assertThat(FitCommandTest.run(bootstrapArgs(two, "2").toArray(String[]::new)).code()).isZero();

        BootstrapResult a = BootstrapJson.load(one);
        BootstrapResult b = BootstrapJson.load(two);
        assertThat(a.options().sampler()).isEqualTo(Sampler.NUMPY);
        assertThat(a.options().starts().centre()).containsEntry("alpha", 0.33917084).hasSize(5);
        // the same replicates whatever the thread count
        assertThat(a.replicateValues()).isDeepEqualTo(b.replicateValues());

        FitCommandTest.Result ml = FitCommandTest.run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map",
                "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--bootstrap", one.toString(),
                "--against", HOFFMANN, "--json");
        assertThat(ml.code()).as(ml.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(ml.out());
        assertThat(json.get("bootstrap_replicates").asInt()).isEqualTo(300);
        for (JsonNode p : json.get("parameters")) {
            if (!p.get("name").asText().equals("sigma")) {
                assertThat(p.get("bootstrap_standard_error").asDouble()).as(p.get("name").asText()).isPositive();
            }
        }
        // 300 of the 4,000 published replicates: the published chi-squared(5) = 238.4, roughly
        assertThat(json.get("comparison").get("chi_squared").asDouble()).isCloseTo(238.4, withinPercentage(25));
        String text = FitCommandTest.run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--bootstrap", one.toString()).out();
        assertThat(text).contains("se (bootstrap)", "se (scores)");
    }

    /** {@code --protocol epoch-2024} is the whole protocol: the published standard errors within 2 %. */
    @Test
    void theNamedProtocolReproducesThePublishedStandardErrors() throws Exception {
        FitCommandTest.Result r = FitCommandTest.run("bootstrap", CHINCHILLA, "--law", "chinchilla", "--map",
                "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--starts", "lhs:20:1", "--protocol", "epoch-2024", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("successful").asInt()).isEqualTo(4000);
        java.util.Map<String, Double> published = java.util.Map.of("A", 124.5, "B", 1293.23, "E", 0.0257,
                "alpha", 0.0154, "beta", 0.0206);
        for (JsonNode p : json.get("parameters")) {
            String name = p.get("name").asText();
            assertThat(p.get("standard_error").asDouble()).as(name).isCloseTo(published.get(name), withinPercentage(2));
        }
    }

    @Test
    void badProtocolOptionsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        List<String> badSampler = bootstrapArgs(dir.resolve("x.json"), "1");
        badSampler.set(badSampler.indexOf("numpy"), "mersenne");
        assertOneLine(FitCommandTest.run(badSampler.toArray(String[]::new)), "--sampler': expected split or numpy, got 'mersenne'");

        List<String> badSeed = bootstrapArgs(dir.resolve("x.json"), "1");
        badSeed.set(badSeed.indexOf("42"), "-1");
        assertOneLine(FitCommandTest.run(badSeed.toArray(String[]::new)), "between 0 and 2^32 - 1");

        List<String> badStart = bootstrapArgs(dir.resolve("x.json"), "1");
        badStart.set(badStart.indexOf(HOFFMANN), "Z=1");
        assertOneLine(FitCommandTest.run(badStart.toArray(String[]::new)), "Z is not a free parameter of law chinchilla");

        List<String> notANumber = bootstrapArgs(dir.resolve("x.json"), "1");
        notANumber.set(notANumber.indexOf(HOFFMANN), "alpha=fast");
        assertOneLine(FitCommandTest.run(notANumber.toArray(String[]::new)), "'fast' is not a finite number");
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();

        List<String> both = bootstrapArgs(dir.resolve("x.json"), "1");
        both.addAll(List.of("--protocol", "epoch-2024"));
        assertOneLine(FitCommandTest.run(both.toArray(String[]::new)), "--protocol epoch-2024 sets --optimizer");
        List<String> unknown = new ArrayList<>(List.of("bootstrap", CHINCHILLA, "--law", "chinchilla", "--map",
                "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--protocol", "hoffmann"));
        assertOneLine(FitCommandTest.run(unknown.toArray(String[]::new)), "--protocol': expected epoch-2024, got 'hoffmann'");

        assertOneLine(FitCommandTest.run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--start",
                "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--against", HOFFMANN), "--against needs --bootstrap");
    }

    private static void assertOneLine(FitCommandTest.Result r, String message) {
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(message);
    }
}
