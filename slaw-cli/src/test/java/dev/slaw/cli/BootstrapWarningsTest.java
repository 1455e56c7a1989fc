package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bootstrap whose intervals are not results says so instead of printing them: on the Epoch
 * Chinchilla data, start grids too small to find the optimum.
 */
class BootstrapWarningsTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv")
            .toString();

    private static FitCommandTest.Result bootstrap(String starts, String... more) {
        List<String> args = new ArrayList<>(List.of("bootstrap", CHINCHILLA, "--law", "chinchilla", "--map",
                "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--starts", starts, "--replicates", "100"));
        args.addAll(List.of(more));
        FitCommandTest.Result r = FitCommandTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @Test
    void aPointEstimateThatItsReplicatesBeatWithholdsEveryIntervalAndTheComparison(@TempDir Path dir) throws Exception {
        // three Latin-hypercube starts land at alpha = 1.53, far from the optimum (alpha = 0.347)
        FitCommandTest.Result text = bootstrap("lhs:3:1");
        assertThat(text.out()).contains("alpha      1.5301    withheld: missed optimum",
                "warning: the point estimate is not the optimum: replicate");
        assertThat(text.out()).doesNotContainPattern("(?m)^alpha +1\\.5301 +[0-9]");

        FitCommandTest.Result against = bootstrap("lhs:3:1", "--against", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28",
                "--out", dir.resolve("boot.json").toString());
        assertThat(against.out()).contains("[[Comparison]]", "    withheld: the point estimate is not the optimum")
                .doesNotContain("chi-squared(5)");
        FitCommandTest.Result predict = FitCommandTest.run("predict", dir.resolve("boot.json").toString(), "N=70e9",
                "D=1.4e12");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("slaw predict: warning: the point estimate is not the optimum");

        JsonNode json = new ObjectMapper().readTree(bootstrap("lhs:3:1", "--json").out());
        JsonNode missed = json.get("missed_optimum");
        assertThat(missed.get("replicate_objective").asDouble()).isLessThan(missed.get("point_objective").asDouble());
        for (JsonNode p : json.get("parameters")) {
            assertThat(p.get("withheld").asText()).startsWith("the point estimate is not the optimum");
        }
    }

    @Test
    void parametersWhoseReplicatesDoNotMoveShowNoInterval() throws Exception {
        // three starts stop at beta = 2.38, where B / D^beta is negligible and neither B nor beta moves
        FitCommandTest.Result text = bootstrap("lhs:3:2");
        assertThat(text.out()).contains("B          18.387    withheld: no spread", "warning: no spread in B, beta");
        JsonNode json = new ObjectMapper().readTree(bootstrap("lhs:3:2", "--json").out());
        JsonNode beta = json.get("parameters").get(4);
        assertThat(beta.get("name").asText()).isEqualTo("beta");
        assertThat(beta.get("lower").asDouble()).isEqualTo(beta.get("upper").asDouble());
        assertThat(beta.get("withheld").asText()).startsWith("no spread: every replicate gave 2.38");
        // alpha moves, and its interval stands
        assertThat(json.get("parameters").get(2).has("withheld")).isFalse();
        assertThat(json.get("warnings").toString()).contains("no spread in B, beta");
    }
}
