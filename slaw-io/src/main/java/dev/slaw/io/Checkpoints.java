package dev.slaw.io;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters for checkpoint-level tables, where each training run contributes one row per
 * evaluated checkpoint. A run is identified by the values of {@link #runColumns()} (one
 * column such as {@code run_id}, or several such as {@code model, total_steps, peak_lr});
 * {@link #stepColumn()} orders a run's checkpoints.
 *
 * <p>Per run, in this order: drop the first {@link #dropFirstFraction()} of its checkpoints
 * (by count, warm-up noise), keep checkpoints whose step is at least {@link #fromStepFraction()}
 * times the run's last step, thin to every {@link #every()}-th remaining checkpoint counted
 * back from the last (so the final checkpoint always stays), and finally, with
 * {@link #lastOnly()}, keep only the last one. Rows keep their source order.
 *
 * <p>Smoothing replaces the values of the {@link #averaged()} columns (the losses) before those
 * filters, over the run's checkpoints in step order: with {@link #smooth()} K, each checkpoint
 * gets the mean of itself and the K - 1 checkpoints before it, and the first K - 1 checkpoints,
 * whose window is incomplete, are dropped; with {@link #lastMean()} K, the run keeps only its
 * last checkpoint, holding the mean of the last K. Other columns (steps, tokens) keep each
 * checkpoint's own value.
 *
 * @param runColumns        columns whose values together name a run; empty means no filters
 * @param stepColumn        the step (or tokens seen) of each checkpoint
 * @param lastOnly          keep only each run's last checkpoint (ties: the later row)
 * @param dropFirstFraction in [0, 1): fraction of each run's checkpoints dropped from the start
 * @param fromStepFraction  in [0, 1]: keep steps at or after this fraction of the run's last step
 * @param every             keep every k-th checkpoint (1 keeps all)
 * @param smooth            moving average over this many checkpoints (0: none)
 * @param lastMean          keep each run's last checkpoint with the mean of its last this many (0: none)
 * @param averaged          the columns smoothing averages (needed when smoothing)
 */
public record Checkpoints(List<String> runColumns, String stepColumn, boolean lastOnly, double dropFirstFraction,
                          double fromStepFraction, int every, int smooth, int lastMean, List<String> averaged) {

    /** No checkpoint filtering. */
    public static final Checkpoints NONE = new Checkpoints(List.of(), "", false, 0, 0, 1);

    /** Filters without smoothing. */
    public Checkpoints(List<String> runColumns, String stepColumn, boolean lastOnly, double dropFirstFraction,
                       double fromStepFraction, int every) {
        this(runColumns, stepColumn, lastOnly, dropFirstFraction, fromStepFraction, every, 0, 0, List.of());
    }

    public Checkpoints {
        runColumns = List.copyOf(runColumns);
        averaged = List.copyOf(averaged);
        if (smooth < 0 || lastMean < 0) {
            throw new BadInputException("checkpoint smoothing: the number of checkpoints must be at least 1, got "
                    + Math.min(smooth, lastMean));
        }
        if (smooth > 0 && lastMean > 0) {
            throw new BadInputException("choose one of --smooth (a moving average at every checkpoint) and --last-mean"
                    + " (the mean of a run's last checkpoints)");
        }
        if ((smooth > 0 || lastMean > 0) && averaged.isEmpty()) {
            throw new BadInputException("checkpoint smoothing needs the columns to average (--average COLUMN[,COLUMN...],"
                    + " e.g. --average loss); other columns keep each checkpoint's own value");
        }
        if (!averaged.isEmpty() && smooth == 0 && lastMean == 0) {
            throw new BadInputException("--average names columns for --smooth K or --last-mean K; give one of them");
        }
        if (!(dropFirstFraction >= 0 && dropFirstFraction < 1)) {
            throw new BadInputException("the fraction of checkpoints to drop must be in [0, 1), got " + dropFirstFraction);
        }
        if (!(fromStepFraction >= 0 && fromStepFraction <= 1)) {
            throw new BadInputException("the step fraction to keep from must be in [0, 1], got " + fromStepFraction);
        }
        if (every < 1) {
            throw new BadInputException("keep every k-th checkpoint: k must be at least 1, got " + every);
        }
        boolean filters = lastOnly || dropFirstFraction > 0 || fromStepFraction > 0 || every > 1 || smooth > 0
                || lastMean > 0;
        if (filters && (runColumns.isEmpty() || stepColumn.isBlank())) {
            throw new BadInputException("checkpoint filters need the run column(s) and the step column"
                    + " (--run and --step)");
        }
    }

    /** Checkpoint filters for runs named by these columns, ordered by that step column. */
    public static Checkpoints of(List<String> runColumns, String stepColumn) {
        return new Checkpoints(runColumns, stepColumn, false, 0, 0, 1);
    }

    public Checkpoints withLastOnly(boolean value) {
        return new Checkpoints(runColumns, stepColumn, value, dropFirstFraction, fromStepFraction, every, smooth, lastMean,
                averaged);
    }

    public Checkpoints withDropFirstFraction(double value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, value, fromStepFraction, every, smooth, lastMean,
                averaged);
    }

    public Checkpoints withFromStepFraction(double value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, value, every, smooth, lastMean,
                averaged);
    }

    public Checkpoints withEvery(int value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, fromStepFraction, value, smooth, lastMean,
                averaged);
    }

    /** A copy that replaces the averaged columns with their moving average over {@code k} checkpoints. */
    public Checkpoints withSmooth(int k, List<String> columns) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, fromStepFraction, every, k, 0,
                columns);
    }

    /** A copy that keeps each run's last checkpoint with the averaged columns' mean over the last {@code k}. */
    public Checkpoints withLastMean(int k, List<String> columns) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, fromStepFraction, every, 0, k,
                columns);
    }

    /** Whether any filter or smoothing is set. */
    public boolean isActive() {
        return lastOnly || dropFirstFraction > 0 || fromStepFraction > 0 || every > 1 || smooth > 0 || lastMean > 0;
    }

    /** The window of the moving average (smooth or last mean), 0 when there is none. */
    public int window() {
        return Math.max(smooth, lastMean);
    }

    /** One line such as {@code run = model, peak_lr; step = current_steps; last only}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("run = " + String.join(", ", runColumns));
        parts.add("step = " + stepColumn);
        if (dropFirstFraction > 0) {
            parts.add("drop first " + dropFirstFraction + " of each run");
        }
        if (fromStepFraction > 0) {
            parts.add("steps from " + fromStepFraction + " of the last");
        }
        if (every > 1) {
            parts.add("every " + every + " checkpoints");
        }
        if (smooth > 0) {
            parts.add("mean of " + String.join(", ", averaged) + " over " + smooth + " checkpoints");
        }
        if (lastMean > 0) {
            parts.add("last with the mean of " + String.join(", ", averaged) + " over the last " + lastMean);
        }
        if (lastOnly) {
            parts.add("last only");
        }
        return String.join("; ", parts);
    }
}
