package dev.slaw.report.chart;

/** How an axis maps values to positions. */
public enum Scale {
    /** Equal distances for equal differences. */
    LINEAR,
    /** Equal distances for equal ratios; every value on the axis must be positive. */
    LOG
}
