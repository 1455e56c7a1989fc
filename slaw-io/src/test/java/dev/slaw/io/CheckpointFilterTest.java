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

class CheckpointFilterTest {

    /** A run in the (Mis)Fitting sweep is a model size, a step budget, a peak learning rate and a sweep. */
    private static final Checkpoints MISFITTING_RUNS =
            Checkpoints.of(List.of("model", "total_steps", "peak_lr", "sweep"), "current_steps");

    private static final Path SCALING_RESULTS = Examples.path("misfitting/scaling_results.csv");

    @TempDir
    Path dir;

    @Test
    void readsAllCheckpointsOfTheMisfittingSweep() {
        LoadedDataset loaded = DatasetLoader.load(SCALING_RESULTS, Recipe.DEFAULT);
        assertThat(loaded.dataset().rowCount()).isEqualTo(4852);
        assertThat(loaded.dataset().label("model")).isPresent();
        assertThat(loaded.notes()).isEmpty();
    }

    @Test
    void keepsTheLastCheckpointOfEachOfThe240Runs() {
        LoadedDataset loaded = DatasetLoader.load(SCALING_RESULTS,
                Recipe.DEFAULT.withCheckpoints(MISFITTING_RUNS.withLastOnly(true)));
        Dataset d = loaded.dataset();
        assertThat(d.rowCount()).isEqualTo(240);
        // every final checkpoint has run its whole step budget (two runs overshoot to 256 of 250)
        double[] portion = d.column("portion_steps_elapsed");
        for (double p : portion) {
            assertThat(p).isGreaterThanOrEqualTo(1.0);
        }
        assertThat(loaded.notes()).containsExactly("dropped 4612 of 4852 rows by the checkpoint filters (run = model,"
                + " total_steps, peak_lr, sweep; step = current_steps; last only; 240 runs)");
    }

    @Test
    void dropsTheWarmUpFractionOfEachRun() {
        // figures computed independently from the CSV: floor(0.1 n) checkpoints dropped per run
        assertThat(load(MISFITTING_RUNS.withDropFirstFraction(0.1)).rowCount()).isEqualTo(4452);
        assertThat(load(MISFITTING_RUNS.withFromStepFraction(0.5)).rowCount()).isEqualTo(2640);
        assertThat(load(MISFITTING_RUNS.withEvery(3)).rowCount()).isEqualTo(1700);
        assertThat(load(MISFITTING_RUNS.withDropFirstFraction(0.1).withLastOnly(true)).rowCount()).isEqualTo(240);
    }

    @Test
    void warmUpDropAndThinningKeepTheFinalCheckpointAndSourceOrder() throws IOException {
        Path p = dir.resolve("curve.csv");
        Files.writeString(p, """
                run,step,loss
                a,10,5
                b,10,6
                a,20,4
                a,30,3
                b,20,5
                a,40,2.5
                a,50,2.4
                """);
        Checkpoints runs = Checkpoints.of(List.of("run"), "step");
        Dataset thinned = DatasetLoader.load(p, Recipe.DEFAULT.withCheckpoints(runs.withEvery(2))).dataset();
        assertThat(thinned.rowNumbers()).containsExactly(2, 5, 6, 8);
        Dataset late = DatasetLoader.load(p, Recipe.DEFAULT.withCheckpoints(runs.withDropFirstFraction(0.4))).dataset();
        // run a loses floor(0.4 * 5) = 2 checkpoints, run b floor(0.4 * 2) = 0
        assertThat(late.column("step")).containsExactly(10, 30, 20, 40, 50);
    }

    @Test
    void aCheckpointWithoutAStepIsAnError() throws IOException {
        Path p = dir.resolve("curve.csv");
        Files.writeString(p, "run,step,loss\na,10,5\na,,4\n");
        assertThatThrownBy(() -> DatasetLoader.load(p, Recipe.DEFAULT.withCheckpoints(
                Checkpoints.of(List.of("run"), "step").withLastOnly(true))))
                .isInstanceOf(BadInputException.class)
                .hasMessage(p + ": row 3, column \"step\": a checkpoint without a step");
    }

    private Dataset load(Checkpoints checkpoints) {
        return DatasetLoader.load(SCALING_RESULTS, Recipe.DEFAULT.withCheckpoints(checkpoints)).dataset();
    }
}
