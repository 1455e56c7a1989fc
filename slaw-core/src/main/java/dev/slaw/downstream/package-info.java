/**
 * Downstream prediction: a task's accuracy for a large model from small ones. A {@link Chain}
 * fits two laws per task through the one {@code Fitter} (step 1: N, D to the task's loss; step
 * 2: that loss to accuracy) and evaluates the second at the first's prediction; the result,
 * {@link ChainPrediction}, keeps both {@code Fit}s. No files, no printing.
 */
package dev.slaw.downstream;
