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
                .isInstanceOf(BadInputException.class).hasMessage("nope.csv: no such file");
    }
}
