package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unmappedNumericColumnsKeepTheirNamesAndTextColumnsBecomeLabels() throws IOException {
        Path p = write("runs.csv", "model,N,loss\nopen_lm,12M,3.5\n\"gpt, small\",1.4B,2.9\n");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT);
        Dataset d = loaded.dataset();
        assertThat(d.columnNames()).containsExactly("N", "loss");
        assertThat(d.column("N")).containsExactly(12e6, 1.4e9);
        assertThat(d.label("model")).hasValueSatisfying(l -> assertThat(l).containsExactly("open_lm", "gpt, small"));
        assertThat(d.rowNumbers()).containsExactly(2, 3);
        assertThat(loaded.notes()).isEmpty();
    }

    @Test
    void detectsTabsAndSemicolons() throws IOException {
        Path tsv = write("runs.tsv", "N\tloss\n1,024\t3.5\n2,048\t3.1\n");
        assertThat(DatasetLoader.load(tsv, Recipe.DEFAULT).dataset().column("N")).containsExactly(1024, 2048);
        Path semi = write("runs.txt", "N;loss\n1;3.5\n2;3.1\n");
        assertThat(DatasetLoader.load(semi, Recipe.DEFAULT).dataset().column("loss")).containsExactly(3.5, 3.1);
    }

    @Test
    void aTextCellInAMappedColumnNamesFileRowAndColumn() throws IOException {
        StringBuilder sb = new StringBuilder("N,loss\n");
        for (int i = 2; i < 17; i++) {
            sb.append(i).append(",3.0\n");
        }
        sb.append("17,12 parrots\n");
        Path p = write("runs.csv", sb.toString());
        Recipe recipe = Recipe.DEFAULT.withMapping("L", "loss");
        assertThatThrownBy(() -> DatasetLoader.load(p, recipe))
                .isInstanceOf(BadInputException.class)
                .hasMessage(p + ": row 17, column \"loss\": \"12 parrots\" is not a number");
    }

    @Test
    void anUnmappedMixedColumnIsKeptAsTextWithANote() throws IOException {
        Path p = write("runs.csv", "N,loss\n1,3.0\n2,12 parrots\n");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT);
        assertThat(loaded.dataset().label("loss")).isPresent();
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).contains("\"loss\" has 1 numbers and 1 text cells"));
    }

    @Test
    void raggedRowsAreAnErrorNamingTheRow() throws IOException {
        Path shortRow = write("short.csv", "a,b,c\n1,2,3\n1,2\n");
        assertThatThrownBy(() -> DatasetLoader.load(shortRow, Recipe.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessage(shortRow + ": row 3 has 2 fields but the header has 3 (no value for column \"c\")");
        Path longRow = write("long.csv", "a,b\n1,2,3\n");
        assertThatThrownBy(() -> DatasetLoader.load(longRow, Recipe.DEFAULT))
                .hasMessage(longRow + ": row 2, column 3: a value (\"3\") beyond the 2 columns of the header");
        Path trailing = write("trailing.csv", "a,b\n1,2,\n");
        assertThat(DatasetLoader.load(trailing, Recipe.DEFAULT).dataset().rowCount()).isEqualTo(1);
    }

    @Test
    void duplicateHeadersAndOpenQuotesAreErrors() throws IOException {
        Path dup = write("dup.csv", "loss,N,loss\n1,2,3\n");
        assertThatThrownBy(() -> DatasetLoader.load(dup, Recipe.DEFAULT))
                .hasMessage(dup + ": row 1, column 3: duplicate column name \"loss\" (also column 1)");
        Path open = write("open.csv", "a,b\n1,\"2\n");
        assertThatThrownBy(() -> DatasetLoader.load(open, Recipe.DEFAULT))
                .hasMessage(open + ": row 2, column 2: a quoted field is not closed before the end of the file");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> DatasetLoader.load(empty, Recipe.DEFAULT))
                .hasMessage(empty + ": empty file, expected a header row");
    }

    @Test
    void mapsDerivesFiltersAndDropsTheHighestInThatOrder() throws IOException {
        Path p = write("ladder.csv", """
                Model Size,Training FLOP,loss,family
                1e8,6e18,3.2,a
                2e8,2.4e19,3.0,a
                4e8,9.6e19,2.8,b
                8e8,3.84e20,2.7,b
                5e7,1.5e18,3.9,a
                """);
        Recipe recipe = Recipe.DEFAULT
                .withMapping("N", "Model Size")
                .withMapping("C", "Training FLOP")
                .withDerivation(Recipe.Derivation.parse("D = C / (6*N)"))
                .withWhere("N >= 1e8")
                .withDropHighest(Recipe.DropHighest.parse("loss=1"))
                .withGroup("family");
        LoadedDataset loaded = DatasetLoader.load(p, recipe);
        Dataset d = loaded.dataset();
        assertThat(d.column("N")).containsExactly(2e8, 4e8, 8e8);
        assertThat(d.column("D")[0]).isCloseTo(2.4e19 / (6 * 2e8), within(1e-3));
        assertThat(d.rowNumbers()).containsExactly(3, 4, 5);
        assertThat(loaded.group()).contains("family");
        assertThat(loaded.notes()).containsExactly(
                "dropped 1 of 5 rows where N >= 1e8 is false",
                "dropped 1 of 4 rows with the highest loss (rows 2)");
    }

    @Test
    void derivationsMayUseHeadersWithSpacesAndEarlierDerivations() throws IOException {
        Path p = write("ladder.csv", "Model Size,Training FLOP\n1e8,6e18\n");
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size")
                .withDerivation(Recipe.Derivation.parse("D = Training FLOP / (6*N)"))
                .withDerivation(Recipe.Derivation.parse("ratio = D / N"));
        Dataset d = DatasetLoader.load(p, recipe).dataset();
        assertThat(d.column("ratio")[0]).isCloseTo(100, within(1e-9));
    }

    @Test
    void anUnknownColumnInAFormulaListsTheColumns() throws IOException {
        Path p = write("ladder.csv", "N,loss\n1,2\n");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT.withWhere("tokens > 3")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("uses a column that is not there: tokens (numeric columns: N, loss)");
    }

    @Test
    void aFilterOnAColumnThatAMappingRenamedSaysWhichNameToWrite() throws IOException {
        Path p = write("ladder.csv", "tokens,loss\n1,2\n5,1\n");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT.withMapping("x", "tokens").withWhere("tokens > 3")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("filter \"tokens > 3\" uses \"tokens\", which --map x=tokens renamed: write \"x\" instead");
    }

    @Test
    void matchFiltersCompareTextAsWrittenAndNumbersAsNumbers() throws IOException {
        Path p = write("runs.csv", "model,peak_lr,loss\nopen_lm,0.002,3\nother,0.002,4\nopen_lm,0.004,5\n");
        Dataset d = DatasetLoader.load(p, Recipe.DEFAULT.withMatch(Recipe.Match.parse("model=open_lm"))
                .withMatch(Recipe.Match.parse("peak_lr=2e-3"))).dataset();
        assertThat(d.column("loss")).containsExactly(3);
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT.withMatch(Recipe.Match.parse("model=nope"))))
                .hasMessage(p + ": no rows left: all 3 rows dropped not matching model = nope");
    }

    @Test
    void emptyCellsInMappedColumnsDropTheirRowsWithACount() throws IOException {
        Path p = write("runs.csv", "N,loss,extra\n1,3,\n2,,\n3,2,\n");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT.withMapping("L", "loss"));
        assertThat(loaded.dataset().column("N")).containsExactly(1, 3);
        assertThat(loaded.notes()).containsExactly("dropped 1 of 3 rows with an empty cell in L (first at row 3)");
        assertThat(loaded.dataset().column("extra")).containsOnly(Double.NaN);
    }

    @Test
    void explicitScaleAppliesToSourceOrVariableNames() throws IOException {
        Path p = write("runs.csv", "params,tokens\n1.5,2\n");
        Dataset d = DatasetLoader.load(p, Recipe.DEFAULT.withMapping("N", "params").withScale("N", 1e9)
                .withScale(Recipe.parseScale("tokens=1T").getKey(), Recipe.parseScale("tokens=1T").getValue()))
                .dataset();
        assertThat(d.column("N")).containsExactly(1.5e9);
        assertThat(d.column("tokens")).containsExactly(2e12);
    }

    @Test
    void readsTheMisfittingRunSheetWithItsHumanFormattedCells() {
        Path p = Examples.path("misfitting/data.csv");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT);
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(307);
        assertThat(d.column("Params")[0]).isEqualTo(12e6);
        assertThat(d.column("vocab")[0]).isEqualTo(32000);
        assertThat(d.column("lr")[2]).isEqualTo(1e-3);
        assertThat(d.column("total steps")).contains(1000, 16000);
        assertThat(d.column("attn FLOPS per layer-token")[0]).isEqualTo(1.1e7);
        assertThat(d.column("% FLOPS Proj")[0]).isEqualTo(0.11);
        assertThat(d.column("goal train tokens")).contains(210e6, 2097e9);
        assertThat(d.column("tok / sec")).contains(1_856_000);
        // a sub-header row per model leaves the loss empty: mapping the loss drops those rows, counted
        LoadedDataset losses = DatasetLoader.load(p, Recipe.DEFAULT.withMapping("L", "C4 Eval Loss")
                .withMapping("N", "N").withMapping("D", "D"));
        assertThat(losses.dataset().rowCount()).isLessThan(307).isGreaterThan(200);
        assertThat(losses.notes()).anySatisfy(n -> assertThat(n).startsWith("dropped " + (307 - losses.dataset().rowCount())
                + " of 307 rows with an empty cell in L"));
    }

    @Test
    void scalesObservationalFlopsFromTheirHeader() {
        Path p = Examples.path("obsscaling/base_llm_benchmark_eval.csv");
        LoadedDataset loaded = DatasetLoader.load(p, Recipe.DEFAULT.withMapping("C", "FLOPs (1E21)").withGroup("Model Family"));
        Dataset d = loaded.dataset();
        // 25 of the 148 models publish no training compute: mapping C drops them, counted
        assertThat(loaded.sourceRows()).isEqualTo(148);
        assertThat(d.rowCount()).isEqualTo(123);
        assertThat(loaded.notes()).contains("dropped 25 of 148 rows with an empty cell in C (first at row 14)");
        assertThat(d.column("C")[0]).isEqualTo(84e21);
        assertThat(d.column("Model Size (B)")[0]).isEqualTo(7e9);
        assertThat(d.column("Pretraining Data Size (T)")[0]).isEqualTo(2e12);
        assertThat(d.label("Model Family")).hasValueSatisfying(f -> assertThat(f[0]).isEqualTo("Llama-2"));
        assertThat(loaded.notes()).contains(
                "column \"FLOPs (1E21)\" is multiplied by 1e21 as its header says (turn off with --no-header-units)");
        Dataset raw = DatasetLoader.load(p, Recipe.DEFAULT.withUnitsFromHeaders(false)).dataset();
        assertThat(raw.column("FLOPs (1E21)")[0]).isEqualTo(84.0);
    }

    @Test
    void reproducesTheChinchillaReplicationSelection() {
        Path p = Examples.path("chinchilla-epoch/svg_extracted_data.csv");
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size").withMapping("C", "Training FLOP")
                .withDerivation(Recipe.Derivation.parse("D = C / (6*N)"))
                .withDropHighest(Recipe.DropHighest.parse("loss=5"));
        LoadedDataset loaded = DatasetLoader.load(p, recipe);
        assertThat(loaded.sourceRows()).isEqualTo(245);
        assertThat(loaded.dataset().rowCount()).isEqualTo(240);
        assertThat(loaded.notes()).hasSize(1).first().asString().startsWith("dropped 5 of 245 rows with the highest loss");
    }

    @Test
    void recipeStepsDescribeThemselves() {
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size").withWhere("N > 1").withGroup("family");
        assertThat(recipe.describe()).containsExactly("map N = Model Size", "where N > 1", "group by family");
        assertThat(Recipe.DEFAULT.withMapping("N", "a").then(Recipe.DEFAULT.withMapping("D", "b")).mappings())
                .containsOnlyKeys("N", "D");
        assertThat(List.of(Recipe.Match.parse("family=Llama-2, Qwen").values())).containsExactly(List.of("Llama-2", "Qwen"));
    }
}
