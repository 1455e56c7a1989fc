package dev.slaw.planning;

import java.util.List;
import java.util.Map;

/**
 * The model that reaches a target loss at the least lifetime compute, training plus inference
 * (Sardana et al. 2024, arXiv:2401.00448).
 *
 * @param targetLoss      the loss the model must reach
 * @param inferenceTokens lifetime inference demand D_inf, tokens
 * @param parameterCount  N, parameters
 * @param tokenCount      D, training tokens
 * @param trainingFlops   C_train(N, D)
 * @param inferenceFlops  2 N D_inf
 * @param loss            the predicted loss (equals the target up to the root find)
 * @param trainingOptimal the least-training-compute plan for the same loss, for comparison
 * @param warnings        what a reader should know
 * @param intervals       percentile intervals over replicates, or {@link Intervals#NONE}
 */
public record InferenceAwarePlan(double targetLoss, double inferenceTokens, double parameterCount, double tokenCount,
                                 double trainingFlops, double inferenceFlops, double loss, Allocation trainingOptimal,
                                 List<String> warnings, Intervals intervals) implements Plan {
    public InferenceAwarePlan {
        warnings = List.copyOf(warnings);
    }

    public double totalFlops() {
        return trainingFlops + inferenceFlops;
    }

    /** Lifetime compute of the training-optimal model under the same demand. */
    public double trainingOptimalTotalFlops() {
        return trainingOptimal.computeFlops() + 2 * trainingOptimal.parameterCount() * inferenceTokens;
    }

    public InferenceAwarePlan withIntervals(Intervals newIntervals) {
        return new InferenceAwarePlan(targetLoss, inferenceTokens, parameterCount, tokenCount, trainingFlops,
                inferenceFlops, loss, trainingOptimal, warnings, newIntervals);
    }

    @Override
    public Map<String, Double> quantities() {
        Map<String, Double> q = modelSize();
        q.put("trainingFlops", trainingFlops);
        q.put("inferenceFlops", inferenceFlops);
        q.put("totalFlops", totalFlops());
        q.put("trainingOptimalTotalFlops", trainingOptimalTotalFlops());
        return q;
    }
}
