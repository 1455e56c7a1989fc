package org.knowm.xchart.internal.chartpart;

import java.util.List;
import java.util.Objects;

/**
 * XChart keeps an axis's tick calculator behind package-private accessors; this test helper
 * lives in that package to read the labels XChart actually laid out, not the ones slaw meant it
 * to.
 */
public final class TickLabelsAccess {
    private TickLabelsAccess() {
    }

    public static List<String> x(AxesChart<?, ?> chart) {
        return visible(chart.getXAxis().getAxisTickCalculator().getTickLabels());
    }

    public static List<String> y(AxesChart<?, ?> chart) {
        return visible(chart.getYAxis().getAxisTickCalculator().getTickLabels());
    }

    private static List<String> visible(List<String> labels) {
        return labels.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
    }
}
