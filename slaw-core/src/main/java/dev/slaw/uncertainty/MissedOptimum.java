package dev.slaw.uncertainty;

/**
 * A bootstrap replicate whose parameters fit all the data better than the point estimate does:
 * the point fit's starts missed the optimum, so intervals around it describe the wrong place.
 *
 * @param replicate          the replicate's index
 * @param replicateObjective the objective over all the rows at the replicate's parameters
 * @param pointObjective     the objective over all the rows at the point estimate
 */
public record MissedOptimum(int replicate, double replicateObjective, double pointObjective) {

    /** One sentence for a report. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "the point estimate is not the optimum: replicate %d's parameters fit"
                + " all the data better (objective %.6g < %.6g); refit with more starts", replicate, replicateObjective,
                pointObjective);
    }
}
