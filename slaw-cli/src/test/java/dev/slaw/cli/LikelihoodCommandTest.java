package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.fit.Fit;
import dev.slaw.io.fit.FitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** {@code slaw likelihood} on the Epoch data reproduces the replication's maximum-likelihood values. */
class LikelihoodCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void reproducesTheMaximumLikelihoodValuesOfTheReplication() {
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--json");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // REFERENCE.md s.1: A = 482.01, B = 2085.43, E = 1.8169, alpha = 0.34781, beta = 0.36585
        assertThat(r[1]).contains("\"converged\" : true", "\"value\" : 482.0", "\"value\" : 2085.4",
                "\"value\" : 1.8168", "\"value\" : 0.34781", "\"value\" : 0.36585");
    }

    /**
     * The likelihood's result is a fit: --out saves it as a fit file (sigma named in its
     * provenance, not among the law's parameters), and predict reads it as any other.
     */
    @Test
    void savesAFitThatPredictReads(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("ml.json");
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--out", saved.toString(), "--json");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        JsonNode json = new ObjectMapper().readTree(r[1]);
        assertThat(json.get("fit").get("objective").get("value").asDouble())
                .isEqualTo(json.get("negative_log_likelihood").asDouble());
        assertThat(json.get("parameters").get(5).get("name").asText()).isEqualTo("sigma");

        Fit fit = FitJson.load(saved);
        assertThat(fit.freeParameterNames()).containsExactly("E", "A", "alpha", "B", "beta");
        assertThat(fit.value("A")).isCloseTo(482.01, withinPercentage(0.01));
        assertThat(fit.provenance().objective()).contains("huber likelihood", "sigma=4.70623e-06");
        assertThat(fit.provenance().notes()).hasSize(1);

        String[] p = run("predict", saved.toString(), "N=70e9", "D=1.4e12", "--json");
        assertThat(p[0]).as(p[2]).isEqualTo("0");
        assertThat(new ObjectMapper().readTree(p[1]).get(0).get("loss").asDouble())
                .isEqualTo(fit.predict(java.util.Map.of("N", 70e9, "D", 1.4e12)));
    }

    @Test
    void badInputWritesNothing(@TempDir Path dir) {
        Path saved = dir.resolve("ml.json");
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--start", "E=1.69,A=406.4",
                "--out", saved.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].strip()).doesNotContain("\n").contains("--start: no value for alpha");
        assertThat(Files.exists(saved)).isFalse();
    }

    @Test
    void aMissingStartValueIsBadInput() {
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--start", "E=1.69");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--start: no value for A");
    }
}
