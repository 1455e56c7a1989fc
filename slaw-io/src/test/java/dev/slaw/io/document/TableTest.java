package dev.slaw.io.document;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {
    @Test
    void alignsColumnsUnderTheHeaderWithoutTrailingBlanks() {
        Table t = new Table(List.of("C (FLOPs)", "N", "loss"), List.of(List.of("1.000e+20", "8.550e+08", "2.5521"),
                List.of("1.000e+26", "1.036e+12", "1.88")));
        assertThat(t.text()).isEqualTo("""
                C (FLOPs)  N          loss
                ---------  ---------  ------
                1.000e+20  8.550e+08  2.5521
                1.000e+26  1.036e+12  1.88
                """);
    }

    @Test
    void quotesCsvCellsThatHoldCommasQuotesOrLineBreaks() {
        Table t = new Table(List.of("name", "columns"), List.of(List.of("a \"b\"", "N, D"), List.of("plain", "x\ny")));
        assertThat(t.csv()).isEqualTo("name,columns\n\"a \"\"b\"\"\",\"N, D\"\nplain,\"x\ny\"\n");
    }

    @Test
    void isAValueTheCallerCannotChange() {
        java.util.ArrayList<String> header = new java.util.ArrayList<>(List.of("a"));
        Table t = new Table(header, List.of());
        header.add("b");
        assertThat(t.header()).containsExactly("a");
    }
}
