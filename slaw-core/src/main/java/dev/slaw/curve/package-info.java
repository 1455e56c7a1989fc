/**
 * Laws that predict a whole training-loss curve from its learning-rate schedule, and fitting
 * several curves of one model with one parameter set.
 *
 * <p>Rows are observations {@code (run, step, loss)}: a text label names the run, a numeric
 * column gives the optimiser step (counted from 0), and the law holds the
 * {@link dev.slaw.schedule.Schedule} of each run. Two laws are provided as Java kernels with
 * exact gradients: {@link dev.slaw.curve.MultiPowerLaw} (Luo et al. 2025) and
 * {@link dev.slaw.curve.LrAnnealingLaw} (Tissue et al. 2024).
 */
package dev.slaw.curve;
