package dev.slaw.io.project;

import dev.slaw.data.BadInputException;
import dev.slaw.io.Checkpoints;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectFileTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheTomlSubsetAProjectNeeds() {
        Map<String, Object> doc = Toml.parse("""
                # a comment
                title = 'lit\\eral'
                [dataset.ladder]
                source = "a \\"b\\".csv"  # trailing comment
                n = 1_000
                x = -2.5e3
                ok = true
                list = [
                  "a",  # first
                  "b",
                ]
                map = { N = "Model Size", "FLOPs (1E21)" = 1e21 }
                checkpoints.step = "current_steps"
                """, "slaw.toml");
        assertThat(doc.get("title")).isEqualTo("lit\\eral");
        @SuppressWarnings("unchecked")
        Map<String, Object> ladder = (Map<String, Object>) ((Map<String, Object>) doc.get("dataset")).get("ladder");
        assertThat(ladder).containsEntry("source", "a \"b\".csv").containsEntry("n", 1000L).containsEntry("x", -2500.0)
                .containsEntry("ok", true).containsEntry("list", List.of("a", "b"));
        assertThat(ladder.get("map")).isEqualTo(Map.of("N", "Model Size", "FLOPs (1E21)", 1e21));
        assertThat(ladder.get("checkpoints")).isEqualTo(Map.of("step", "current_steps"));
    }

    @Test
    void tomlErrorsNameLineAndCharacter() {
        assertThatThrownBy(() -> Toml.parse("[dataset.a]\nsource = open_lm\n", "slaw.toml"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("slaw.toml: line 2, character 10: expected a number, found \"open_lm\" (text needs quotes)");
        assertThatThrownBy(() -> Toml.parse("a = 1\na = 2\n", "slaw.toml"))
                .hasMessage("slaw.toml: line 2, character 1: \"a\" is defined twice");
        assertThatThrownBy(() -> Toml.parse("a = \"open\n", "slaw.toml"))
                .hasMessage("slaw.toml: line 1, character 10: expected a closing \" for the string");
        assertThatThrownBy(() -> Toml.parse("[[runs]]\n", "slaw.toml"))
                .hasMessageContaining("arrays of tables");
    }

    @Test
    void aProjectDatasetLoadsWithNoFlags() throws IOException {
        Path csv = dir.resolve("data").resolve("ladder.csv");
        Files.createDirectories(csv.getParent());
        Files.copy(Examples.path("chinchilla-epoch/svg_extracted_data.csv"), csv);
        Path project = dir.resolve("slaw.toml");
        Files.writeString(project, """
                [dataset.ladder]
                source = "data/ladder.csv"
                map = { N = "Model Size", C = "Training FLOP" }
                derive = ["D = C / (6*N)"]
                drop-highest = "loss=5"
                """);
        ProjectFile file = ProjectFile.read(project);
        ProjectFile.ProjectDataset ladder = file.dataset("ladder").orElseThrow();
        assertThat(Path.of(ladder.source()).toAbsolutePath()).isEqualTo(csv.toAbsolutePath());
        LoadedDataset loaded = DatasetLoader.load(Path.of(ladder.source()), ladder.recipe());
        assertThat(loaded.dataset().rowCount()).isEqualTo(240);
        assertThat(loaded.dataset().columnNames()).contains("N", "C", "D");
    }

    @Test
    void aRenderedDatasetReadsBackAsTheSameRecipe() throws IOException {
        Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size").withMapping("L", "results[val_data=c4].loss")
                .withDerivation(Recipe.Derivation.parse("D = C / (6*N)"))
                .withScale("FLOPs (1E21)", 1e21).withUnitsFromHeaders(false)
                .withCheckpoints(Checkpoints.of(List.of("model", "peak_lr"), "current_steps").withLastOnly(true)
                        .withDropFirstFraction(0.1).withEvery(2))
                .withMatch(Recipe.Match.parse("model=a,b")).withWhere("N >= 1e8 && L < 4")
                .withGroup("model").withDropHighest(Recipe.DropHighest.parse("loss=5"));
        Path project = dir.resolve("slaw.toml");
        Files.writeString(project, "# my project\n");
        ProjectFile.append(project, "sweep", "runs \"2024\".csv", recipe);
        ProjectFile.append(project, "other", "x.csv", Recipe.DEFAULT);
        ProjectFile file = ProjectFile.read(project);
        assertThat(file.datasets()).containsOnlyKeys("sweep", "other");
        assertThat(file.dataset("sweep").orElseThrow().recipe()).isEqualTo(recipe);
        assertThat(file.dataset("sweep").orElseThrow().source()).isEqualTo("runs \"2024\".csv");
        assertThat(Files.readString(project)).startsWith("# my project\n");
        assertThatThrownBy(() -> ProjectFile.append(project, "sweep", "y.csv", Recipe.DEFAULT))
                .hasMessageContaining("dataset \"sweep\" is already defined");
    }

    @Test
    void aValueTheRecipeRefusesNamesTheFileAndSection() throws IOException {
        Path project = dir.resolve("slaw.toml");
        Files.writeString(project, "[dataset.a]\nsource = \"a.csv\"\nonly = [\"m\"]\n");
        assertThatThrownBy(() -> ProjectFile.read(project))
                .isInstanceOf(BadInputException.class)
                .hasMessage(project + ": [dataset.a]: filter \"m\": expected COLUMN=VALUE[,VALUE...], e.g. model=open_lm");
        Files.writeString(project, "[dataset.a]\nsource = \"a.csv\"\ncheckpoints = { run = \"r\", step = \"s\", drop-first = 1.5 }\n");
        assertThatThrownBy(() -> ProjectFile.read(project))
                .hasMessageStartingWith(project + ": [dataset.a]: the fraction of checkpoints to drop must be in [0, 1)");
    }

    @Test
    void unknownKeysAreErrorsNotIgnored() throws IOException {
        Path project = dir.resolve("slaw.toml");
        Files.writeString(project, "[dataset.a]\nsource = \"a.csv\"\nmapping = { N = \"x\" }\n");
        assertThatThrownBy(() -> ProjectFile.read(project))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(project + ": [dataset.a]: unknown key \"mapping\" (known: checkpoints, derive,");
    }
}
