/**
 * A small chart model and its renderer: a {@link dev.slaw.report.chart.Chart} holds axes,
 * series and shaded bands as immutable values; {@link dev.slaw.report.chart.ChartRenderer}
 * draws it with XChart to PNG, or to SVG through VectorGraphics2D.
 *
 * <p>Log axes get their own tick labels ({@link dev.slaw.report.chart.AxisTicks}): XChart's
 * logarithmic axis labels only powers of ten, which leaves a plot of losses between 2 and 4,
 * or of models between 1e8 and 9e8, without a single number on the axis.
 */
package dev.slaw.report.chart;
