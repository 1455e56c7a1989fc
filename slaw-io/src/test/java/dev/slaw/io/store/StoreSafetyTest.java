package dev.slaw.io.store;

import dev.slaw.data.BadInputException;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Examples;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run store keeps its catalogue and tables consistent, and readers change nothing. */
class StoreSafetyTest {

    @TempDir
    Path dir;

    private static LoadedDataset ladder(String where) {
        return DatasetLoader.load(Examples.path("chinchilla-epoch/svg_extracted_data.csv"),
                Recipe.DEFAULT.withMapping("N", "Model Size").withWhere(where));
    }

    @Test
    void namesThatDifferOnlyInCaseClashAndReplaceDropsTheOldTable() {
        Path db = dir.resolve("s.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("good", ladder("N < 1e9"), "small", false);
            assertThatThrownBy(() -> store.save("GOOD", ladder("N >= 1e9"), "large", false))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("\"good\" is already stored");
            long large = store.save("GOOD", ladder("N >= 1e9"), "large", true).rows();
            assertThat(store.names()).containsExactly("GOOD");
            assertThat(store.load("GOOD", Recipe.DEFAULT).dataset().rowCount()).isEqualTo((int) large);
            assertThat(store.query("select count(*) from dataset_GOOD", 1).rows()).containsExactly(List.of(Long.toString(large)));
        }
    }

    @Test
    void removeDropsTheTableAndTheCatalogueEntryTogether() {
        Path db = dir.resolve("s.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("ladder", ladder("N > 0"), "all", false);
            assertThat(store.remove("ladder").name()).isEqualTo("ladder");
            assertThat(store.names()).isEmpty();
            assertThat(store.query("select count(*) from information_schema.tables where table_name = 'dataset_ladder'",
                    1).rows()).containsExactly(List.of("0"));
            assertThatThrownBy(() -> store.remove("ladder")).hasMessageContaining("no dataset of that name");
        }
    }

    @Test
    void aFileThatIsNotDuckDbIsRefusedUntouched() throws IOException {
        Path csv = Files.writeString(dir.resolve("runs.csv"), "N,loss\n1,2\n");
        assertThatThrownBy(() -> RunStore.open(csv)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("runs.csv: not a DuckDB run store");
        assertThatThrownBy(() -> FitStore.open(csv)).hasMessageContaining("not a DuckDB run store");
        assertThat(Files.readString(csv)).isEqualTo("N,loss\n1,2\n");
        assertThatThrownBy(() -> RunStore.open(dir)).hasMessageContaining("is a folder");
    }

    @Test
    void aReadOnlyStoreRefusesChangesAndOtherFilesAndWritesNoCatalogueCopy() throws IOException, InterruptedException {
        Path db = dir.resolve("s.duckdb");
        try (RunStore store = RunStore.open(db)) {
            store.save("ladder", ladder("N > 0"), "all", false);
        }
        Path copy = CatalogueFile.of(db);
        FileTime copyTime = Files.getLastModifiedTime(copy);
        FileTime dbTime = Files.getLastModifiedTime(db);
        Thread.sleep(20);
        try (RunStore store = RunStore.openReadOnly(db)) {
            assertThat(store.readOnly()).isTrue();
            assertThat(store.names()).containsExactly("ladder");
            assertThatThrownBy(() -> store.query("delete from slaw_datasets", 1)).hasMessageContaining("read-only");
            assertThatThrownBy(() -> store.query("drop table fits", 1)).hasMessageContaining("read-only");
            assertThatThrownBy(() -> store.query("copy fits to '" + dir.resolve("x.csv") + "'", 1))
                    .isInstanceOf(BadInputException.class);
            assertThatThrownBy(() -> store.query("set enable_external_access = true", 1))
                    .isInstanceOf(BadInputException.class);
            assertThat(store.fits().list()).isEmpty();
        }
        assertThat(dir.resolve("x.csv")).doesNotExist();
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(copyTime);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(dbTime);
    }

    @Test
    void fitsCanBeRemovedById() {
        Path db = dir.resolve("s.duckdb");
        try (FitStore fits = FitStore.open(db)) {
            long id = fits.save("ladder", "chinchilla", "abc", "{\"slaw_fit\": 1}");
            assertThat(fits.remove(id).law()).isEqualTo("chinchilla");
            assertThat(fits.list()).isEmpty();
            assertThatThrownBy(() -> fits.remove(id)).hasMessageContaining("no fit with id " + id);
        }
    }
}
