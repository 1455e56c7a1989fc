/**
 * How sure a fit is, and whether to believe it: the bootstrap (rows or whole runs resampled,
 * every replicate refitted, percentile intervals for parameters and derived quantities), the
 * maximum-likelihood fit with a Huber density and standard errors from the observed
 * information, confidence and prediction intervals on predictions, the chi-squared comparison
 * of two parameter sets, held-out extrapolation, and the sensitivity sweep over the choices
 * that shape a fit (form, loss, optimiser, starts, data filters).
 *
 * <p>Pure computation on immutable values: no files, no printing. Long work reports progress
 * through a {@link dev.slaw.uncertainty.ProgressListener}; the command line draws the bar.
 *
 * <p>References: Efron and Tibshirani 1993, "An Introduction to the Bootstrap" (percentile
 * intervals); Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"
 * (arXiv:2404.10102) for the Chinchilla bootstrap, the Huber likelihood and the chi-squared
 * test; Li et al. 2025, "(Mis)Fitting: A Survey of Scaling Laws" for the sensitivity sweep.
 */
package dev.slaw.uncertainty;
