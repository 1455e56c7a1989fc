package dev.slaw.io.store;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.io.Checkpoints;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Examples;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStoreTest {

    @TempDir
    Path dir;

    private static LoadedDataset ladder() {
        return DatasetLoader.load(Examples.path("chinchilla-epoch/svg_extracted_data.csv"),
                Recipe.DEFAULT.withMapping("N", "Model Size").withMapping("C", "Training FLOP")
                        .withDerivation(Recipe.Derivation.parse("D = C / (6*N)")));
    }

    @Test
    void importListLoadByNameAndSaveAFit() {
        Path db = dir.resolve("slaw.duckdb");
        LoadedDataset ladder = ladder();
        try (RunStore store = RunStore.open(db)) {
            StoredDataset stored = store.save("ladder", ladder, "svg_extracted_data.csv", false);
            assertThat(stored.rows()).isEqualTo(245);
        }
        try (RunStore store = RunStore.openExisting(db)) {
            List<StoredDataset> all = store.datasets();
            assertThat(all).hasSize(1);
            StoredDataset d = all.get(0);
            assertThat(d.name()).isEqualTo("ladder");
            assertThat(d.columns()).contains("N", "C", "D", "loss");
            assertThat(d.labels()).contains("color");
            assertThat(d.recipe()).containsExactly("map N = Model Size", "map C = Training FLOP", "derive D = C / (6*N)");
            LoadedDataset again = store.load("ladder", Recipe.DEFAULT.withDropHighest(Recipe.DropHighest.parse("loss=5")));
            assertThat(again.dataset().rowCount()).isEqualTo(240);
            // the same rows, the same numbers, the same source row numbers as the file
            Dataset original = ladder.dataset();
            Dataset all245 = store.load("ladder", Recipe.DEFAULT).dataset();
            assertThat(all245.column("D")).containsExactly(original.column("D"));
            assertThat(all245.rowNumbers()).containsExactly(original.rowNumbers());
            assertThat(all245.fingerprint(List.of("N", "D", "loss"))).isEqualTo(original.fingerprint(List.of("N", "D", "loss")));

            long id = store.fits().save("ladder", "chinchilla", "abc123", "{\"E\": 1.82}");
            assertThat(store.fits().list()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo(id);
                assertThat(f.law()).isEqualTo("chinchilla");
                assertThat(f.json()).isEqualTo("{\"E\": 1.82}");
            });
            assertThat(store.query("select count(*) as n from dataset_ladder where N > 1e9", 10).rows())
                    .containsExactly(List.of("127"));
        }
        try (FitStore fits = FitStore.open(db)) {
            assertThat(fits.forDataset("ladder")).hasSize(1);
            assertThat(fits.get(99)).isEmpty();
        }
    }

    @Test
    void theCatalogueCopyIsUsedOnlyWhileNewerThanTheDatabase() throws IOException {
        Path db = dir.resolve("slaw.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("ladder", ladder(), "a.csv", false);
        }
        assertThat(CatalogueFile.readFresh(db)).hasValueSatisfying(list -> {
            assertThat(list).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("ladder");
                assertThat(d.rows()).isEqualTo(245);
                assertThat(d.columns()).contains("N", "D");
            });
        });
        try (RunStore store = RunStore.open(db)) {
            assertThat(CatalogueFile.readFresh(db)).hasValueSatisfying(list ->
                    assertThat(list).isEqualTo(store.datasets()));
        }
        // another tool changes the database: the copy is older and ignored
        Files.setLastModifiedTime(db, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
        assertThat(CatalogueFile.readFresh(db)).isEmpty();
        // even a change that leaves the database older than the copy (a restored backup)
        Files.setLastModifiedTime(db, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        assertThat(CatalogueFile.readFresh(db)).isEmpty();
        try (RunStore store = RunStore.open(db)) {
            assertThat(store.datasets()).hasSize(1);
        }
        // closing the store made the copy again
        assertThat(CatalogueFile.readFresh(db)).isPresent();
        Files.writeString(CatalogueFile.of(db), "[dataset.ladder]\nrows = \"many\"\n");
        assertThat(CatalogueFile.readFresh(db)).isEmpty();
    }

    @Test
    void anExistingNameNeedsReplace() {
        Path db = dir.resolve("slaw.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("ladder", ladder(), "a.csv", false);
            assertThatThrownBy(() -> store.save("ladder", ladder(), "a.csv", false))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("dataset \"ladder\" is already stored (use --replace");
            store.save("ladder", ladder(), "b.csv", true);
            assertThat(store.dataset("ladder")).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo("b.csv"));
        }
    }

    @Test
    void anImportFailingAtRowKLeavesTheStoreUnchanged() {
        Path db = dir.resolve("slaw.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("first", ladder(), "a.csv", false);
            assertThatThrownBy(() -> store.save("second", ladder(), "b.csv", false, row -> {
                if (row == 100) {
                    throw new IllegalStateException("disk full at row 100");
                }
            })).hasMessage("disk full at row 100");
            // replacing fails midway too: the old rows survive
            assertThatThrownBy(() -> store.save("first", ladder(), "c.csv", true, row -> {
                if (row == 10) {
                    throw new IllegalStateException("killed");
                }
            })).hasMessage("killed");
            assertThat(store.names()).containsExactly("first");
            assertThat(store.dataset("first")).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo("a.csv"));
            assertThat(store.query("select table_name from information_schema.tables where table_name like 'dataset_%'",
                    10).rows()).containsExactly(List.of("dataset_first"));
            assertThat(store.query("select count(*) from dataset_first", 1).rows()).containsExactly(List.of("245"));
        }
    }

    @Test
    void anImportKilledMidwayLeavesTheStoreUnchanged() throws Exception {
        Path db = dir.resolve("slaw.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("first", ladder(), "a.csv", false);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the child's temp folder is this test's, so the DuckDB library it unpacks goes when the test ends,
        // although a killed JVM cannot delete it itself
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"),
                SlowImport.class.getName(), db.toString(), Examples.path("misfitting/scaling_results.csv").toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(SlowImport.MIDWAY));
            assertThat(line).as("the child import reached its midpoint").isNotNull();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (RunStore store = RunStore.openExisting(db)) {
            assertThat(store.names()).containsExactly("first");
            assertThat(store.query("select count(*) from information_schema.tables where table_name = 'dataset_sweep'",
                    1).rows()).containsExactly(List.of("0"));
            assertThat(store.load("first", Recipe.DEFAULT).dataset().rowCount()).isEqualTo(245);
        }
    }

    @Test
    void parquetRoundTripKeepsNumbersLabelsAndMissingValues() {
        LoadedDataset sweep = DatasetLoader.load(Examples.path("misfitting/scaling_results.csv"),
                Recipe.DEFAULT.withCheckpoints(Checkpoints.of(List.of("model", "total_steps", "peak_lr", "sweep"),
                        "current_steps").withLastOnly(true)));
        Dataset original = sweep.dataset().withColumn("gap", withNaN(sweep.dataset().column("loss")));
        Path parquet = dir.resolve("sweep.parquet");
        ParquetFiles.write(original, parquet);
        Dataset back = DatasetLoader.load(parquet, Recipe.DEFAULT).dataset();
        assertThat(back.rowCount()).isEqualTo(240);
        assertThat(back.columnNames()).isEqualTo(original.columnNames());
        for (String name : original.columnNames()) {
            assertThat(back.column(name)).as(name).containsExactly(original.column(name));
        }
        assertThat(back.label("model")).hasValueSatisfying(m -> assertThat(m).containsExactly(original.label("model").orElseThrow()));
    }

    @Test
    void aBrokenParquetFileIsBadInput() throws IOException {
        Path p = dir.resolve("broken.parquet");
        Files.writeString(p, "not parquet at all");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(p + ": cannot read as Parquet: ");
    }

    private static double[] withNaN(double[] values) {
        double[] out = values.clone();
        out[3] = Double.NaN;
        return out;
    }
}
