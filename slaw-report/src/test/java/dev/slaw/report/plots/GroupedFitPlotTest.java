package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.law.Catalogue;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A grouped fit's plot draws each group's curve from that group's own fit, in the group's colour. */
class GroupedFitPlotTest {

    @Test
    void eachGroupsCurveIsItsOwnFitInItsPointsColour() {
        double[] x = new double[12];
        double[] y = new double[12];
        String[] family = new String[12];
        for (int i = 0; i < 12; i++) {
            x[i] = 1e6 * Math.pow(10, (i % 6) * 0.5);
            family[i] = i < 6 ? "small" : "large";
            y[i] = 1.5 + (i < 6 ? 300 : 900) / Math.pow(x[i], 0.3);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x);
        cols.put("loss", y);
        Dataset data = Dataset.of("ladder", cols);
        GroupedFit grouped = GroupFitter.fitSeparately(Catalogue.builtIn().find("power-offset").orElseThrow(), data,
                "family", family, "loss", FitOptions.defaults().withThreads(1));
        Chart chart = GroupedFitPlot.chart(grouped, data, Arrays.asList(family), FitPlotOptions.defaults());

        List<Series> points = chart.series().stream().filter(s -> s.mark() == Mark.POINTS).toList();
        assertThat(points).extracting(Series::label).containsExactly("family = large", "family = small");
        for (Series p : points) {
            String group = p.label().substring("family = ".length());
            Series line = chart.series().stream().filter(s -> s.mark() == Mark.LINE && s.label().endsWith(p.label()))
                    .findFirst().orElseThrow();
            assertThat(line.colour()).isEqualTo(p.colour());
            double atLast = line.x()[line.x().length - 1];
            assertThat(line.y()[line.y().length - 1])
                    .isCloseTo(grouped.fit(group).predict(Map.of("x", atLast)), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(chart.title()).isEqualTo("power-offset, one fit per family");
    }
}
