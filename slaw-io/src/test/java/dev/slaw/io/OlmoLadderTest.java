package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Tables as the OLMo ladder leaves them: a folder with one checkpoint CSV per run, whose file
 * name carries the model size and the token multiplier ({@code 190M-0.5xC.csv}), and eleven
 * validation losses side by side. Expected figures were computed from the CSV files with a
 * separate script (Python's csv module).
 */
class OlmoLadderTest {

    private static final Path RUNS = Examples.path("olmo-ladder/data/ladder-runs");
    private static final String C4 = "eval/c4_en-validation/CrossEntropyLoss";
    private static final Recipe LADDER = Recipe.DEFAULT.withFilePattern("{size}-{mult}xC.csv");
    private static final Checkpoints BY_RUN = Checkpoints.of(List.of("size", "mult"), "_step");

    @Test
    void aFolderOfRunFilesGivesOneTableWithValuesFromTheFileNames() {
        LoadedDataset loaded = DatasetLoader.load(RUNS, LADDER);
        Dataset d = loaded.dataset();
        // 20 runs of 4 sizes x 5 multipliers; the four -1xC-rerun files and the 13B target do not match and are left out
        assertThat(d.rowCount()).isEqualTo(2012);
        assertThat(d.column("size")[0]).isEqualTo(1.9e8);
        assertThat(d.column("mult")[0]).isEqualTo(0.5);
        assertThat(d.column(C4)[0]).isEqualTo(8.12406063079834);
        assertThat(d.label("file")).hasValueSatisfying(f -> assertThat(f[0]).isEqualTo("190M-0.5xC.csv"));
        // rows keep their row number within their own file (header = row 1)
        assertThat(d.rowNumber(0)).isEqualTo(2);
        assertThat(Arrays.stream(d.column("size")).distinct().sorted().toArray()).containsExactly(1.9e8, 3.7e8, 7.6e8, 1e9);
        assertThat(Arrays.stream(d.column("mult")).distinct().sorted().toArray()).containsExactly(0.5, 1, 2, 5, 10);
        assertThat(loaded.notes()).containsExactly(
                "dropped 459 of 2471 rows of 5 files whose name does not match {size}-{mult}xC.csv: 190M-1xC-rerun.csv,"
                        + " 1B-1xC-rerun.csv, 370M-1xC-rerun.csv, 760M-1xC-rerun.csv, peteish13_eval_final.csv",
                "values from the names of 20 files ({size}-{mult}xC.csv): size, mult",
                "the 20 files hold 2012 rows, several per file (a run's checkpoints?), and every row is used; --run"
                        + " COLUMN --step COLUMN with --last-checkpoint or --last-mean K --average COLUMN keeps one per run");
    }

    @Test
    void withoutAPatternTheFolderIsReadWhole() {
        Dataset d = DatasetLoader.load(RUNS, Recipe.DEFAULT).dataset();
        assertThat(d.rowCount()).isEqualTo(2471);
        assertThat(d.labels().keySet()).containsExactly("file");
    }

    @Test
    void aPatternThatMatchesNoFileNamesSomeFiles() {
        assertThatThrownBy(() -> DatasetLoader.load(RUNS, Recipe.DEFAULT.withFilePattern("{size}_{mult}xC.csv")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(RUNS + ": no file name matches the pattern \"{size}_{mult}xC.csv\" (files: 190M-0.5xC.csv,"
                        + " 190M-10xC.csv, 190M-1xC-rerun.csv, 190M-1xC.csv, 190M-2xC.csv, ...)");
        assertThatThrownBy(() -> Recipe.DEFAULT.withFilePattern("{size-{mult}xC.csv"))
                .hasMessage("\"size-{mult\" cannot be a field of file pattern \"{size-{mult}xC.csv\": use a simple name"
                        + " (letters, digits, _), such as N or tokens");
        assertThatThrownBy(() -> Recipe.DEFAULT.withFilePattern("runs.csv"))
                .hasMessage("file pattern \"runs.csv\": needs at least one {field}, e.g. \"{size}-{mult}xC.csv\"");
    }

    @Test
    void lastMeanAveragesTheLastKCheckpointsOfEachRun() {
        LoadedDataset loaded = DatasetLoader.load(RUNS, LADDER.withMapping("L", C4)
                .withCheckpoints(BY_RUN.withLastMean(5, List.of("L"))));
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(20);
        int run190m1x = indexOf(d, 1.9e8, 1);
        assertThat(d.column("L")[run190m1x]).isCloseTo(3.605174493789673, within(1e-12));
        // other columns keep the last checkpoint's value
        assertThat(d.column("throughput/total_tokens")[run190m1x]).isEqualTo(3812622336.0);
        assertThat(d.column("_step")[run190m1x]).isEqualTo(7272);
        assertThat(d.column("L")[indexOf(d, 7.6e8, 10)]).isCloseTo(2.9548744201660155, within(1e-12));
        assertThat(loaded.notes()).contains("dropped 1992 of 2012 rows by the checkpoint filters (run = size, mult;"
                + " step = _step; last with the mean of L over the last 5; 20 runs)");
    }

    @Test
    void smoothingIsAMovingAverageThatDropsTheIncompleteFirstWindows() {
        Dataset d = DatasetLoader.load(RUNS, LADDER.withMapping("L", C4)
                .withCheckpoints(BY_RUN.withSmooth(3, List.of("L")))).dataset();
        assertThat(d.rowCount()).isEqualTo(2012 - 20 * 2);
        double[] size = d.column("size");
        double[] mult = d.column("mult");
        double[] step = d.column("_step");
        for (int i = 0; i < d.rowCount(); i++) {
            if (size[i] == 1.9e8 && mult[i] == 1 && step[i] == 600) {
                // the run's third checkpoint: the mean of steps 200, 400 and 600
                assertThat(d.column("L")[i]).isCloseTo(5.248043855031331, within(1e-12));
            }
            if (size[i] == 1.9e8 && mult[i] == 1 && step[i] == 7272) {
                assertThat(d.column("L")[i]).isCloseTo(3.6020164489746094, within(1e-12));
            }
        }
        // the 190M 1xC run's first two checkpoints (steps 200, 400) have no full window
        double first = Double.MAX_VALUE;
        for (int i = 0; i < d.rowCount(); i++) {
            if (size[i] == 1.9e8 && mult[i] == 1) {
                first = Math.min(first, step[i]);
            }
        }
        assertThat(first).isEqualTo(600);
    }

    @Test
    void smoothingRefusesUnclearRequests() {
        assertThatThrownBy(() -> BY_RUN.withSmooth(3, List.of()))
                .hasMessageStartingWith("checkpoint smoothing needs the columns to average (--average COLUMN");
        assertThatThrownBy(() -> DatasetLoader.load(RUNS, LADDER.withCheckpoints(BY_RUN.withLastMean(40, List.of(C4)))))
                .isInstanceOf(BadInputException.class)
                .hasMessage(RUNS + ": row 38: run size = 190000000, mult = 1 has 37 checkpoints, fewer than the 40 to"
                        + " average (--last-mean)");
    }

    @Test
    void meltStacksTheElevenValidationLossesKeepingTheirColumnNames() {
        LoadedDataset loaded = DatasetLoader.load(RUNS, LADDER
                .withMelt(new Recipe.Melt(List.of("eval/*-validation/CrossEntropyLoss"), "loss", "set")));
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(2012 * 11);
        assertThat(d.columnNames()).doesNotContain(C4).contains("loss", "size", "mult", "_step");
        String[] set = d.label("set").orElseThrow();
        assertThat(set[0]).isEqualTo(C4);
        assertThat(set[1]).isEqualTo("eval/dolma_books-validation/CrossEntropyLoss");
        assertThat(set[10]).isEqualTo("eval/wikitext_103-validation/CrossEntropyLoss");
        assertThat(d.column("loss")[0]).isEqualTo(8.12406063079834);
        assertThat(d.column("loss")[1]).isEqualTo(8.306267738342285);
        assertThat(d.column("_step")[10]).isEqualTo(50);
        assertThat(d.column("_step")[11]).isEqualTo(100);
        assertThat(d.rowNumber(10)).isEqualTo(2);
        assertThat(loaded.notes()).anySatisfy(n -> assertThat(n).startsWith(
                "melted 11 columns into loss (2012 rows became 22132; names in set): eval/c4_en-validation/"));
    }

    @Test
    void meltedRowsCanBeFilteredByTheirSourceColumn() {
        Dataset d = DatasetLoader.load(RUNS, LADDER
                .withMelt(new Recipe.Melt(List.of("eval/pile-validation/CrossEntropyLoss", C4), "loss", "set"))
                .withMatch(Recipe.Match.parse("set=" + C4))).dataset();
        assertThat(d.rowCount()).isEqualTo(2012);
        assertThat(d.column("loss")[0]).isEqualTo(8.12406063079834);
    }

    @Test
    void meltNamesWhatIsMissing() {
        assertThatThrownBy(() -> DatasetLoader.load(RUNS, LADDER
                .withMelt(new Recipe.Melt(List.of("eval/*-test/CrossEntropyLoss"), "loss", "set"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(RUNS + ": melt: no column matches \"eval/*-test/CrossEntropyLoss\" (columns: _step,");
        assertThatThrownBy(() -> new Recipe.Melt(List.of(C4), "loss", "loss"))
                .hasMessage("melt: the values and the column names need two different columns, got loss for both");
    }

    private static int indexOf(Dataset d, double size, double mult) {
        for (int i = 0; i < d.rowCount(); i++) {
            if (d.column("size")[i] == size && d.column("mult")[i] == mult) {
                return i;
            }
        }
        throw new AssertionError("no run " + size + " x" + mult);
    }
}
