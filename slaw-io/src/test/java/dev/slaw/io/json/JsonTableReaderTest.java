package dev.slaw.io.json;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Examples;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTableReaderTest {

    @TempDir
    Path dir;

    private static final Recipe NESTED = Recipe.DEFAULT
            .withMapping("N", "hyperparameters.params")
            .withMapping("D", "hyperparameters.tokens")
            .withMapping("L", "results[val_data=c4].loss");

    @Test
    void mapsAFolderOfNestedRunFilesWithoutPreprocessing() {
        LoadedDataset loaded = DatasetLoader.load(Examples.path("json-runs"), NESTED.withGroup("hyperparameters.model"));
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(6);
        assertThat(d.column("N")[0]).isEqualTo(57234240);
        assertThat(d.column("D")[0]).isEqualTo(104857600);
        assertThat(d.column("L")[3]).isEqualTo(5.50978081766516);
        assertThat(d.column("hyperparameters.peak_lr")[0]).isEqualTo(0.004);
        assertThat(d.label("file")).hasValueSatisfying(f -> assertThat(f[0]).isEqualTo("misfitting_12m-100-0.004.json"));
        assertThat(d.label("hyperparameters.model")).hasValueSatisfying(m -> assertThat(m[5]).isEqualTo("misfitting_70m"));
        assertThat(loaded.group()).contains("hyperparameters.model");
    }

    @Test
    void readsAnArrayAndJsonLinesTheSameWay() throws IOException {
        String a = "{\"hyperparameters\": {\"params\": 4.1e8, \"tokens\": \"8.2B\"}, "
                + "\"results\": [{\"val_data\": \"c4\", \"loss\": 3.1}, {\"val_data\": \"wiki\", \"loss\": 3.4}]}";
        String b = "{\"hyperparameters\": {\"params\": 8.2e8, \"tokens\": 1.6e10}, "
                + "\"results\": [{\"val_data\": \"wiki\", \"loss\": 3.0}, {\"val_data\": \"c4\", \"loss\": 2.9}]}";
        Path array = dir.resolve("runs.json");
        Files.writeString(array, "[" + a + ",\n" + b + "]");
        Path lines = dir.resolve("runs.jsonl");
        Files.writeString(lines, a + "\n\n" + b + "\n");
        Dataset fromArray = DatasetLoader.load(array, NESTED).dataset();
        Dataset fromLines = DatasetLoader.load(lines, NESTED).dataset();
        assertThat(fromArray.column("L")).containsExactly(3.1, 2.9);
        assertThat(fromArray.column("D")).containsExactly(8.2e9, 1.6e10);
        assertThat(fromLines.column("L")).containsExactly(3.1, 2.9);
        assertThat(fromLines.rowNumbers()).containsExactly(1, 3);
    }

    @Test
    void aRunWithoutTheSelectedElementIsDroppedAndCounted() throws IOException {
        Path lines = dir.resolve("runs.jsonl");
        Files.writeString(lines, """
                {"hyperparameters": {"params": 1, "tokens": 2}, "results": [{"val_data": "c4", "loss": 3.1}]}
                {"hyperparameters": {"params": 1, "tokens": 2}, "results": [{"val_data": "wiki", "loss": 3.0}]}
                """);
        LoadedDataset loaded = DatasetLoader.load(lines, NESTED);
        assertThat(loaded.dataset().rowCount()).isEqualTo(1);
        assertThat(loaded.notes()).containsExactly("dropped 1 of 2 rows with an empty cell in L (first at row 2)");
    }

    @Test
    void longListsAreLeftOutWithANoteButCanBeIndexed() throws IOException {
        StringBuilder curve = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            curve.append(i == 0 ? "" : ",").append(5.0 - i * 0.01);
        }
        Path p = dir.resolve("run.json");
        Files.writeString(p, "{\"N\": 1e8, \"curve\": [" + curve + "]}");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT.withMapping("last", "curve[99]"));
        assertThat(loaded.dataset().column("last")[0]).isEqualTo(5.0 - 99 * 0.01);
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).startsWith("field \"curve\" is a list of more than 64"));
    }

    @Test
    void badJsonNamesTheFileAndPosition() throws IOException {
        Path p = dir.resolve("runs.jsonl");
        Files.writeString(p, "{\"a\": 1}\n{\"a\": 2,,}\n");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(p + ": row 2, character ");
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, "[{\"a\": 1, \"a\": 2}]");
        assertThatThrownBy(() -> DatasetLoader.load(dup, Recipe.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("Duplicate field 'a'");
        Path scalar = dir.resolve("scalar.json");
        Files.writeString(scalar, "[1, 2]");
        assertThatThrownBy(() -> DatasetLoader.load(scalar, Recipe.DEFAULT))
                .hasMessage(scalar + ": row 1: expected an object (one run), found a number");
    }

    @Test
    void aSelectionMatchingTwoElementsIsAnError() throws IOException {
        Path p = dir.resolve("runs.json");
        Files.writeString(p, "[{\"results\": [{\"val_data\": \"c4\", \"loss\": 1}, {\"val_data\": \"c4\", \"loss\": 2}]}]");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT.withMapping("L", "results[val_data=c4].loss")))
                .hasMessage(p + ": row 1, column \"results[val_data=c4].loss\": more than one element has val_data = c4 (\"c4\" and \"c4\")");
    }

    @Test
    void pathsParseAndRefuseWithAPosition() {
        assertThat(FieldPath.parse("results[val_data=c4].loss").steps()).containsExactly(
                new FieldPath.Field("results"), new FieldPath.Select("val_data", "c4"), new FieldPath.Field("loss"));
        assertThat(FieldPath.parse("a.b[2][0]").steps()).containsExactly(new FieldPath.Field("a"),
                new FieldPath.Field("b"), new FieldPath.Index(2), new FieldPath.Index(0));
        assertThatThrownBy(() -> FieldPath.parse("a[x")).hasMessage("path \"a[x\": expected a closing ] at character 2");
        assertThatThrownBy(() -> FieldPath.parse("a[x]")).hasMessage(
                "path \"a[x]\": expected an index such as [0] or a selection such as [val_data=c4] or"
                        + " [val_data contains c4] at character 3");
        assertThat(FieldPath.parse("results[val_data contains \"c4\"].loss").steps()).containsExactly(
                new FieldPath.Field("results"), new FieldPath.Contains("val_data", "c4"), new FieldPath.Field("loss"));
        assertThat(FieldPath.parse("results[val_data = 'c4'].loss").steps()).contains(new FieldPath.Select("val_data", "c4"));
    }

    @Test
    void aContainsSelectionPicksTheElementWhoseFieldContainsTheText() {
        // in the json-runs files, results holds {"val_data": "train"} and {"val_data": "c4"}; only c4 contains "4"
        Dataset exact = DatasetLoader.load(Examples.path("json-runs"), NESTED).dataset();
        Dataset contains = DatasetLoader.load(Examples.path("json-runs"),
                NESTED.withMapping("L", "results[val_data contains \"4\"].loss")).dataset();
        assertThat(contains.column("L")).containsExactly(exact.column("L"));
        assertThat(contains.column("L")[3]).isEqualTo(5.50978081766516);
    }

    @Test
    void aContainsSelectionNeedsSomeText() {
        assertThatThrownBy(() -> DatasetLoader.load(Examples.path("json-runs"),
                NESTED.withMapping("L", "results[val_data contains \"\"].loss")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected some text after contains");
    }

    @Test
    void aPathThatMatchesNothingInAnyRowNamesThePathsFound() {
        assertThatThrownBy(() -> DatasetLoader.load(Examples.path("json-runs"),
                NESTED.withMapping("L", "results[val_data contains \"pile\"].loss")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(Examples.path("json-runs") + ", column \"results[val_data contains \"pile\"].loss\": the path"
                        + " matches nothing in any of the 6 rows; paths found: results[0].val_data, results[0].loss,"
                        + " results[1].val_data, results[1].loss; values of val_data: train, c4");
        assertThatThrownBy(() -> DatasetLoader.load(Examples.path("json-runs"),
                NESTED.withMapping("L", "metrics[val_data=c4].loss")))
                .hasMessage(Examples.path("json-runs") + ", column \"metrics[val_data=c4].loss\": the path matches"
                        + " nothing in any of the 6 rows; no row has a field \"metrics\" (fields: run_id,"
                        + " hyperparameters, results, file)");
    }

    @Test
    void aFolderOfJsonRunsTakesValuesFromItsFileNamesToo() {
        LoadedDataset loaded = DatasetLoader.load(Examples.path("json-runs"),
                NESTED.withFilePattern("misfitting_{model}-{steps}-{lr}.json"));
        Dataset d = loaded.dataset();
        assertThat(d.column("steps")).containsExactly(100, 100, 100, 200, 250, 250);
        assertThat(d.column("lr")).containsExactly(d.column("hyperparameters.peak_lr"));
        assertThat(d.column("steps")).containsExactly(d.column("hyperparameters.total_steps"));
        assertThat(loaded.notes()).containsExactly("values from the names of 6 files"
                + " (misfitting_{model}-{steps}-{lr}.json): model, steps, lr");
    }

    /** The sweep's final losses keyed by checkpoint: 4,816 fields of one object are 4,816 rows. */
    @Test
    void anObjectOfThousandsOfSingleValuesIsATableByKey() {
        Path keyed = Examples.path("json-keyed/sweep-loss-by-checkpoint.json");
        LoadedDataset loaded = DatasetLoader.load(keyed, Recipe.DEFAULT);
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(4816);
        assertThat(d.columnNames()).containsExactly("value");
        assertThat(d.label("key")).hasValueSatisfying(k -> assertThat(k[1])
                .isEqualTo("misfitting_35m lr=0.002 steps=16000 @256"));
        assertThat(d.column("value")[1]).isEqualTo(5.076595671009272);
        assertThat(d.rowNumbers()[4815]).isEqualTo(4816);
        assertThat(loaded.notes()).contains(keyed + ": an object of 4816 fields, each a single value, read as 4816 rows"
                + " of key and value (one run would not have so many fields)");
    }

    /** A loss curve logged as step: loss; the keys read as numbers, so the law can use them. */
    @Test
    void numericKeysAreANumericColumn() throws IOException {
        List<String> losses = Files.readAllLines(Examples.path("json-keyed/sweep-loss-by-checkpoint.json")).stream()
                .filter(l -> l.contains(":")).map(l -> l.substring(l.lastIndexOf(':') + 1).replace(",", "").strip())
                .limit(1500).toList();
        StringBuilder json = new StringBuilder("{");
        for (int k = 0; k < losses.size(); k++) {
            json.append(k == 0 ? "" : ",").append("\"").append(128 * (k + 1)).append("\": ").append(losses.get(k));
        }
        Path curve = dir.resolve("curve.json");
        Files.writeString(curve, json.append("}").toString());
        Dataset d = DatasetLoader.load(curve, Recipe.DEFAULT.withMapping("step", "key").withMapping("loss", "value"))
                .dataset();
        assertThat(d.rowCount()).isEqualTo(1500);
        assertThat(d.column("step")[2]).isEqualTo(384);
        assertThat(d.column("loss")[0]).isEqualTo(5.939757396001369);
    }

    /** A thousand fields, or a nested field among many, is still one run. */
    @Test
    void aRunWithManyFieldsOrANestedOneStaysOneRow() throws IOException {
        StringBuilder thousand = new StringBuilder("{");
        StringBuilder nested = new StringBuilder("{\"config\": {\"N\": 1e8}");
        for (int k = 0; k < 1000; k++) {
            thousand.append(k == 0 ? "" : ",").append("\"m").append(k).append("\": ").append(k);
            nested.append(",\"m").append(k).append("\": ").append(k);
        }
        nested.append(",\"m1000\": 1}");
        Path a = dir.resolve("thousand.json");
        Path b = dir.resolve("nested.json");
        Files.writeString(a, thousand.append("}").toString());
        Files.writeString(b, nested.toString());
        assertThat(DatasetLoader.load(a, Recipe.DEFAULT).dataset().rowCount()).isEqualTo(1);
        Dataset one = DatasetLoader.load(b, Recipe.DEFAULT).dataset();
        assertThat(one.rowCount()).isEqualTo(1);
        assertThat(one.column("config.N")[0]).isEqualTo(1e8);
    }
}
