package dev.slaw.io.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonObjectTest {
    private static final ObjectMapper JACKSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void refusesAKeyThatIsNotSnakeCase() {
        JsonObject o = new JsonObject();
        assertThatThrownBy(() -> o.put("parameterCount", 1.0)).hasMessageContaining("\"parameterCount\" is not snake_case");
        assertThatThrownBy(() -> o.putObject("Law")).isInstanceOf(IllegalArgumentException.class);
        assertThat(o.put("parameter_count", 1.0).put("sha256", "x").keys()).containsExactly("parameter_count", "sha256");
    }

    @Test
    void keepsTheUsersNamesAsWritten() throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("E", 1.69);
        values.put("alpha", 0.34);
        values.put("RD", Double.NaN);
        JsonNode back = JACKSON.readTree(new JsonObject().putNumbers("parameters", values).toString());
        assertThat(back.get("parameters").fieldNames()).toIterable().containsExactly("E", "alpha", "RD");
        assertThat(back.get("parameters").get("RD").isNull()).isTrue();
    }

    @Test
    void writesNumbersThatAreNotFiniteAsNull() throws Exception {
        JsonObject o = new JsonObject().put("nan", Double.NaN).put("inf", Double.POSITIVE_INFINITY).put("one", 1.0);
        o.putArray("values").add(Double.NEGATIVE_INFINITY).add(2.5);
        JsonNode back = JACKSON.readTree(o.toString());
        assertThat(back.get("nan").isNull()).isTrue();
        assertThat(back.get("inf").isNull()).isTrue();
        assertThat(back.get("values").get(0).isNull()).isTrue();
        assertThat(back.get("one").asDouble()).isEqualTo(1.0);
    }

    @Test
    void wholeNumbersByNameStayWhole() {
        assertThat(new JsonObject().putNumbers("stop_reasons", Map.of("converged", 12)).toString())
                .contains("\"converged\" : 12\n");
    }

    @Test
    void snakeCaseOfCoreQuantityNames() {
        assertThat(JsonObject.snakeCase("tokensPerParameter")).isEqualTo("tokens_per_parameter");
        assertThat(JsonObject.snakeCase("loss")).isEqualTo("loss");
        assertThat(JsonObject.snakeCase("closed-form")).isEqualTo("closed_form");
    }

    @Property
    void laysOutTextAndNumbersAsJacksonsPrettyPrinter(@ForAll String text, @ForAll double number, @ForAll long count,
                                                      @ForAll List<String> texts) throws Exception {
        JsonObject o = new JsonObject().put("text", text).put("number", number).put("count", count);
        o.putTexts("texts", texts);
        o.putObject("empty");
        o.putArray("nested").addObject().put("x", number);
        String written = o.toString();
        assertThat(written).isEqualTo(JACKSON.writeValueAsString(JACKSON.readTree(written)));
    }
}
