package dev.slaw.io.table;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NumberParserTest {

    private final NumberParser parser = new NumberParser();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "12M; 12e6", "1.4B; 1.4e9", "2T; 2e12", "32.0K; 32000", "1856k; 1856000", "1.1E+07; 1.1e7",
        "11%; 0.11", "12.4%; 0.124", "'1,024'; 1024", "'10,581'; 10581", "'1,234,567.5'; 1234567.5",
        "4.5E-05; 4.5e-5", "-3.25; -3.25", "+7; 7", "' 42 '; 42", ".5; 0.5", "0.0B; 0",
        "3.287519883364439; 3.287519883364439", "9456351902178213888; 9456351902178213888",
        "75650815224446976; 75650815224446976", "0.1; 0.1", "1e-320; 1e-320", "6GB; NaN"
    })
    void parsesHumanFormattedNumbersToTheCorrectlyRoundedDouble(String text, String expected) {
        if (expected.equals("NaN")) {
            assertThat(parser.parse(text)).isEqualTo(NumberParser.NOT_A_NUMBER);
            return;
        }
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NUMBER);
        assertThat(parser.value()).isEqualTo(Double.parseDouble(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 parrots", "1,2", "12,3456", ",123", "1e", "--1", "abc", "12m", "1.2.3", "e5",
        "1,0000", "%", "12MM", "0x1F", "1 000"})
    void refusesWhatIsNotANumber(String text) {
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NOT_A_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "NA", "n/a", "NaN", "null", "None", "#REF!", "#N/A", "#DIV/0!"})
    void treatsPlaceholdersAsMissing(String text) {
        assertThat(parser.parse(text)).isEqualTo(NumberParser.MISSING);
    }

    @ParameterizedTest
    @CsvSource({"inf, Infinity", "-Infinity, -Infinity", "+INF, Infinity"})
    void readsInfinities(String text, double expected) {
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NUMBER);
        assertThat(parser.value()).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void agreesWithTheJdkOnEveryDoubleItPrints(@ForAll double value) {
        String text = Double.toString(value);
        int kind = parser.parse(text);
        if (Double.isNaN(value)) {
            assertThat(kind).isEqualTo(NumberParser.MISSING);
        } else {
            assertThat(kind).isEqualTo(NumberParser.NUMBER);
            assertThat(parser.value()).isEqualTo(value);
        }
    }

    @Property(tries = 2000)
    void agreesWithTheJdkOnDecimalsOfManyDigits(@ForAll long mantissa, @ForAll("exponents") int exponent) {
        String text = mantissa + "e" + exponent;
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NUMBER);
        assertThat(parser.value()).isEqualTo(Double.parseDouble(text));
    }

    @Property(tries = 3000)
    void agreesWithTheJdkOnLongDecimalStrings(@ForAll("digits") String digits, @ForAll("exponents") int exponent,
                                              @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 30) int point) {
        int at = Math.min(point, digits.length());
        String text = digits.substring(0, at) + "." + digits.substring(at) + "e" + exponent;
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NUMBER);
        assertThat(parser.value()).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740993", "9007199254740995", "2.2250738585072011e-308", "4.9e-324",
        "2.4703282292062327e-324", "1.7976931348623157e308", "1.7976931348623159e308", "123456789012345678901234567890",
        "0.1000000000000000055511151231257827", "7.3177701707893310e+15", "3.287519883364439",
        "9456351902178213888", "0.30000000000000004", "1e23", "8.41e21", "5e-324", "1e-400", "1e400"})
    void roundsHardCasesLikeTheJdk(String text) {
        assertThat(parser.parse(text)).isEqualTo(NumberParser.NUMBER);
        assertThat(parser.value()).isEqualTo(Double.parseDouble(text));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> digits() {
        return net.jqwik.api.Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> exponents() {
        return net.jqwik.api.Arbitraries.integers().between(-340, 320);
    }
}
