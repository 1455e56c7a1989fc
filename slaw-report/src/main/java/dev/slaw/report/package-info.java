/**
 * Pictures of slaw's results: static charts of fits, plans, loss curves and sensitivity
 * sweeps ({@link dev.slaw.report.chart}, {@link dev.slaw.report.plots}), and a self-contained
 * HTML report of a fit ({@link dev.slaw.report.html}).
 *
 * <p>Everything here draws headless through {@code java.awt}; nothing needs a display or the
 * network. The chart builders take plain records (arrays of numbers with a label and a style)
 * so that results from any part of slaw can be drawn without this module knowing their types.
 */
package dev.slaw.report;
