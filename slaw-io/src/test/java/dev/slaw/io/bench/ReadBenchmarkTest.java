package dev.slaw.io.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs end to end at a small size (its timings are for BENCHMARKS.md, not checked here). */
class ReadBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void runsEveryStepOnASmallTable() throws IOException {
        StringWriter text = new StringWriter();
        ReadBenchmark.run(new ReadBenchmark.Settings(3_000, dir, true), new PrintWriter(text));
        assertThat(text.toString())
                .contains("generate  3,000 rows")
                .contains("read      3,000 rows x 7 columns + 1 labels")
                .contains("read+last 3 runs")
                .contains("import    3,000 rows")
                .contains("runs      1 dataset(s), 3,000 rows");
    }
}
