package dev.slaw.io;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --where compares text columns to text, on the observational-scaling table of 148 models. */
class TextFilterTest {
    private static final Path MODELS = Examples.path("obsscaling/base_llm_benchmark_eval.csv");

    @Test
    void keepsTheRowsOfOneModelFamily() {
        Dataset d = DatasetLoader.load(MODELS, Recipe.DEFAULT.withWhere("Model Family == \"Qwen1.5\"")).dataset();
        assertThat(d.rowCount()).isEqualTo(8);
        assertThat(d.label("Model Family").orElseThrow()).containsOnly("Qwen1.5");
        assertThat(d.label("Model").orElseThrow()).contains("Qwen/Qwen1.5-7B");
    }

    @Test
    void dropsTheRowsOfOneFamilyAndCombinesWithNumbers() {
        Dataset all = DatasetLoader.load(MODELS, Recipe.DEFAULT).dataset();
        Dataset d = DatasetLoader.load(MODELS, Recipe.DEFAULT.withWhere("Model Family != 'Qwen1.5' && MMLU > 0.5"))
                .dataset();
        int expected = 0;
        String[] family = all.label("Model Family").orElseThrow();
        double[] mmlu = all.column("MMLU");
        for (int i = 0; i < all.rowCount(); i++) {
            if (!family[i].equals("Qwen1.5") && mmlu[i] > 0.5) {
                expected++;
            }
        }
        assertThat(all.rowCount()).isEqualTo(148);
        assertThat(d.rowCount()).isEqualTo(expected).isBetween(10, 140);
        assertThat(d.label("Model Family").orElseThrow()).doesNotContain("Qwen1.5");
    }

    @Test
    void aNumericColumnComparedToTextIsOneClearLine() {
        assertThatThrownBy(() -> DatasetLoader.load(MODELS, Recipe.DEFAULT.withWhere("MMLU == \"high\"")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("base_llm_benchmark_eval.csv: filter")
                .hasMessageContaining("column 'MMLU' holds numbers; compare it to a number, not to text \"high\"");
    }
}
