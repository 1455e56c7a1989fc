package org.knowm.xchart;

import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.TickLabelsAccess;

import java.util.List;

/** Reads the tick labels XChart computed for a painted chart's axes (its model, after layout). */
public final class TickLabelsProbe {
    private TickLabelsProbe() {
    }

    /** The non-blank tick labels of the x axis as painted. */
    public static List<String> x(AxesChart<?, ?> chart) {
        return TickLabelsAccess.x(chart);
    }

    /** The non-blank tick labels of the y axis as painted. */
    public static List<String> y(AxesChart<?, ?> chart) {
        return TickLabelsAccess.y(chart);
    }
}
