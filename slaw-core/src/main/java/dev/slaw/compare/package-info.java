/**
 * Comparing recipes by their laws (issue 18): where two fitted laws cross, the compute multiplier
 * that makes one match the other, the gap at given scales, each with a bootstrap interval
 * ({@link dev.slaw.compare.RecipeComparison}); how well small-scale fits rank many recipes at a
 * target scale ({@link dev.slaw.compare.Ranking}); and the shape of a metric across scale
 * ({@link dev.slaw.compare.TrendShape}). Everything works on laws sampled along one axis, so this
 * package needs no fitting and does no I/O.
 */
package dev.slaw.compare;
