package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw chain --replicates}: the joint bootstrap's interval, the same on any thread count. */
class ChainBootstrapCommandTest {
    private static final String LADDER = "../examples/olmo-ladder/data/ladder-runs";

    private static JsonNode run(String threads) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"chain", LADDER, "--protocol", "bhagia-2024", "--tasks", "piqa_val_5shot",
                "--replicates", "40", "--seed", "3", "--threads", threads, "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString()).get("tasks").get(0);
    }

    @Test
    void theIntervalSurroundsThePointAndDoesNotDependOnThreads() throws Exception {
        JsonNode one = run("1");
        JsonNode two = run("2");
        JsonNode interval = one.get("chained_interval");
        assertThat(interval.get("replicates").asInt()).isEqualTo(40);
        assertThat(interval.get("level").asDouble()).isEqualTo(0.95);
        assertThat(interval.get("lower").asDouble()).isLessThan(interval.get("upper").asDouble());
        double chained = one.get("accuracy_chained").asDouble();
        assertThat(chained).isBetween(interval.get("lower").asDouble() - 0.02, interval.get("upper").asDouble() + 0.02);
        assertThat(two.get("chained_interval")).isEqualTo(interval);
    }

    @Test
    void tooFewReplicatesForAnIntervalIsBadInput() {
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[]{"chain", LADDER, "--protocol", "bhagia-2024", "--replicates", "1"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("--replicates must be at least 2");
    }
}
