package dev.slaw.io.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Examples;
import dev.slaw.io.Recipe;
import dev.slaw.law.Catalogue;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A saved bootstrap read back is checked as a fit file is: format version, replicate values bound
 * to the law's parameters by name, every number finite; a problem is one line naming the field.
 */
class BootstrapJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static BootstrapResult boot;

    /** The Chinchilla fit of Epoch's data (from Epoch's published estimate) and 12 row resamples. */
    @BeforeAll
    static void bootstrap() {
        Dataset d = DatasetLoader.load(Examples.path("chinchilla-epoch/svg_extracted_data.csv"),
                Recipe.DEFAULT.withMapping("N", "Model Size").withDerivation(Recipe.Derivation.parse("D=Training FLOP / (6*N)"))
                        .withDropHighest(Recipe.DropHighest.parse("loss=5"))).dataset();
        Fit fit = Fitter.fit(Catalogue.builtIn().find("chinchilla").orElseThrow(), d, "loss", FitOptions.defaults()
                .withStarts(Starts.at(List.of(Map.of("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478,
                        "beta", 0.3658)))).withThreads(1));
        boot = Bootstrap.run(fit, d, FitOptions.defaults().withThreads(1),
                BootstrapOptions.defaults().withReplicates(12).withSeed(7).withThreads(1), ProgressListener.NONE);
    }

    private static ObjectNode tree() throws Exception {
        return (ObjectNode) JACKSON.readTree(BootstrapJson.write(boot));
    }

    private static String edited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode t = tree();
        edit.accept(t);
        return t.toString();
    }

    @Test
    void readsBackItsReplicates() {
        BootstrapResult back = BootstrapJson.read(BootstrapJson.write(boot), "boot.json");
        assertThat(back.replicateValues()).isDeepEqualTo(boot.replicateValues());
        assertThat(back.replicateNumbers()).isEqualTo(boot.replicateNumbers());
        assertThat(back.residuals()).isEqualTo(boot.residuals());
    }

    @Test
    void readsBackMovingBlocksWithTheirLength() throws Exception {
        String blocks = edited(t -> ((ObjectNode) t.get("options")).put("resampling", "blocks")
                .put("run_column", "run").put("block_rows", 13));
        BootstrapOptions back = BootstrapJson.read(blocks, "boot.json").options();
        assertThat(back.resampling()).isEqualTo(dev.slaw.uncertainty.Resampling.BLOCKS);
        assertThat(back.blockRows()).isEqualTo(13);
        String noLength = edited(t -> ((ObjectNode) t.get("options")).put("resampling", "blocks")
                .put("run_column", "run"));
        assertThatThrownBy(() -> BootstrapJson.read(noLength, "boot.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("block").satisfies(x -> assertThat(x.getMessage()).doesNotContain("\n"));
    }

    @Test
    void bindsReplicateValuesByNameWhateverTheirOrderInTheFile() throws Exception {
        String reversed = edited(t -> {
            reverse((ArrayNode) t.get("replicate_parameters"), 0);
            t.get("replicates").forEach(row -> reverse((ArrayNode) row, 1));
        });
        assertThat(BootstrapJson.read(reversed, "boot.json").replicateValues()).isDeepEqualTo(boot.replicateValues());
    }

    private static void reverse(ArrayNode a, int from) {
        List<JsonNode> items = new java.util.ArrayList<>();
        a.forEach(items::add);
        for (int i = from; i < items.size(); i++) {
            a.set(i, items.get(items.size() - 1 - (i - from)));
        }
    }

    @Test
    void everyEditThatWouldChangeTheAnswerIsOneLineNamingTheField() throws Exception {
        Map<String, Consumer<ObjectNode>> edits = new java.util.LinkedHashMap<>();
        edits.put("boot.json: slaw bootstrap format 2 is not one this slaw reads (1)", t -> t.put("slaw_bootstrap", 2));
        edits.put("boot.json: malformed slaw bootstrap: replicates[0] value of \"E\" must be a finite number, got \"abc\"",
                t -> ((ArrayNode) t.get("replicates").get(0)).set(1, t.textNode("abc")));
        edits.put("boot.json: malformed slaw bootstrap: replicates[1] value of \"A\" must be a finite number, got null",
                t -> ((ArrayNode) t.get("replicates").get(1)).set(2, t.nullNode()));
        edits.put("boot.json: malformed slaw bootstrap: replicates[2] value of \"beta\" must be a finite number, got true",
                t -> ((ArrayNode) t.get("replicates").get(2)).set(5, t.booleanNode(true)));
        edits.put("boot.json: malformed slaw bootstrap: replicates[0] must be a list of the replicate's number and 5 values"
                + " (E, A, alpha, B, beta), got ", t -> ((ArrayNode) t.get("replicates").get(0)).remove(5));
        edits.put("boot.json: malformed slaw bootstrap: replicate_parameters lacks \"beta\" (parameters: E, A, alpha, B, beta)",
                t -> ((ArrayNode) t.get("replicate_parameters")).remove(4));
        edits.put("boot.json: malformed slaw bootstrap: replicate_parameters names \"alpha\" twice",
                t -> ((ArrayNode) t.get("replicate_parameters")).set(4, t.textNode("alpha")));
        edits.put("boot.json: malformed slaw bootstrap: replicate_parameters names \"gamma\", not a parameter of the point"
                + " estimate's law (parameters: E, A, alpha, B, beta)",
                t -> ((ArrayNode) t.get("replicate_parameters")).set(0, t.textNode("gamma")));
        edits.put("boot.json: malformed slaw bootstrap: options \"level\" must lie between 0 and 1, got 1.5",
                t -> ((ObjectNode) t.get("options")).put("level", 1.5));
        edits.put("boot.json: malformed slaw bootstrap: options \"seed\" must be a whole number, got \"7\"",
                t -> ((ObjectNode) t.get("options")).put("seed", "7"));
        edits.put("boot.json: malformed slaw bootstrap: residuals[3] must be a finite number, got \"NaN\"",
                t -> ((ArrayNode) t.get("residuals")).set(3, t.textNode("NaN")));
        edits.put("boot.json: malformed slaw bootstrap: missing \"replicates\"", t -> t.remove("replicates"));
        edits.put("boot.json: malformed slaw bootstrap: \"failures\" must be a list, got {}", t -> t.putObject("failures"));
        edits.put("boot.json, \"point_estimate\": malformed slaw fit: parameter \"E\" \"value\" must be a finite number,"
                + " got \"1\"", t -> ((ObjectNode) t.get("point_estimate").get("parameters").get(0)).put("value", "1"));
        for (Map.Entry<String, Consumer<ObjectNode>> e : edits.entrySet()) {
            String text = edited(e.getValue());
            assertThatThrownBy(() -> BootstrapJson.read(text, "boot.json")).as(e.getKey())
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith(e.getKey())
                    .satisfies(x -> assertThat(x.getMessage()).doesNotContain("\n"));
        }
    }
}
