/**
 * Observational scaling (Ruan, Maddison, Hashimoto 2024): capabilities as a few principal
 * components of public models' benchmark scores, a per-family log-linear map from compute to
 * them (the family's compute efficiency), and a sigmoid link from them to a target benchmark,
 * validated on the models above a compute cutoff. Values only; no I/O.
 */
package dev.slaw.observational;
