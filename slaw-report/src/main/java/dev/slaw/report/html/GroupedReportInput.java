package dev.slaw.report.html;

import dev.slaw.fit.GroupedFit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.chart.ChartSize;
import dev.slaw.report.plots.FitPlotOptions;

import java.util.List;

/**
 * What a grouped fit report shows.
 *
 * @param title       the page heading
 * @param grouped     one fit per group (or the joint fit with shared parameters): the page's headline
 * @param data        the rows fitted, every group's, with the notes of how they were loaded
 * @param groupOfRow  each row's group, as the grouped fit names it
 * @param plotOptions how the plot is laid out (its x variable; the grouping comes from {@code groupOfRow})
 * @param chartSize   the size of the chart
 */
public record GroupedReportInput(String title, GroupedFit grouped, LoadedDataset data, List<String> groupOfRow,
                                 FitPlotOptions plotOptions, ChartSize chartSize) {

    public GroupedReportInput {
        groupOfRow = List.copyOf(groupOfRow);
        if (groupOfRow.size() != data.dataset().rowCount()) {
            throw new IllegalArgumentException(groupOfRow.size() + " group labels for " + data.dataset().rowCount()
                    + " rows");
        }
    }

    /** A report of a grouped fit on its data with the default title, plot layout and chart size. */
    public static GroupedReportInput of(GroupedFit grouped, LoadedDataset data, List<String> groupOfRow) {
        return new GroupedReportInput("slaw report: " + grouped.law().name() + " by " + grouped.groupColumn(), grouped,
                data, groupOfRow, FitPlotOptions.defaults(), ChartSize.DEFAULT);
    }

    public GroupedReportInput withTitle(String t) {
        return new GroupedReportInput(t, grouped, data, groupOfRow, plotOptions, chartSize);
    }

    public GroupedReportInput withPlotOptions(FitPlotOptions o) {
        return new GroupedReportInput(title, grouped, data, groupOfRow, o, chartSize);
    }

    public GroupedReportInput withChartSize(ChartSize s) {
        return new GroupedReportInput(title, grouped, data, groupOfRow, plotOptions, s);
    }
}
