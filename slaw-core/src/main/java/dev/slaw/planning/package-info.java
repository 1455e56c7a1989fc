/**
 * Planning with a fitted law: how to spend a compute budget.
 *
 * <ul>
 *   <li>{@link dev.slaw.planning.ComputeOptimal}: the compute-optimal parameter count N and token
 *       count D for a budget C (Hoffmann et al. 2022, "Training Compute-Optimal Large Language
 *       Models", arXiv:2203.15556), in closed form for Chinchilla-type laws
 *       ({@link dev.slaw.planning.ChinchillaForm}) and numerically for any law in N and D under
 *       any {@link dev.slaw.planning.FlopModel}; the {@link dev.slaw.planning.Frontier} over a
 *       range of budgets; the least compute that reaches a target loss; the inference-aware
 *       optimum of Sardana et al. 2024 ({@link dev.slaw.planning.InferenceAwarePlan}).</li>
 *   <li>{@link dev.slaw.planning.DataConstrained}: the best N, D and number of epochs when only U
 *       unique tokens exist (Muennighoff et al. 2023, arXiv:2305.16264).</li>
 *   <li>{@link dev.slaw.planning.DataFilteringPools}: which filtered pool (the best k buckets of
 *       quality-ranked data) predicts the least error for a budget of samples seen (Goyal et al.
 *       2024, arXiv:2404.07177).</li>
 *   <li>{@link dev.slaw.planning.IsoFlopAnalysis} (Chinchilla's Approach 2) and
 *       {@link dev.slaw.planning.LossEnvelope} (Approach 1): compute-optimal scaling read from the
 *       runs themselves, without a parametric loss.</li>
 *   <li>{@link dev.slaw.planning.Replicates}: bootstrap parameter sets from which every planned
 *       quantity gets a percentile {@link dev.slaw.planning.Interval}.</li>
 * </ul>
 *
 * <p>Units throughout: N in parameters, D in tokens, C in FLOPs. Pure computation: no files, no
 * printing.
 */
package dev.slaw.planning;
