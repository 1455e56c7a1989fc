package dev.slaw.report.plots;

import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Loss;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Starts;
import dev.slaw.law.Law;
import dev.slaw.report.Fixtures;
import dev.slaw.report.chart.Chart;
import dev.slaw.report.chart.Mark;
import dev.slaw.report.chart.Scale;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.DataFilter;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.ProgressListener;
import dev.slaw.uncertainty.SensitivityResult;
import dev.slaw.uncertainty.SensitivitySweep;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.TickLabelsProbe;
import org.knowm.xchart.internal.chartpart.AxesChart;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationAndSensitivityPlotsTest {
    /** Fits from Epoch's published estimate only, so each refit takes milliseconds. */
    private static FitOptions fromPublished() {
        return FitOptions.defaults().withThreads(1).withStarts(Starts.at(List.of(Map.of("E", 1.8172, "A", 482.01,
                "B", 2085.43, "alpha", 0.3478, "beta", 0.3658))));
    }

    @Test
    void heldOutPlotPutsEachRowsPredictionAgainstItsTruthWithBothIntervals() {
        Dataset data = Fixtures.chinchillaData().dataset();
        Law law = Fixtures.chinchillaFit().law();
        HeldOutValidation v = HeldOutValidation.run(law, data, "loss", Holdout.where("N >= 5e9"), fromPublished(),
                BootstrapOptions.defaults().withReplicates(20).withSeed(3).withThreads(1), ProgressListener.NONE);
        Chart chart = HeldOutPlot.of(v, "loss");

        assertThat(chart.x().title()).isEqualTo("observed loss");
        assertThat(chart.y().title()).isEqualTo("predicted loss");
        assertThat(chart.series()).filteredOn(s -> s.mark() == Mark.HIGHLIGHT).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(v.rows().size()));
        // a prediction and a confidence bar per row, each in the legend once
        assertThat(chart.series()).filteredOn(s -> s.mark() == Mark.LINE).hasSize(2 * v.rows().size())
                .filteredOn(s -> s.inLegend()).hasSize(2);
        PlanAndCurvePlotsTest.assertRendered(chart, "held-out.png");
    }

    @Test
    void sensitivityPlotOfASweepComparesDOverNAcrossItsChoices() {
        Dataset data = Fixtures.chinchillaData().dataset();
        Law law = Fixtures.chinchillaFit().law();
        FitOptions huber = fromPublished();
        List<SensitivitySweep.Choice> choices = List.of(
                new SensitivitySweep.Choice("baseline", "huber 1e-3", law, huber, DataFilter.all()),
                new SensitivitySweep.Choice("loss", "squared", law, huber.withObjective(Objective.of(Loss.SQUARED)),
                        DataFilter.all()),
                new SensitivitySweep.Choice("loss", "absolute", law, huber.withObjective(Objective.of(Loss.ABSOLUTE)),
                        DataFilter.all()));
        SensitivityResult result = new SensitivitySweep(choices, Map.of(), 1e24).run(data, "loss", ProgressListener.NONE);
        Chart chart = SensitivityPlot.of(result);

        assertThat(chart.y().title()).isEqualTo("D/N at 1e24 FLOPs");
        assertThat(chart.y().scale()).isEqualTo(Scale.LOG);
        assertThat(chart.categories()).containsValues("huber 1e-3", "squared", "absolute");
        AxesChart<?, ?> painted = PlanAndCurvePlotsTest.assertRendered(chart, "sensitivity-sweep.png");
        assertThat(TickLabelsProbe.x(painted)).contains("huber 1e-3", "squared", "absolute");
    }
}
