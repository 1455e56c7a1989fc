package dev.slaw.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded choice of rows out of a large table: the rows that must stay (the extremes of each
 * column that matters), filled up to a limit with an even random draw of the rest. The same
 * table and seed give the same rows every time. Used where all rows would cost too much and a
 * faithful few thousand do the job: the points a picture draws, the rows a fit screens its
 * starts on.
 */
public final class RowSample {
    private RowSample() {
    }

    /**
     * Which of {@code rowCount} rows are chosen: every row in {@code kept}, and an even draw of
     * the others up to {@code limit} rows in all (none when the kept rows reach it). Every row
     * when {@code rowCount <= limit}.
     *
     * @return a mask over the rows
     */
    public static boolean[] choose(int rowCount, int limit, int[] kept, long seed) {
        boolean[] chosen = new boolean[rowCount];
        if (rowCount <= limit) {
            Arrays.fill(chosen, true);
            return chosen;
        }
        int count = 0;
        for (int row : kept) {
            if (!chosen[row]) {
                chosen[row] = true;
                count++;
            }
        }
        // selection sampling (Knuth's algorithm S) over the rest: each row equally likely, one pass
        int wanted = Math.max(0, limit - count);
        int left = rowCount - count;
        SplittableRandom random = new SplittableRandom(seed);
        for (int row = 0; row < rowCount && wanted > 0; row++) {
            if (chosen[row]) {
                continue;
            }
            if (random.nextInt(left) < wanted) {
                chosen[row] = true;
                wanted--;
            }
            left--;
        }
        return chosen;
    }

    /** The indices of the chosen rows, in table order. */
    public static int[] indices(boolean[] chosen) {
        int n = 0;
        for (boolean c : chosen) {
            n += c ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int row = 0; row < chosen.length; row++) {
            if (chosen[row]) {
                out[k++] = row;
            }
        }
        return out;
    }

    /**
     * The rows holding the smallest and the largest finite value of each column, among
     * {@code rows}: what a sample must keep so that the table's edges stay where they are.
     */
    public static int[] extremes(int[] rows, double[]... columns) {
        int[] out = new int[2 * columns.length];
        int n = 0;
        for (double[] column : columns) {
            int low = -1;
            int high = -1;
            for (int row : rows) {
                double v = column[row];
                if (Double.isFinite(v)) {
                    if (low < 0 || v < column[low]) {
                        low = row;
                    }
                    if (high < 0 || v > column[high]) {
                        high = row;
                    }
                }
            }
            if (low >= 0) {
                out[n++] = low;
                out[n++] = high;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
