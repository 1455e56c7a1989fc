/**
 * Choosing a data mixture: the proportions of the data sources that minimise what fitted laws
 * predict, on the simplex (proportions at least 0 that sum to 1) cut by per-source bounds and by
 * how many tokens each source has.
 *
 * <p>{@link dev.slaw.mixture.choice.MixtureSpace} is the feasible set and its exact projection,
 * {@link dev.slaw.mixture.choice.MixtureFunction} a target evaluated on many mixtures at once (one
 * fit's prediction, or a weighted sum of several), {@link dev.slaw.mixture.choice.MixtureSearch}
 * the multi-start spectral projected gradient search, with a cap on a second target by an
 * augmented Lagrangian and the trade-off curve between two targets by moving that cap, and
 * {@link dev.slaw.mixture.choice.MixtureIntervals} the optimum recomputed under bootstrap
 * replicates. Pure computation: no files, no printing.
 */
package dev.slaw.mixture.choice;
