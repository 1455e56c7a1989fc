package dev.slaw.report.html;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.plots.FitPlotOptions;
import dev.slaw.report.plots.PredictionInterval;

import java.util.Optional;

/**
 * What a fit report shows.
 *
 * @param title       the page heading
 * @param fit         the fit
 * @param data        the rows the fit used, with the notes of how they were loaded
 * @param heldOut     rows kept out of the fit to check its predictions on, if any
 * @param interval    an interval to shade around the fitted curves, if any
 * @param plotOptions how the fit plot is laid out
 * @param chartSize   the size of each chart
 */
public record ReportInput(String title, Fit fit, LoadedDataset data, Optional<Dataset> heldOut,
                          Optional<PredictionInterval> interval, FitPlotOptions plotOptions, ChartSize chartSize) {

    /** A report of a fit on its data with the default plot layout, no held-out rows and no interval. */
    public static ReportInput of(Fit fit, LoadedDataset data) {
        return new ReportInput("slaw report: " + fit.law().name(), fit, data, Optional.empty(), Optional.empty(),
                FitPlotOptions.defaults(), ChartSize.DEFAULT);
    }

    public ReportInput withTitle(String t) {
        return new ReportInput(t, fit, data, heldOut, interval, plotOptions, chartSize);
    }

    public ReportInput withHeldOut(Dataset rows) {
        return new ReportInput(title, fit, data, Optional.of(rows), interval, plotOptions, chartSize);
    }

    public ReportInput withInterval(PredictionInterval i) {
        return new ReportInput(title, fit, data, heldOut, Optional.of(i), plotOptions, chartSize);
    }

    public ReportInput withPlotOptions(FitPlotOptions o) {
        return new ReportInput(title, fit, data, heldOut, interval, o, chartSize);
    }

    public ReportInput withChartSize(ChartSize s) {
        return new ReportInput(title, fit, data, heldOut, interval, plotOptions, s);
    }
}
