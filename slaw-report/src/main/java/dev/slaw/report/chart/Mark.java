package dev.slaw.report.chart;

/** How a series is drawn. */
public enum Mark {
    /** Markers only: observed data. */
    POINTS,
    /** A solid line: a law over the range of its data. */
    LINE,
    /** A dashed line: a law beyond its data (an extrapolation), or a reference curve. */
    DASHED_LINE,
    /** A solid line with markers: a short computed sequence such as a frontier's budgets. */
    LINE_AND_POINTS,
    /** One large marker: an optimum or a single highlighted value. */
    HIGHLIGHT
}
