package dev.slaw.uncertainty;

/**
 * Told each time a unit of long work (a bootstrap replicate, a sweep variant) finishes, from
 * whichever worker thread finished it; implementations must be thread-safe. The core never
 * prints: the command line turns these calls into a progress bar.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  units finished so far (calls may arrive out of order across threads)
     * @param total units in all
     */
    void advanced(int done, int total);
}
