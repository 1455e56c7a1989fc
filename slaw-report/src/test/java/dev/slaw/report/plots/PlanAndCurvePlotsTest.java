package dev.slaw.report.plots;

import dev.slaw.fit.Fit;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ComputeOptimal;
import dev.slaw.planning.Frontier;
import dev.slaw.planning.Interval;
import dev.slaw.planning.Intervals;
import dev.slaw.planning.IsoFlopAnalysis;
import dev.slaw.planning.IsoFlopResult;
import dev.slaw.planning.LossEnvelope;
import dev.slaw.planning.LossSurface;
import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.ChartRenderer;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.chart.Figure;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Scale;
import dev.slaw.report.chart.Series;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.TickLabelsProbe;
import org.knowm.xchart.internal.chartpart.AxesChart;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlanAndCurvePlotsTest {

    @Test
    void frontierOverTheDataSpendsComputeAsSixNDWithChinchillaExponents() {
        Frontier f = PlanPlots.frontierOverData(Fixtures.chinchillaFit(), Fixtures.chinchillaData().dataset());
        List<Allocation> rows = f.rows();
        for (Allocation a : rows) {
            assertThat(6 * a.parameterCount() * a.tokenCount()).isCloseTo(a.computeFlops(), within(1e-6 * a.computeFlops()));
        }
        Allocation first = rows.get(0);
        Allocation last = rows.get(rows.size() - 1);
        // from the smallest budget in the data to 10,000 times the largest
        assertThat(last.computeFlops() / first.computeFlops()).isGreaterThan(1e4);
        // N_opt grows as C^a with a = beta / (alpha + beta), about 0.51 for Epoch's estimate
        double a = Math.log(last.parameterCount() / first.parameterCount())
                / Math.log(last.computeFlops() / first.computeFlops());
        assertThat(a).isCloseTo(0.513, within(0.01));
        assertThat(last.loss()).isLessThan(first.loss());
    }

    @Test
    void frontierChartIsLogLogWithLabelledAxes() {
        Chart chart = PlanPlots.frontier(PlanPlots.frontierOverData(Fixtures.chinchillaFit(),
                Fixtures.chinchillaData().dataset()), List.of());
        assertRendered(chart, "frontier.png");
        assertThat(chart.x().scale()).isEqualTo(Scale.LOG);
        assertThat(chart.y().scale()).isEqualTo(Scale.LOG);
        assertThat(chart.series()).extracting(Series::label).containsExactly("parameters N_opt", "tokens D_opt");
    }

    @Test
    void planFigureDrawsTheFrontierAroundAPlannedBudgetAndMarksIt() {
        ComputeOptimal planner = ComputeOptimal.of(LossSurface.of(Fixtures.chinchillaFit()));
        Allocation planned = planner.at(5.88e23);
        Figure figure = PlanPlots.plan(planner, null, List.of(planned));

        assertThat(figure.panels()).hasSize(2);
        Chart frontier = figure.panels().get(0);
        double[] c = frontier.series().get(0).x();
        assertThat(c[0]).isCloseTo(5.88e21, within(1e12));
        assertThat(c[c.length - 1]).isCloseTo(5.88e25, within(1e16));
        assertThat(frontier.series()).filteredOn(s -> s.mark() == Mark.HIGHLIGHT)
                .extracting(s -> s.y()[0]).containsExactly(planned.parameterCount(), planned.tokenCount());
        assertThat(figure.panels().get(1).y().title()).isEqualTo("loss");
        assertRendered(figure, "plan.png");
    }

    @Test
    void frontierWithReplicateIntervalsShadesThem() {
        ComputeOptimal planner = ComputeOptimal.of(LossSurface.of(Fixtures.chinchillaFit()));
        List<Allocation> rows = new ArrayList<>();
        for (Allocation a : planner.frontier(Frontier.logSpacedBudgets(1e20, 1e26, 13)).rows()) {
            Map<String, Interval> iv = Map.of("parameterCount", new Interval(0.8 * a.parameterCount(),
                    1.25 * a.parameterCount(), 0.95), "tokenCount", new Interval(0.8 * a.tokenCount(),
                    1.25 * a.tokenCount(), 0.95));
            rows.add(a.withIntervals(new Intervals(iv, 100, 0)));
        }
        Chart chart = PlanPlots.frontier(new Frontier("chinchilla", "6*N*D", rows), List.of());
        assertThat(chart.bands()).hasSize(2).allSatisfy(b -> assertThat(b.label()).startsWith("95% bootstrap interval of "));
        assertRendered(chart, "frontier-intervals.png");
    }

    @Test
    void isoFlopAnalysisDrawsParabolasThroughItsRunsAndThePowerLawThroughTheMinima() {
        // runs at four budgets, seven sizes each, losses from a Chinchilla law: the minima are known
        Fit fit = Fixtures.chinchillaFit();
        double[] budgets = {1e19, 1e20, 1e21, 1e22};
        int per = 7;
        double[] n = new double[budgets.length * per];
        double[] d = new double[n.length];
        double[] loss = new double[n.length];
        ComputeOptimal planner = ComputeOptimal.of(LossSurface.of(fit));
        for (int b = 0; b < budgets.length; b++) {
            double nStar = planner.at(budgets[b]).parameterCount();
            for (int i = 0; i < per; i++) {
                int k = b * per + i;
                n[k] = nStar * Math.pow(10, (i - 3) * 0.3);
                d[k] = budgets[b] / (6 * n[k]);
                loss[k] = fit.predict(Map.of("N", n[k], "D", d[k]));
            }
        }
        IsoFlopResult result = IsoFlopAnalysis.defaults().withResamples(0).analyse(n, d, null, loss, null);
        Figure figure = PlanPlots.isoFlop(result, n, d, null, loss, null);

        Chart parabolas = figure.panels().get(0);
        assertThat(parabolas.series()).filteredOn(s -> s.mark() == Mark.POINTS).hasSize(4)
                .allSatisfy(s -> assertThat(s.size()).isEqualTo(per));
        assertThat(parabolas.series()).filteredOn(s -> s.mark() == Mark.HIGHLIGHT).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(4));
        Chart powerLaws = figure.panels().get(1);
        assertThat(powerLaws.series()).extracting(Series::label).anyMatch(l -> l.startsWith("N_opt = "))
                .anyMatch(l -> l.startsWith("D_opt = "));
        assertThat(result.parameters().exponent()).isCloseTo(0.513, within(0.03));
        assertRendered(figure, "isoflop.png");
    }

    @Test
    void lossEnvelopeMarksTheLeastLossPerComputeBin() {
        Fit fit = Fixtures.chinchillaFit();
        double[] sizes = {1e8, 3e8, 1e9, 3e9};
        int per = 40;
        double[] n = new double[sizes.length * per];
        double[] d = new double[n.length];
        double[] c = new double[n.length];
        double[] loss = new double[n.length];
        for (int m = 0; m < sizes.length; m++) {
            for (int i = 0; i < per; i++) {
                int k = m * per + i;
                n[k] = sizes[m];
                d[k] = 1e8 * Math.pow(10, i * 3.0 / per);
                c[k] = 6 * n[k] * d[k];
                loss[k] = fit.predict(Map.of("N", n[k], "D", d[k]));
            }
        }
        LossEnvelope.Result result = LossEnvelope.of(n, d, c, loss, 5, 0.95);
        Figure figure = PlanPlots.envelope(result, c, loss);

        Chart checkpoints = figure.panels().get(0);
        assertThat(checkpoints.series()).filteredOn(s -> s.label().equals("envelope")).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(result.points().size()));
        assertThat(checkpoints.x().title()).contains("compute");
        assertRendered(figure, "envelope.png");
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
    void lossCurvesAndSchedulesRenderSideBySide() {
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
        Figure figure = CurvePlots.figure(List.of(new LossCurve("cosine", step, observed, predicted, cosine),
                LossCurve.predicted("constant", step, predicted, constant)));

        assertThat(figure.panels().get(0).title()).startsWith("Observed (points) and predicted (lines) loss");
        assertThat(figure.panels().get(1).y().title()).isEqualTo("learning rate");
        AxesChart<?, ?> schedules = assertRendered(figure, "curves.png").get(1);
        // linear axes print a leading zero: 0.0001, not .0001
        assertThat(TickLabelsProbe.y(schedules)).allSatisfy(l -> assertThat(l).doesNotStartWith("."));
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

    /**
     * Renders a figure to PNG, checks its size (panels side by side) and non-blankness, and that
     * every panel labels both axes; returns the painted panels.
     */
    static List<AxesChart<?, ?>> assertRendered(Figure figure, String name) {
        ChartSize panel = new ChartSize(900, 600);
        BufferedImage image = Images.decode(ChartRenderer.png(figure, panel));
        assertThat(image.getWidth()).isEqualTo(900 * figure.panels().size());
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(Images.greyVariance(image)).isGreaterThan(100);
        List<AxesChart<?, ?>> painted = new ArrayList<>();
        for (Chart chart : figure.panels()) {
            AxesChart<?, ?> p = ChartRenderer.toXChart(chart, panel);
            p.paint(new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB).createGraphics(), 900, 600);
            assertThat(TickLabelsProbe.x(p)).as("x tick labels of " + chart.title()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(TickLabelsProbe.y(p)).as("y tick labels of " + chart.title()).hasSizeGreaterThanOrEqualTo(2);
            painted.add(p);
        }
        assertThat(ChartRenderer.svg(figure, panel)).contains("<svg").contains("</svg>");
        String dir = System.getProperty("slaw.plot.dir");
        if (dir != null) {
            try {
                ChartRenderer.write(figure, panel, Path.of(dir, name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return painted;
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
