package dev.slaw.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Charts drawn side by side in one picture, as a paper prints related panels (a frontier and the
 * loss along it; loss curves and the schedules behind them). Every panel is drawn at the same
 * size, so a figure of k panels at {@code WxH} is {@code k*W} wide and {@code H} high.
 *
 * @param panels the charts, left to right (at least one)
 */
public record Figure(List<Chart> panels) {

    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
    }

    /** A figure of the given panels, left to right. */
    public static Figure of(Chart... panels) {
        return new Figure(List.of(panels));
    }

    /** The same figure with the first panel under another title (for {@code --title}). */
    public Figure withTitle(String title) {
        List<Chart> p = new ArrayList<>(panels);
        p.set(0, p.get(0).withTitle(title));
        return new Figure(p);
    }

    /** The size of the whole picture when each panel is drawn at {@code panel}. */
    public ChartSize sizeFor(ChartSize panel) {
        return new ChartSize(panel.width() * panels.size(), panel.height());
    }
}
