package dev.slaw.report.chart;

import java.util.Arrays;

/**
 * One set of (x, y) pairs with a label and a look. Plots of other parts of slaw (planning,
 * schedules, bootstrap) need nothing but this record to be drawn.
 *
 * @param label    the legend entry (unique within a chart)
 * @param x        x values
 * @param y        y values, as many as x
 * @param mark     points, line, dashed line ...
 * @param colour   index into the palette, so that a group's points and its law share a colour
 * @param inLegend whether the legend lists this series (a group lists its points, not its lines)
 */
public record Series(String label, double[] x, double[] y, Mark mark, int colour, boolean inLegend) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + label + "' has " + x.length + " x values and "
                    + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** Observed data as markers, listed in the legend. */
    public static Series points(String label, double[] x, double[] y, int colour) {
        return new Series(label, x, y, Mark.POINTS, colour, true);
    }

    /** A solid line, listed in the legend. */
    public static Series line(String label, double[] x, double[] y, int colour) {
        return new Series(label, x, y, Mark.LINE, colour, true);
    }

    /** A dashed line, listed in the legend. */
    public static Series dashed(String label, double[] x, double[] y, int colour) {
        return new Series(label, x, y, Mark.DASHED_LINE, colour, true);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    /** The same series without a legend entry. */
    public Series hiddenFromLegend() {
        return new Series(label, x, y, mark, colour, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && label.equals(s.label) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y)
                && mark == s.mark && colour == s.colour && inLegend == s.inLegend;
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "Series[" + label + ", " + x.length + " points, " + mark + "]";
    }
}
