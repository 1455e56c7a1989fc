/**
 * The pictures a paper would print for each result, built as {@link dev.slaw.report.chart.Chart}
 * values: a fit against its data with the extrapolation dashed and an interval shaded
 * ({@link dev.slaw.report.plots.FitPlot}), its residuals, the compute-optimal frontier and
 * IsoFLOP parabolas ({@link dev.slaw.report.plots.PlanPlots}), loss curves and learning-rate
 * schedules ({@link dev.slaw.report.plots.CurvePlots}), and the spread of a conclusion across
 * analysis choices ({@link dev.slaw.report.plots.SensitivityPlot}).
 *
 * <p>Plans, curves and sensitivity sweeps are passed in as plain records of arrays, so the
 * modules that compute them need not be known here.
 */
package dev.slaw.report.plots;
