package dev.slaw.report.html;

import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.plots.FitPlotOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HeldOutValidation;

import java.util.Optional;

/**
 * What a fit report shows.
 *
 * @param title       the page heading
 * @param fit         the fit on every row: the page's headline
 * @param data        the rows the fit used, with the notes of how they were loaded
 * @param heldOut     a check of the law on rows kept out of a second fit, if any: that fit, its
 *                    bootstrap intervals at the rows held out and their coverage
 * @param bootstrap   a bootstrap of the fit, if any: its percentile intervals join the parameter
 *                    table and its confidence band is shaded around the fitted curves
 * @param plotOptions how the fit plot is laid out
 * @param chartSize   the size of each chart
 */
public record ReportInput(String title, Fit fit, LoadedDataset data, Optional<HeldOutValidation> heldOut,
                          Optional<BootstrapResult> bootstrap, FitPlotOptions plotOptions, ChartSize chartSize) {

    /** A report of a fit on its data with the default plot layout, no held-out rows and no bootstrap. */
    public static ReportInput of(Fit fit, LoadedDataset data) {
        return new ReportInput("slaw report: " + fit.law().name(), fit, data, Optional.empty(), Optional.empty(),
                FitPlotOptions.defaults(), ChartSize.DEFAULT);
    }

    public ReportInput withTitle(String t) {
        return new ReportInput(t, fit, data, heldOut, bootstrap, plotOptions, chartSize);
    }

    /** The report with a held-out check of the same law (fitted again without the rows held out). */
    public ReportInput withHeldOut(HeldOutValidation check) {
        return new ReportInput(title, fit, data, Optional.of(check), bootstrap, plotOptions, chartSize);
    }

    /** The report with a bootstrap of the same fit (same law, same point estimate). */
    public ReportInput withBootstrap(BootstrapResult b) {
        if (!b.law().name().equals(fit.law().name())) {
            throw new IllegalArgumentException("a bootstrap of " + b.law().name() + " cannot describe a fit of "
                    + fit.law().name());
        }
        return new ReportInput(title, fit, data, heldOut, Optional.of(b), plotOptions, chartSize);
    }

    public ReportInput withPlotOptions(FitPlotOptions o) {
        return new ReportInput(title, fit, data, heldOut, bootstrap, o, chartSize);
    }

    public ReportInput withChartSize(ChartSize s) {
        return new ReportInput(title, fit, data, heldOut, bootstrap, plotOptions, s);
    }
}
