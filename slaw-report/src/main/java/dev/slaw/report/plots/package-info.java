/**
 * The pictures a paper would print for each result, built as {@link dev.slaw.report.chart.Chart}
 * values (or side-by-side {@link dev.slaw.report.chart.Figure}s): a fit against its data with the
 * extrapolation dashed and a bootstrap's confidence band shaded ({@link dev.slaw.report.plots.FitPlot}),
 * its residuals, the compute-optimal frontier, IsoFLOP parabolas and the loss envelope
 * ({@link dev.slaw.report.plots.PlanPlots}), loss curves and learning-rate schedules
 * ({@link dev.slaw.report.plots.CurvePlots}), and the spread of a conclusion across analysis
 * choices ({@link dev.slaw.report.plots.SensitivityPlot}).
 *
 * <p>Builders take the results of {@code dev.slaw.planning}, {@code dev.slaw.curve} and
 * {@code dev.slaw.uncertainty} as they are, and compute nothing those packages already do.
 */
package dev.slaw.report.plots;
