package dev.slaw.uncertainty;

/** What a bootstrap replicate draws with replacement. */
public enum Resampling {
    /** Rows, independently: the classic nonparametric bootstrap (Efron 1979). */
    ROWS,
    /**
     * Whole runs (every checkpoint of a run together), when the table holds several rows per
     * training run: the block bootstrap that respects the correlation of a run's checkpoints.
     */
    RUNS,
    /**
     * Moving blocks of consecutive rows within each run (Kunsch 1989): each run is rebuilt to its
     * own length from blocks drawn with replacement from its own rows, so every run stays in the
     * resample and the autocorrelation of neighbouring checkpoints (the steps of a loss curve)
     * survives inside each block.
     */
    BLOCKS
}
