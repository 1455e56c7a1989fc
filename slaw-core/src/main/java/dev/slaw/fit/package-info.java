/**
 * Fitting laws to data: objectives (Huber on log residuals, summed, by default), the mapping
 * between a law's parameters and the optimiser's coordinates (log space for positive ones,
 * fixed values, ties), multi-start search in parallel with a thread-count-independent answer,
 * and the {@link dev.slaw.fit.Fit} with its statistics, uncertainties and provenance.
 *
 * <p>The default protocol is that of Besiroglu et al. 2024 (arXiv:2404.10102), the replication
 * of Hoffmann et al. 2022's Approach 3.
 */
package dev.slaw.fit;
