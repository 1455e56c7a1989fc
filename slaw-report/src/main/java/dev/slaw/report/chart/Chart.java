package dev.slaw.report.chart;

import java.util.List;
import java.util.Map;

/**
 * Everything a picture shows, as a value: title, two axes, shaded bands (drawn first) and
 * series (drawn in order, so data markers listed last sit on top of lines).
 *
 * @param title       the heading
 * @param x           the horizontal axis
 * @param y           the vertical axis
 * @param series      the curves and points
 * @param bands       shaded intervals
 * @param categories  for a chart of values per choice: x tick labels by integer position
 *                    (empty for a numeric x axis)
 */
public record Chart(String title, Axis x, Axis y, List<Series> series, List<Band> bands,
                    Map<Integer, String> categories) {

    public Chart {
        series = List.copyOf(series);
        bands = List.copyOf(bands);
        categories = Map.copyOf(categories);
    }

    /** A chart of series without bands or categories. */
    public static Chart of(String title, Axis x, Axis y, List<Series> series) {
        return new Chart(title, x, y, series, List.of(), Map.of());
    }

    /** The same chart under another title (for {@code --title}). */
    public Chart withTitle(String t) {
        return new Chart(t, x, y, series, bands, categories);
    }

    /** The same chart with shaded bands added. */
    public Chart withBands(List<Band> more) {
        List<Band> all = new java.util.ArrayList<>(bands);
        all.addAll(more);
        return new Chart(title, x, y, series, all, categories);
    }
}
