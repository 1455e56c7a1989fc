package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "host")
    static final class Host {
        @Mixin
        DataOptions data;

        @Parameters(index = "0", arity = "0..1")
        String source;
    }

    private Host parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host;
    }

    @Test
    void turnsOptionsIntoARecipeAndLoadsAFile() throws IOException {
        Path csv = dir.resolve("ladder.csv");
        Files.writeString(csv, "Model Size,Training FLOP,loss,family\n1e8,6e18,3.2,a\n2e8,2.4e19,3.0,b\n4e8,9.6e19,2.8,b\n");
        Host host = parse(csv.toString(), "--map", "N=Model Size", "--map", "C=Training FLOP",
                "--derive", "D = C / (6*N)", "--where", "N >= 2e8", "--group", "family", "--drop-highest", "loss=1");
        LoadedDataset loaded = host.data.load(host.source);
        assertThat(loaded.dataset().column("N")).containsExactly(4e8);
        assertThat(loaded.group()).contains("family");
        assertThat(host.data.recipe().describe()).containsExactly("map N = Model Size", "map C = Training FLOP",
                "derive D = C / (6*N)", "where N >= 2e8", "group by family", "drop highest loss x1");
    }

    @Test
    void aSavedRelativeSourceIsWrittenRelativeToTheProjectFile() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path csv = data.resolve("ladder.csv");
        Files.writeString(csv, "N,loss\n1e8,3.2\n2e8,3.0\n");
        Path project = Files.createDirectories(dir.resolve("project")).resolve("slaw.toml");
        String relative = Path.of("").toAbsolutePath().relativize(csv.toAbsolutePath()).toString();
        Host save = parse(relative, "--project", project.toString(), "--save-dataset", "ladder");
        save.data.load(save.source);
        assertThat(Files.readString(project)).contains("source = \"../data/ladder.csv\"");
        Host byName = parse("--project", project.toString(), "--dataset", "ladder");
        assertThat(byName.data.load(null).dataset().rowCount()).isEqualTo(2);
    }

    @Test
    void aMappedJsonPathMayHoldAnEqualsSign() {
        Host host = parse("--map", "L=results[val_data=c4].loss", "--map", "N=hyperparameters.params");
        assertThat(host.data.recipe().mappings()).containsExactly(
                java.util.Map.entry("L", "results[val_data=c4].loss"), java.util.Map.entry("N", "hyperparameters.params"));
    }

    @Test
    void checkpointOptionsBuildCheckpointFilters() {
        Host host = parse("--run", "model,peak_lr", "--step", "current_steps", "--last-checkpoint", "--every", "2");
        assertThat(host.data.recipe().checkpoints().describe())
                .isEqualTo("run = model, peak_lr; step = current_steps; every 2 checkpoints; last only");
        assertThatThrownBy(() -> parse("--last-checkpoint").data.recipe())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--run");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThatThrownBy(() -> parse().data.load("nope.csv"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("nope.csv: no such file");
        assertThatThrownBy(() -> parse().data.load(null))
                .isInstanceOf(BadInputException.class).hasMessage("no data: give a file or --dataset NAME");
    }

    @Test
    void savesADatasetToTheProjectAndLoadsItBackByName() throws IOException {
        Path csv = dir.resolve("ladder.csv");
        Files.writeString(csv, "Model Size,loss\n1e8,3.2\n2e8,3.0\n4e8,2.8\n");
        Path project = dir.resolve("slaw.toml");
        Host first = parse(csv.toString(), "--project", project.toString(), "--map", "N=Model Size",
                "--save-dataset", "ladder");
        assertThat(first.data.load(first.source).notes()).containsExactly("saved as dataset \"ladder\" in " + project);
        Host byName = parse("--project", project.toString(), "--dataset", "ladder", "--where", "N > 1e8");
        LoadedDataset loaded = byName.data.load(byName.source);
        assertThat(loaded.dataset().column("N")).containsExactly(2e8, 4e8);
        Host positional = parse("ladder", "--project", project.toString());
        assertThat(positional.data.load(positional.source).dataset().rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> parse("--project", project.toString(), "--dataset", "nope").data.load(null))
                .hasMessage("nope: no such file and no dataset of that name in " + project + " (datasets: ladder)");
    }

    @Test
    void tablesAsTheyComeOptionsLoadTheOlmoLadderAndSurviveTheProjectFile() throws IOException {
        Path runs = examples("olmo-ladder/data/ladder-runs");
        Path project = dir.resolve("slaw.toml");
        Host host = parse(runs.toString(), "--file-pattern", "{size}-{mult}xC.csv", "--map", "N=size",
                "--map", "L=eval/c4_en-validation/CrossEntropyLoss", "--run", "size,mult", "--step", "_step",
                "--last-mean", "5", "--average", "L", "--project", project.toString(), "--save-dataset", "ladder");
        LoadedDataset loaded = host.data.load(host.source);
        assertThat(loaded.dataset().rowCount()).isEqualTo(20);
        assertThat(host.data.recipe().describe()).containsExactly("file names {size}-{mult}xC.csv", "map N = size",
                "map L = eval/c4_en-validation/CrossEntropyLoss",
                "checkpoints run = size, mult; step = _step; last with the mean of L over the last 5");
        assertThat(Files.readString(project)).contains("file-pattern = \"{size}-{mult}xC.csv\"",
                "last-mean = 5", "average = [\"L\"]");
        Host byName = parse("--dataset", "ladder", "--project", project.toString());
        assertThat(byName.data.load(null).dataset().column("L"))
                .containsExactly(loaded.dataset().column("L"));

        Host melted = parse(runs.toString(), "--file-pattern", "{size}-{mult}xC.csv",
                "--melt", "eval/pile-validation/CrossEntropyLoss,eval/c4_en-validation/CrossEntropyLoss",
                "--into", "loss", "--melt-names", "set", "--project", project.toString(), "--save-dataset", "long");
        assertThat(melted.data.load(melted.source).dataset().rowCount()).isEqualTo(2 * 2012);
        Host longByName = parse("--dataset", "long", "--project", project.toString());
        assertThat(longByName.data.load(null).dataset().label("set")).isPresent();
    }

    @Test
    void smoothingWithoutCheckpointColumnsIsBadInput() {
        Host host = parse(examples("olmo-ladder/data/ladder-runs").toString(), "--smooth", "3", "--average", "L");
        assertThatThrownBy(() -> host.data.recipe()).isInstanceOf(BadInputException.class)
                .hasMessage("checkpoint filters need --run COLUMN[,COLUMN...] and --step COLUMN");
    }

    private static Path examples(String relative) {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("examples").resolve(relative))) {
            d = d.getParent();
        }
        return d.resolve("examples").resolve(relative);
    }
}
