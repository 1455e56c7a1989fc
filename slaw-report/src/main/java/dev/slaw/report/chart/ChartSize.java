package dev.slaw.report.chart;

import dev.slaw.data.BadInputException;

/**
 * The size of a rendered chart in pixels (PNG) or points (SVG).
 *
 * @param width  width, at least 200
 * @param height height, at least 150
 */
public record ChartSize(int width, int height) {
    /** The default: wide enough for a legend beside the plot, the proportions of a paper figure. */
    public static final ChartSize DEFAULT = new ChartSize(900, 600);

    public ChartSize {
        // below this XChart has no room for the tick labels and silently draws none
        if (width < 200 || height < 150) {
            throw new BadInputException("chart size " + width + "x" + height + " is too small (at least 200x150)");
        }
    }

    /** Parses {@code WIDTHxHEIGHT}, e.g. {@code 1200x800}. */
    public static ChartSize parse(String text) {
        String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new BadInputException("size " + text + ": expected WIDTHxHEIGHT, e.g. 1200x800");
        }
        try {
            return new ChartSize(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new BadInputException("size " + text + ": expected WIDTHxHEIGHT in whole pixels, e.g. 1200x800");
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
