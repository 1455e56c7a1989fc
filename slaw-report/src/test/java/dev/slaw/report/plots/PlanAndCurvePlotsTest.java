package dev.slaw.report.plots;

import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Series;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.TickLabelsProbe;
import org.knowm.xchart.internal.chartpart.AxesChart;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanAndCurvePlotsTest {

    @Test
    void closedFormFrontierSpendsComputeAsSixNDWithChinchillaExponents() {
        Frontier f = ClosedFormFrontier.of(Fixtures.chinchillaFit(), 1e18, 1e26, 9);
        double[] c = f.computeFlops();
        double[] n = f.parameterCount();
        double[] d = f.tokenCount();
        for (int i = 0; i < c.length; i++) {
            assertThat(6 * n[i] * d[i]).isCloseTo(c[i], within(1e-6 * c[i]));
        }
        // N_opt grows as C^a with a = beta / (alpha + beta), about 0.51 for Epoch's estimate
        double a = Math.log(n[8] / n[0]) / Math.log(c[8] / c[0]);
        assertThat(a).isCloseTo(0.513, within(0.01));
        double[] loss = f.loss();
        assertThat(loss[8]).isLessThan(loss[0]);
    }

    @Test
    void frontierChartIsLogLogWithLabelledAxes() {
        Chart chart = PlanPlots.frontier(ClosedFormFrontier.of(Fixtures.chinchillaFit(), 1e18, 1e26, 40), List.of());
        assertRendered(chart, "frontier.png");
        assertThat(chart.series()).extracting(Series::label).containsExactly("parameters N_opt", "tokens D_opt");
    }

    @Test
    void isoFlopProfilesDrawParabolasAndHighlightTheirMinima() {
        List<IsoFlopProfile> profiles = new ArrayList<>();
        double[] budgets = {1e19, 1e20, 1e21};
        for (int b = 0; b < budgets.length; b++) {
            double nStar = 1e8 * Math.pow(10, b * 0.5);
            double[] n = new double[7];
            double[] loss = new double[7];
            for (int i = 0; i < 7; i++) {
                n[i] = nStar * Math.pow(10, (i - 3) * 0.25);
                double u = Math.log10(n[i] / nStar);
                loss[i] = 3.2 - 0.3 * b + 0.4 * u * u;
            }
            profiles.add(new IsoFlopProfile(AxisLabel.of(budgets[b]) + " FLOPs", n, loss, n, loss, nStar, 3.2 - 0.3 * b));
        }
        Chart chart = PlanPlots.isoFlop(profiles);
        assertThat(chart.series()).filteredOn(s -> s.mark() == Mark.HIGHLIGHT).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(3));
        assertRendered(chart, "isoflop.png");
    }

    @Test
    void lossCurvesAndSchedulesRender() {
        double[] step = new double[200];
        double[] observed = new double[200];
        double[] predicted = new double[200];
        double[] cosine = new double[200];
        double[] constant = new double[200];
        for (int i = 0; i < 200; i++) {
            step[i] = (i + 1) * 50;
            predicted[i] = 2.5 + 3 / Math.sqrt(i + 1);
            observed[i] = predicted[i] * (1 + 0.01 * Math.sin(i));
            cosine[i] = 3e-4 * 0.5 * (1 + Math.cos(Math.PI * i / 199));
            constant[i] = 3e-4;
        }
        assertRendered(CurvePlots.lossCurves(List.of(new LossCurve("cosine", step, observed, predicted))), "curves.png");
        assertRendered(CurvePlots.schedules(List.of(Series.line("cosine", step, cosine, 0),
                Series.line("constant", step, constant, 1))), "schedules.png");
    }

    @Test
    void sensitivityPlotShowsOneDotPerChoiceWithItsName() {
        List<Choice> choices = List.of(new Choice("huber 1e-3", 20.1, 17, 24), Choice.of("squared", 26.3),
                Choice.of("absolute", 19.2), Choice.of("drop N<1e8", 31.0), Choice.of("lm", 20.0));
        Chart chart = SensitivityPlot.of("D/N at 1e24 FLOPs", choices);
        assertThat(chart.categories()).containsEntry(1, "squared").hasSize(5);
        AxesChart<?, ?> painted = assertRendered(chart, "sensitivity.png");
        assertThat(TickLabelsProbe.x(painted)).contains("huber 1e-3", "squared", "lm");
    }

    /** Renders to PNG, checks size, non-blankness and labels on both axes; returns the painted model. */
    static AxesChart<?, ?> assertRendered(Chart chart, String name) {
        ChartSize size = new ChartSize(900, 600);
        BufferedImage image = Images.decode(ChartRenderer.png(chart, size));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
        AxesChart<?, ?> painted = ChartRenderer.toXChart(chart, size);
        painted.paint(new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB).createGraphics(), 900, 600);
        assertThat(TickLabelsProbe.x(painted)).as("x tick labels of " + name).hasSizeGreaterThanOrEqualTo(2);
        assertThat(TickLabelsProbe.y(painted)).as("y tick labels of " + name).hasSizeGreaterThanOrEqualTo(2);
        String dir = System.getProperty("slaw.plot.dir");
        if (dir != null) {
            try {
                ChartRenderer.write(chart, size, Path.of(dir, name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return painted;
    }

    /** Budget names as the charts print numbers. */
    private static final class AxisLabel {
        static String of(double v) {
            return dev.slaw.report.chart.AxisTicks.label(v);
        }
    }
}
