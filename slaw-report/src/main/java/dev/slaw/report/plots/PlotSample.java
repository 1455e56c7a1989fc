package dev.slaw.report.plots;

import dev.slaw.data.RowSample;

import java.util.Arrays;

/**
 * The rows a picture draws when a table has more of them than a picture can show: every row up
 * to {@value #LIMIT}, else the rows that matter (the extremes of each plotted variable in each
 * group, the outliers of a residual plot), filled up to {@value #LIMIT} with an even random
 * draw of the rest. The draw has a fixed seed, so the same table gives the same picture every
 * time, and the pictures of one report show the same rows.
 *
 * <p>Two million points make a 600 MB page that no browser opens and a scatter no eye can read;
 * four thousand show the cloud's shape, and the kept extremes keep its edges where they are.
 * Every picture that samples says so in its caption ({@link #caption()}).
 */
public final class PlotSample {
    /** The most rows a picture draws. */
    public static final int LIMIT = 4_000;
    private static final long SEED = 0x5eed_51a7L;

    private final boolean[] shown;
    private final int total;
    private final int count;

    private PlotSample(boolean[] shown, int total, int count) {
        this.shown = shown;
        this.total = total;
        this.count = count;
    }

    /**
     * Chooses the rows to draw out of {@code rowCount}.
     *
     * @param rowCount the table's rows
     * @param limit    the most rows to draw (the kept rows are drawn even beyond it)
     * @param kept     rows that are drawn in any case (indices into the table)
     */
    public static PlotSample of(int rowCount, int limit, int[] kept) {
        if (rowCount <= limit) {
            return new PlotSample(null, rowCount, rowCount);
        }
        boolean[] shown = RowSample.choose(rowCount, limit, kept, SEED);
        int count = RowSample.indices(shown).length;
        return new PlotSample(shown, rowCount, count);
    }

    /**
     * The rows holding the smallest and the largest finite value of each column, among
     * {@code rows}: what a sample must keep so that the picture's edges stay where they are.
     */
    public static int[] extremes(int[] rows, double[]... columns) {
        return RowSample.extremes(rows, columns);
    }

    /** Whether a row is drawn. */
    public boolean shows(int row) {
        return shown == null || shown[row];
    }

    /** The drawn ones among {@code rows}, in their order. */
    public int[] shown(int[] rows) {
        if (shown == null) {
            return rows.clone();
        }
        int[] out = new int[rows.length];
        int n = 0;
        for (int row : rows) {
            if (shown[row]) {
                out[n++] = row;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether every row is drawn. */
    public boolean isComplete() {
        return count == total;
    }

    /** Rows drawn. */
    public int count() {
        return count;
    }

    /** Rows in the table. */
    public int total() {
        return total;
    }

    /**
     * What a caption says about the sample: empty when every row is drawn, else
     * {@code Showing 4,000 of 2,000,000 rows (...).}
     *
     * @param rows what the rows are, e.g. {@code rows} or {@code rows held out}
     */
    public String caption(String rows) {
        if (isComplete()) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "Showing %,d of %,d %s (the extremes of each plotted variable"
                + " and an even random draw of the rest).", count, total, rows);
    }
}
