package dev.slaw.uncertainty;

/**
 * A bootstrap replicate whose refit found no usable optimum: counted and reported, never dropped
 * silently.
 *
 * @param replicate the replicate's index (0-based; its random stream is the index-th split)
 * @param reason    why, as the fitter said it
 */
public record ReplicateFailure(int replicate, String reason) {
}
