package dev.slaw.report.chart;

/**
 * One axis of a chart.
 *
 * @param title what the axis measures, with its unit where it has one (e.g. {@code tokens D})
 * @param scale linear or logarithmic
 * @param min   the smallest value shown, or NaN to take it from the data
 * @param max   the largest value shown, or NaN to take it from the data
 */
public record Axis(String title, Scale scale, double min, double max) {

    /** A linear axis whose range follows the data. */
    public static Axis linear(String title) {
        return new Axis(title, Scale.LINEAR, Double.NaN, Double.NaN);
    }

    /** A logarithmic axis whose range follows the data. */
    public static Axis log(String title) {
        return new Axis(title, Scale.LOG, Double.NaN, Double.NaN);
    }

    /** The same axis with a fixed range. */
    public Axis withRange(double lower, double upper) {
        return new Axis(title, scale, lower, upper);
    }

    /** The same axis under another title. */
    public Axis withTitle(String t) {
        return new Axis(t, scale, min, max);
    }
}
