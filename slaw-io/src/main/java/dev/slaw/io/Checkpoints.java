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
 * @param runColumns        columns whose values together name a run; empty means no filters
 * @param stepColumn        the step (or tokens seen) of each checkpoint
 * @param lastOnly          keep only each run's last checkpoint (ties: the later row)
 * @param dropFirstFraction in [0, 1): fraction of each run's checkpoints dropped from the start
 * @param fromStepFraction  in [0, 1]: keep steps at or after this fraction of the run's last step
 * @param every             keep every k-th checkpoint (1 keeps all)
 */
public record Checkpoints(List<String> runColumns, String stepColumn, boolean lastOnly, double dropFirstFraction,
                          double fromStepFraction, int every) {

    /** No checkpoint filtering. */
    public static final Checkpoints NONE = new Checkpoints(List.of(), "", false, 0, 0, 1);

    public Checkpoints {
        runColumns = List.copyOf(runColumns);
        if (!(dropFirstFraction >= 0 && dropFirstFraction < 1)) {
            throw new BadInputException("the fraction of checkpoints to drop must be in [0, 1), got " + dropFirstFraction);
        }
        if (!(fromStepFraction >= 0 && fromStepFraction <= 1)) {
            throw new BadInputException("the step fraction to keep from must be in [0, 1], got " + fromStepFraction);
        }
        if (every < 1) {
            throw new BadInputException("keep every k-th checkpoint: k must be at least 1, got " + every);
        }
        boolean filters = lastOnly || dropFirstFraction > 0 || fromStepFraction > 0 || every > 1;
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
        return new Checkpoints(runColumns, stepColumn, value, dropFirstFraction, fromStepFraction, every);
    }

    public Checkpoints withDropFirstFraction(double value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, value, fromStepFraction, every);
    }

    public Checkpoints withFromStepFraction(double value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, value, every);
    }

    public Checkpoints withEvery(int value) {
        return new Checkpoints(runColumns, stepColumn, lastOnly, dropFirstFraction, fromStepFraction, value);
    }

    /** Whether any filter is set. */
    public boolean isActive() {
        return lastOnly || dropFirstFraction > 0 || fromStepFraction > 0 || every > 1;
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
        if (lastOnly) {
            parts.add("last only");
        }
        return String.join("; ", parts);
    }
}
