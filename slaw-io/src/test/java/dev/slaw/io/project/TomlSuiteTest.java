package dev.slaw.io.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slaw.data.BadInputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Toml} against cases in the manner of the public toml-test suite, for the part of TOML
 * it reads (see the README beside the cases): every valid document parses to its expected
 * values and types, every invalid one is one line naming where it goes wrong.
 */
class TomlSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path cases(String kind) throws URISyntaxException {
        return Path.of(TomlSuiteTest.class.getResource("toml-test/" + kind).toURI());
    }

    private static List<Path> tomlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> validDocumentsParseToTheirExpectedValues() throws Exception {
        List<Path> files = tomlFiles(cases("valid"));
        assertThat(files).hasSizeGreaterThan(20);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode expected = JSON.readTree(file.resolveSibling(file.getFileName().toString()
                    .replace(".toml", ".json")).toFile());
            assertSame(expected, Toml.parse(text, file.getFileName().toString()), "");
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidDocumentsAreOneLineNamingWhere() throws Exception {
        List<Path> files = tomlFiles(cases("invalid"));
        assertThat(files).hasSizeGreaterThan(40);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Toml.parse(text, "slaw.toml")).as(file.getFileName().toString())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageMatching("slaw\\.toml: line \\d+, character \\d+: [^\\n]+");
        }));
    }

    /** A parsed value against toml-test's tagged JSON: {"type": ..., "value": "text"} at each leaf. */
    private static void assertSame(JsonNode expected, Object actual, String at) {
        if (expected.isArray()) {
            assertThat(actual).as(at).isInstanceOf(List.class);
            List<?> list = (List<?>) actual;
            assertThat(list).as(at).hasSize(expected.size());
            for (int i = 0; i < list.size(); i++) {
                assertSame(expected.get(i), list.get(i), at + "[" + i + "]");
            }
        } else if (expected.has("type") && expected.has("value") && expected.size() == 2 && expected.get("type").isTextual()) {
            String value = expected.get("value").asText();
            switch (expected.get("type").asText()) {
                case "string" -> assertThat(actual).as(at).isEqualTo(value);
                case "integer" -> assertThat(actual).as(at).isEqualTo(Long.parseLong(value));
                case "bool" -> assertThat(actual).as(at).isEqualTo(Boolean.parseBoolean(value));
                case "float" -> {
                    double want = value.endsWith("inf") ? (value.startsWith("-") ? Double.NEGATIVE_INFINITY
                            : Double.POSITIVE_INFINITY) : value.endsWith("nan") ? Double.NaN : Double.parseDouble(value);
                    assertThat(actual).as(at).isInstanceOf(Double.class);
                    assertThat(Double.compare((Double) actual, want)).as(at + " = " + actual + ", expected " + value)
                            .isZero();
                }
                default -> throw new AssertionError(at + ": unknown type " + expected.get("type"));
            }
        } else {
            assertThat(actual).as(at).isInstanceOf(Map.class);
            Map<?, ?> table = (Map<?, ?>) actual;
            List<Object> names = new java.util.ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            assertThat(new java.util.ArrayList<Object>(table.keySet())).as(at).containsExactlyInAnyOrderElementsOf(names);
            for (Object name : names) {
                assertSame(expected.get((String) name), table.get(name), at.isEmpty() ? (String) name : at + "." + name);
            }
        }
    }
}
