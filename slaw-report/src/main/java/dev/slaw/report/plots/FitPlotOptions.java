package dev.slaw.report.plots;

import java.util.List;
import java.util.Map;

/**
 * How to lay out a fit plot; every field has a default that picks something sensible.
 *
 * @param xVariable         the law variable along x, or null for the law's last variable
 *                          (tokens D for Chinchilla)
 * @param groupColumn       a column whose values split the rows into curves, or null for the
 *                          law's first other variable (model size N for Chinchilla)
 * @param groupLabels       a label per row that defines the groups (the dataset's group, e.g.
 *                          from {@code --group}); empty to use {@code groupColumn}
 * @param maxGroups         more distinct values than this are binned into this many groups of
 *                          equal count
 * @param extrapolateFactor how far past the largest x of each group the law is drawn, dashed,
 *                          as a factor (1 for none)
 * @param sourceNames       the table's own name of a law variable or target mapped from it
 *                          ({@code --map x="Model Size"}), used in axis titles before the law's
 *                          generic description of the variable
 */
public record FitPlotOptions(String xVariable, String groupColumn, List<String> groupLabels, int maxGroups,
                             double extrapolateFactor, Map<String, String> sourceNames) {

    public FitPlotOptions {
        groupLabels = List.copyOf(groupLabels);
        sourceNames = Map.copyOf(sourceNames);
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be at least 1, got " + maxGroups);
        }
        if (!(extrapolateFactor >= 1)) {
            throw new IllegalArgumentException("extrapolateFactor must be at least 1, got " + extrapolateFactor);
        }
    }

    /** Automatic x and groups, at most 6 groups, the law drawn to 4 times the largest x. */
    public static FitPlotOptions defaults() {
        return new FitPlotOptions(null, null, List.of(), 6, 4, Map.of());
    }

    public FitPlotOptions withXVariable(String v) {
        return new FitPlotOptions(v, groupColumn, groupLabels, maxGroups, extrapolateFactor, sourceNames);
    }

    public FitPlotOptions withGroupColumn(String c) {
        return new FitPlotOptions(xVariable, c, groupLabels, maxGroups, extrapolateFactor, sourceNames);
    }

    public FitPlotOptions withGroupLabels(List<String> labels) {
        return new FitPlotOptions(xVariable, groupColumn, labels, maxGroups, extrapolateFactor, sourceNames);
    }

    public FitPlotOptions withMaxGroups(int m) {
        return new FitPlotOptions(xVariable, groupColumn, groupLabels, m, extrapolateFactor, sourceNames);
    }

    public FitPlotOptions withSourceNames(Map<String, String> names) {
        return new FitPlotOptions(xVariable, groupColumn, groupLabels, maxGroups, extrapolateFactor, names);
    }

    public FitPlotOptions withExtrapolateFactor(double f) {
        return new FitPlotOptions(xVariable, groupColumn, groupLabels, maxGroups, f, sourceNames);
    }
}
