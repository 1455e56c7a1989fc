package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Scale;
import dev.slaw.report.chart.Series;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.TickLabelsProbe;
import org.knowm.xchart.internal.chartpart.AxesChart;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FitPlotTest {

    @Test
    void chinchillaFitPlotIsTokensAgainstLossOneCurvePerModelSizeBin() {
        Fit fit = Fixtures.chinchillaFit();
        Dataset data = Fixtures.chinchillaData().dataset();
        Chart chart = FitPlot.chart(fit, data, FitPlotOptions.defaults());

        assertThat(chart.x().scale()).isEqualTo(Scale.LOG);
        assertThat(chart.x().title()).contains("D");
        assertThat(chart.y().title()).isEqualTo("loss");
        List<Series> points = chart.series().stream().filter(s -> s.mark() == Mark.POINTS).toList();
        assertThat(points).hasSize(6).allSatisfy(s -> assertThat(s.label()).startsWith("N "));
        assertThat(points.stream().mapToInt(Series::size).sum()).isEqualTo(data.rowCount());
        assertThat(chart.series()).filteredOn(s -> s.mark() == Mark.DASHED_LINE && !s.label().startsWith("end of data"))
                .hasSize(6);
    }

    @Test
    void renderedFitPlotHasItsSizeIsNotBlankAndLabelsBothAxes() throws Exception {
        Chart chart = FitPlot.chart(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset(), FitPlotOptions.defaults());
        byte[] png = ChartRenderer.png(chart, new ChartSize(1000, 640));
        BufferedImage image = Images.decode(png);

        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(640);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
        assertThat(Images.distinctColours(image)).isGreaterThan(20);

        AxesChart<?, ?> painted = ChartRenderer.toXChart(chart, new ChartSize(1000, 640));
        painted.paint(new BufferedImage(1000, 640, BufferedImage.TYPE_INT_ARGB).createGraphics(), 1000, 640);
        // tokens span about two decades: labels between the powers of ten, not only at them
        assertThat(TickLabelsProbe.x(painted)).hasSizeGreaterThanOrEqualTo(4).anyMatch(l -> l.startsWith("2e")
                || l.startsWith("3e") || l.startsWith("5e"));
        assertThat(TickLabelsProbe.y(painted)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(painted.getXAxisTitle()).contains("D");
    }

    @Test
    void intervalIsShadedAroundEveryCurveAndItsExtrapolation() {
        Fit fit = Fixtures.chinchillaFit();
        Dataset data = Fixtures.chinchillaData().dataset();
        PredictionInterval twoPercent = new PredictionInterval() {
            @Override
            public Interval at(Dataset points) {
                return new Interval(scaled(fit.predict(points), 0.98), scaled(fit.predict(points), 1.02));
            }

            @Override
            public String label() {
                return "2% either way";
            }
        };
        Chart chart = FitPlot.chart(fit, data, FitPlotOptions.defaults(), twoPercent);

        assertThat(chart.bands()).hasSize(12);
        assertThat(chart.bands().get(0).label()).startsWith("2% either way");
        double[] lower = chart.bands().get(0).lower();
        double[] upper = chart.bands().get(0).upper();
        for (int i = 0; i < lower.length; i++) {
            assertThat(lower[i]).isLessThan(upper[i]);
        }
        assertThat(Images.greyVariance(Images.decode(ChartRenderer.png(chart, ChartSize.DEFAULT)))).isGreaterThan(100);
    }

    @Test
    void bootstrapConfidenceBandSurroundsThePointEstimateAndWidensBeyondTheData() {
        Fit fit = Fixtures.chinchillaFit();
        Dataset data = Fixtures.chinchillaData().dataset();
        BootstrapResult boot = Fixtures.chinchillaBootstrap();
        PredictionInterval band = PredictionInterval.confidence(boot);
        Chart chart = FitPlot.chart(fit, data, FitPlotOptions.defaults(), band);

        assertThat(band.label()).startsWith("90% bootstrap confidence interval of the law (").endsWith(" replicates)");
        FitPlot.Group largest = FitPlot.layout(fit, data, FitPlotOptions.defaults()).groups().get(5);
        double[] within = width(band.at(largest.within()));
        double[] beyond = width(band.at(largest.beyond()));
        double[] estimate = fit.predict(largest.within());
        PredictionInterval.Interval iv = band.at(largest.within());
        for (int i = 0; i < estimate.length; i++) {
            assertThat(estimate[i]).isBetween(iv.lower()[i] - 1e-9, iv.upper()[i] + 1e-9);
        }
        // uncertainty grows as the law is carried past its data
        assertThat(beyond[beyond.length - 1]).isGreaterThan(within[within.length / 2]);
        assertThat(chart.bands()).hasSize(12);
        assertRendersWithLabels(chart);
    }

    private static double[] width(PredictionInterval.Interval iv) {
        double[] w = new double[iv.lower().length];
        for (int i = 0; i < w.length; i++) {
            w[i] = iv.upper()[i] - iv.lower()[i];
        }
        return w;
    }

    private static void assertRendersWithLabels(Chart chart) {
        BufferedImage image = Images.decode(ChartRenderer.png(chart, ChartSize.DEFAULT));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
        AxesChart<?, ?> painted = ChartRenderer.toXChart(chart, ChartSize.DEFAULT);
        painted.paint(new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB).createGraphics(), 900, 600);
        assertThat(TickLabelsProbe.x(painted)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(TickLabelsProbe.y(painted)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void residualPlotShowsLogResidualsAgainstFittedLoss() {
        Fit fit = Fixtures.chinchillaFit();
        Dataset data = Fixtures.chinchillaData().dataset();
        Chart chart = FitPlot.residuals(fit, data, FitPlotOptions.defaults());

        assertThat(chart.y().title()).isEqualTo("residual: log loss - log fit");
        int plotted = chart.series().stream().filter(s -> s.mark() == Mark.POINTS).mapToInt(Series::size).sum();
        assertThat(plotted).isEqualTo(data.rowCount());
        double max = chart.series().stream().filter(s -> s.mark() == Mark.POINTS)
                .flatMapToDouble(s -> java.util.Arrays.stream(s.y())).map(Math::abs).max().orElseThrow();
        assertThat(max).isLessThan(0.2);
    }

    @Test
    void writesPngAndSvgByExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Chart chart = FitPlot.chart(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset(), FitPlotOptions.defaults());
        Path png = dir.resolve("fit.png");
        Path svg = dir.resolve("sub/fit.svg");
        ChartRenderer.write(chart, ChartSize.DEFAULT, png);
        ChartRenderer.write(chart, ChartSize.DEFAULT, svg);

        assertThat(Images.decode(Files.readAllBytes(png)).getWidth()).isEqualTo(900);
        String text = Files.readString(svg);
        assertThat(text).contains("<svg").contains("</svg>");
        if (System.getProperty("slaw.plot.dir") != null) {
            ChartRenderer.write(chart, ChartSize.DEFAULT, Path.of(System.getProperty("slaw.plot.dir"), "fit.png"));
        }
    }

    private static double[] scaled(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
