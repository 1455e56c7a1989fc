package dev.slaw.io.table;

import dev.slaw.data.BadInputException;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the readers refuse rather than misread: long records, header-only tables, ambiguous commas, JSON booleans. */
class ReaderLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aRecordLongerThanTheLimitIsRefusedNamingItsRow() {
        String text = "N,loss\n1,2\n" + "7".repeat(5000) + ",3\n";
        assertThatThrownBy(() -> DelimitedTableReader.read(new StringReader(text), "long.csv", ',', 1000))
                .isInstanceOf(BadInputException.class)
                .hasMessage("long.csv: row 3 is longer than 1000 characters; is this a table with one row per line?");
        String quoted = "N,loss\n\"" + "x".repeat(5000) + "\",3\n";
        assertThatThrownBy(() -> DelimitedTableReader.read(new StringReader(quoted), "quoted.csv", ',', 1000))
                .hasMessageContaining("quoted.csv: row 2 is longer than 1000 characters");
    }

    @Test
    void recordsWithinTheLimitReadAsBefore() throws IOException {
        RawTable t = DelimitedTableReader.read(new StringReader("N,loss\n1,2\n3,4\n"), "ok.csv", ',', 1000);
        assertThat(t.column("loss").orElseThrow().numbers()).containsExactly(2, 4);
    }

    @Test
    void inASemicolonFileACommaIsTheDecimalSeparator() throws IOException {
        Path semi = Files.writeString(dir.resolve("semi.csv"), "N;loss;note\n1e8;3,370;a\n2e8;3,0;b\n4e8;2.95;c\n");
        var d = DatasetLoader.load(semi, Recipe.DEFAULT).dataset();
        assertThat(d.column("loss")).containsExactly(3.37, 3.0, 2.95);
        Path commaFile = Files.writeString(dir.resolve("comma.csv"), "N,loss\n1e8,\"3,370\"\n");
        assertThat(DatasetLoader.load(commaFile, Recipe.DEFAULT).dataset().column("loss")).containsExactly(3370);
    }

    @Test
    void theDecimalCommaParserRefusesAmbiguousCells() {
        NumberParser p = NumberParser.decimalComma();
        assertThat(p.parse("3,370")).isEqualTo(NumberParser.NUMBER);
        assertThat(p.value()).isEqualTo(3.37);
        assertThat(p.parse("-0,5e3")).isEqualTo(NumberParser.NUMBER);
        assertThat(p.value()).isEqualTo(-500);
        assertThat(p.parse("1.234,5")).isEqualTo(NumberParser.NOT_A_NUMBER);
        assertThat(p.parse("1,234,567")).isEqualTo(NumberParser.NOT_A_NUMBER);
        assertThat(p.parse("2.5")).isEqualTo(NumberParser.NUMBER);
        assertThat(p.value()).isEqualTo(2.5);
    }

    @Test
    void aHeaderOnlyTableIsAnError() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "N,loss\n");
        assertThatThrownBy(() -> DatasetLoader.load(csv, Recipe.DEFAULT))
                .hasMessage(csv + ": no rows (the table has a header but no data)");
        Path jsonl = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
        assertThatThrownBy(() -> DatasetLoader.load(jsonl, Recipe.DEFAULT)).hasMessageContaining("no rows");
    }

    @Test
    void aJsonBooleanIsTextNeverOneOrZero() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("b.jsonl"), "{\"N\": 1, \"ok\": true}\n{\"N\": true, \"ok\": false}\n");
        var loaded = DatasetLoader.load(jsonl, Recipe.DEFAULT);
        assertThat(loaded.dataset().hasColumn("N")).isFalse();
        assertThat(loaded.dataset().label("ok").orElseThrow()).containsExactly("true", "false");
        assertThatThrownBy(() -> loaded.requireComplete(java.util.List.of("N")))
                .hasMessageContaining("row 2, column \"N\": \"true\" is not a number");
    }

    @Test
    void deeplyNestedJsonLinesIsOneMessageNamingTheRow() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.jsonl"), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "\n");
        assertThatThrownBy(() -> DatasetLoader.load(deep, Recipe.DEFAULT)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deep.jsonl: row 1: invalid JSON");
    }
}
