package dev.slaw.report.plots;

import dev.slaw.report.Fixtures;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Series;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.TickLabelsProbe;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a picture shows is what it says: shaded bands name their kind and level, many groups get
 * distinct colours, axes carry a readable number of labels over the range that matters, and
 * every choice of a sweep is named.
 */
class PicturesTellTheTruthTest {

    private static AxesChart<?, ?> painted(Chart chart) {
        AxesChart<?, ?> x = ChartRenderer.toXChart(chart, ChartSize.DEFAULT);
        x.paint(new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB).createGraphics(), 900, 600);
        return x;
    }

    @Test
    void aShadedBandIsListedInTheLegendByItsKindAndLevel() {
        Chart chart = FitPlot.chart(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset(),
                FitPlotOptions.defaults(), PredictionInterval.confidence(Fixtures.chinchillaBootstrap()));
        XYChart x = (XYChart) ChartRenderer.toXChart(chart, ChartSize.DEFAULT);
        List<XYSeries> shaded = x.getSeriesCollection().stream()
                .filter(s -> s.getXYSeriesRenderStyle().orElse(null) == XYSeries.XYSeriesRenderStyle.PolygonArea).toList();
        assertThat(shaded).hasSizeGreaterThan(6);
        // one legend entry for all groups' bands, saying what they are
        assertThat(shaded).filteredOn(XYSeries::isShowInLegend).singleElement()
                .satisfies(s -> assertThat(s.getName().replace("\n", " ")).startsWith("90% bootstrap confidence interval of the law (")
                        .endsWith(" replicates)"));
    }

    @Test
    void theFitPlotMarksWhereTheDataEndAndExtrapolationBegins() {
        Chart chart = FitPlot.chart(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset(), FitPlotOptions.defaults());
        double largestD = java.util.Arrays.stream(Fixtures.chinchillaData().dataset().column("D")).max().orElseThrow();
        assertThat(chart.series()).filteredOn(s -> s.label().startsWith("end of data (largest D = ")).singleElement()
                .satisfies(s -> {
                    assertThat(s.x()).containsExactly(largestD, largestD);
                    assertThat(s.inLegend()).isTrue();
                });
    }

    @Test
    void theFrontierOverTheDataMarksTheLargestBudgetInTheData() {
        var data = Fixtures.chinchillaData().dataset();
        double largest = 0;
        for (int i = 0; i < data.rowCount(); i++) {
            largest = Math.max(largest, 6 * data.column("N")[i] * data.column("D")[i]);
        }
        double c = largest;
        Chart chart = PlanPlots.frontierOverDataChart(Fixtures.chinchillaFit(), data);
        assertThat(chart.series()).filteredOn(s -> s.label().startsWith("end of data (largest C = ")).singleElement()
                .satisfies(s -> assertThat(s.x()).containsExactly(c, c));
    }

    @Test
    void eighteenIsoFlopBudgetsGetEighteenDistinctColours() {
        List<IsoFlopProfile> profiles = new ArrayList<>();
        for (int b = 0; b < 18; b++) {
            double nStar = 1e7 * Math.pow(10, b * 0.2);
            double[] n = {nStar / 3, nStar, nStar * 3};
            double[] loss = {3.1 - 0.05 * b, 3 - 0.05 * b, 3.1 - 0.05 * b};
            profiles.add(new IsoFlopProfile("budget " + b, n, loss, n, loss, nStar, 3 - 0.05 * b));
        }
        XYChart x = (XYChart) ChartRenderer.toXChart(PlanPlots.isoFlop(profiles), ChartSize.DEFAULT);
        Set<Color> colours = new HashSet<>();
        for (int b = 0; b < 18; b++) {
            colours.add(opaque(x.getSeries("budget " + b).getMarkerColor()));
        }
        colours.add(opaque(x.getSeries("minima").getMarkerColor().brighter()));
        assertThat(colours).hasSize(19);
    }

    private static Color opaque(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue());
    }

    /** A warm-up to 3e-4 over 2,160 steps, then warmup-stable-decay to 3e-5 from step 20,000. */
    private static List<LossCurve> candidates() {
        int steps = 240;
        double[] step = new double[steps];
        double[] constant = new double[steps];
        double[] wsd = new double[steps];
        double[] lossConstant = new double[steps];
        double[] lossWsd = new double[steps];
        for (int i = 0; i < steps; i++) {
            step[i] = i * 100;
            double warm = Math.min(1, (step[i] + 1) / 2160);
            constant[i] = 3e-4 * warm;
            double decay = step[i] > 20000 ? (step[i] - 20000) / 4000 : 0;
            wsd[i] = step[i] > 20000 ? 3e-4 * Math.pow(0.1, decay) : constant[i];
            // a spike of 24 nats at step 0 falling to about 3.3
            lossConstant[i] = 3.2 + 20.8 / Math.sqrt(1 + step[i] / 10);
            lossWsd[i] = lossConstant[i] - 0.08 * decay;
        }
        return List.of(LossCurve.predicted("warmup(2160)+constant(3e-4)", step, lossConstant, constant),
                LossCurve.predicted("warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000, total=24000)", step, lossWsd, wsd));
    }

    @Test
    void theLossAxisStartsAfterWarmUpSoCandidatesThatDifferByTenthsCanBeToldApart() {
        Chart loss = CurvePlots.lossCurves(candidates());
        assertThat(loss.y().max()).isLessThan(5);
        assertThat(loss.y().min()).isGreaterThan(3);
        assertThat(loss.title()).contains("from step 2200");
    }

    @Test
    void theLearningRateAxisHasAFewReadableTickLabels() {
        Figure figure = CurvePlots.figure(candidates());
        AxesChart<?, ?> schedules = painted(figure.panels().get(1));
        List<String> labels = TickLabelsProbe.y(schedules);
        // at most one label per 30 pixels of the 470-pixel axis, at round, evenly spaced values
        // (XChart labelled such an axis at ~30 of the data's own values, overlapping)
        assertThat(labels).hasSizeBetween(3, 16);
        double[] v = labels.stream().mapToDouble(Double::parseDouble).toArray();
        for (int i = 2; i < v.length; i++) {
            assertThat(v[i] - v[i - 1]).isCloseTo(v[1] - v[0], org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(schedules.getYAxisTitle()).isEqualTo("learning rate (x 1e-4)");
    }

    @Test
    void aLongScheduleNameIsShownWholeInShortLines() {
        String label = "warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000, total=24000)";
        XYChart x = (XYChart) ChartRenderer.toXChart(CurvePlots.lossCurves(candidates()), ChartSize.DEFAULT);
        // XChart cuts an entry wider than 45% of the chart ("tot..."); a long one is broken into lines
        assertThat(x.getSeriesCollection().stream().map(s -> s.getName()))
                .filteredOn(n -> n.replace("\n", " ").replace(", ", ",").equals(label.replace(", ", ",")))
                .singleElement().satisfies(n -> assertThat(n.split("\n")).hasSizeGreaterThan(1)
                        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40)));
    }

    @Test
    void everyChoiceOfASensitivitySweepIsNamed() {
        List<Choice> choices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String name = "huber delta 1e-" + (i % 6 + 1) + (i >= 6 ? " drop N<" + i + "e7" : "");
            names.add(name);
            choices.add(Choice.of(name, 20 + i));
        }
        AxesChart<?, ?> p = painted(SensitivityPlot.of("D/N at 1e24 FLOPs", choices));
        assertThat(TickLabelsProbe.x(p)).containsAll(names);
    }

    @Test
    void aFitPlotAxisUsesTheTablesOwnColumnName() {
        Chart chart = FitPlot.chart(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset(),
                FitPlotOptions.defaults().withSourceNames(java.util.Map.of("D", "Training tokens", "loss", "Final loss")));
        assertThat(chart.x().title()).isEqualTo("Training tokens (D)");
        assertThat(chart.y().title()).isEqualTo("Final loss (loss)");
        assertThat(chart.series().stream().map(Series::label)).isNotEmpty();
    }
}
