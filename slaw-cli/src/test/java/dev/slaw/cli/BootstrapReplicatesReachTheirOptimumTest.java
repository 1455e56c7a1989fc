package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On data that barely determine the N term (the final checkpoints of the misfitting sweep, Li et
 * al. 2025), replicates that stop short of their resample's optimum stay near the point estimate
 * and the intervals look tight. Refitted to their optimum, more than one in forty drive E to
 * its bound 0 and A and alpha far off: the honest interval, the one the point fit's warning about
 * A foretells.
 */
class BootstrapReplicatesReachTheirOptimumTest {
    private static final String MISFITTING = Path.of("..", "examples", "misfitting",
            "scaling_results_last_ckpt_only.csv").toString();

    @Test
    void weaklyDeterminedParametersGetTheirWholeSpread() throws Exception {
        FitCommandTest.Result r = FitCommandTest.run("bootstrap", MISFITTING, "--law", "chinchilla", "--target", "loss",
                "--replicates", "400", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("the data do not determine A");
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (JsonNode p : json.get("parameters")) {
            String name = p.get("name").asText();
            if (name.equals("E")) {
                // replicates stopped near the start gave 1.63 to 1.98
                assertThat(p.get("lower").asDouble()).isLessThan(0.5);
            }
            if (name.equals("alpha")) {
                // and 0.176 to 0.218
                assertThat(p.get("upper").asDouble() - p.get("lower").asDouble()).isGreaterThan(0.2);
            }
        }
    }
}
