package dev.slaw.report.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FigureJsonTest {

    @Test
    void aFiguresNumbersAreWrittenAsDrawnWithMissingValuesAsNull(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Chart chart = Chart.of("IsoFLOP", Axis.log("parameters N"), Axis.linear("loss").withRange(2, 4), List.of(
                        Series.points("runs", new double[]{1e8, 2e8}, new double[]{3.1, 2.9}, 0),
                        new Series("minima", new double[]{1.5e8, Double.NaN}, new double[]{2.8, Double.NaN}, Mark.HIGHLIGHT, 9, false)))
                .withBands(List.of(new Band("95% interval", new double[]{1e8, 2e8}, new double[]{3, 2.8}, new double[]{3.2, 3}, 0)));
        Path file = dir.resolve("figure.json");
        ChartRenderer.write(Figure.of(chart), new ChartSize(400, 300), file);
        JsonNode panel = new ObjectMapper().readTree(file.toFile()).path("panels").get(0);
        assertThat(panel.path("title").asText()).isEqualTo("IsoFLOP");
        assertThat(panel.path("x").path("scale").asText()).isEqualTo("log");
        assertThat(panel.path("x").path("min").isNull()).isTrue();
        assertThat(panel.path("y").path("max").asDouble()).isEqualTo(4);
        JsonNode minima = panel.path("series").get(1);
        assertThat(minima.path("mark").asText()).isEqualTo("highlight");
        assertThat(minima.path("in_legend").asBoolean()).isFalse();
        assertThat(minima.path("x").get(1).isNull()).isTrue();
        assertThat(panel.path("series").get(0).path("colour").asText()).isEqualTo(String.format("#%06x", ChartRenderer.colour(0).getRGB() & 0xFFFFFF));
        assertThat(panel.path("bands").get(0).path("upper").get(0).asDouble()).isEqualTo(3.2);
        assertThat(Files.readString(file)).endsWith("\n");
    }
}
