package dev.slaw.uncertainty;

/** What a bootstrap replicate draws with replacement. */
public enum Resampling {
    /** Rows, independently: the classic nonparametric bootstrap (Efron 1979). */
    ROWS,
    /**
     * Whole runs (every checkpoint of a run together), when the table holds several rows per
     * training run: the block bootstrap that respects the correlation of a run's checkpoints.
     */
    RUNS
}
