package dev.slaw.fit;

import dev.slaw.optim.Bounds;
import dev.slaw.optim.OptimizationResult;

import java.util.Arrays;

/**
 * AdamW (Loshchilov and Hutter 2019) as PyTorch runs it: betas (0.9, 0.999), eps 1e-8, decoupled
 * weight decay, one learning rate per free coordinate, a step budget, stopping after
 * {@code patience} steps without a lower objective or when the gradient norm falls below 1e-5.
 * As in the multi-power law's reference code (Luo et al. 2025), the objective is taken before
 * each step and the point kept is the one right after the step that followed the lowest
 * objective. It works on the optimiser's coordinates and ignores bounds, so a protocol that
 * replays published AdamW fits declares its parameters free (coordinates = values). The fit's
 * tolerances do not apply.
 *
 * @param learningRates one per free coordinate, in the law's order of free parameters
 * @param weightDecay   decoupled weight decay (PyTorch's default 0.01)
 * @param maxSteps      step budget
 * @param patience      steps without a lower objective before stopping
 */
public record AdamW(double[] learningRates, double weightDecay, int maxSteps, int patience) implements LocalOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final double GRADIENT_NORM_STOP = 1e-5;

    public AdamW {
        learningRates = learningRates.clone();
        if (maxSteps < 1 || patience < 1) {
            throw new IllegalArgumentException("AdamW needs at least one step and a patience of at least 1");
        }
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    @Override
    public OptimizationResult minimize(FitProblem problem, double[] start, Bounds bounds, FitOptions options) {
        int m = start.length;
        if (m != learningRates.length) {
            throw new IllegalArgumentException("AdamW has " + learningRates.length + " learning rates for " + m
                    + " free parameters");
        }
        double[] p = start.clone();
        double[] first = new double[m];
        double[] second = new double[m];
        double[] gradient = new double[m];
        double lowest = Double.POSITIVE_INFINITY;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] best = p.clone();
        int withoutImprovement = 0;
        OptimizationResult.Status status = OptimizationResult.Status.MAX_ITERATIONS;
        String reason = "step budget of " + maxSteps + " used";
        int step = 0;
        while (step < maxSteps) {
            double loss = problem.valueAndGradient(p, gradient);
            step++;
            double bias1 = 1 - Math.pow(BETA1, step);
            double bias2 = 1 - Math.pow(BETA2, step);
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double g = gradient[j];
                norm += g * g;
                p[j] -= learningRates[j] * weightDecay * p[j];
                first[j] = BETA1 * first[j] + (1 - BETA1) * g;
                second[j] = BETA2 * second[j] + (1 - BETA2) * g * g;
                p[j] -= learningRates[j] / bias1 * first[j] / (Math.sqrt(second[j]) / Math.sqrt(bias2) + EPSILON);
            }
            if (loss < lowest) {
                lowest = loss;
                withoutImprovement = 0;
            } else {
                withoutImprovement++;
            }
            if (step - 1 > patience && withoutImprovement >= patience) {
                status = OptimizationResult.Status.CONVERGED_FUNCTION;
                reason = "no lower objective for " + patience + " steps";
                break;
            }
            if (Math.sqrt(norm) < GRADIENT_NORM_STOP) {
                status = OptimizationResult.Status.CONVERGED_GRADIENT;
                reason = "gradient norm below " + GRADIENT_NORM_STOP;
                break;
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = p.clone();
            }
        }
        double[] g = new double[m];
        double value = problem.valueAndGradient(best, g);
        return new OptimizationResult(best, value, g, step, step + 1, status, "AdamW " + step + " steps: " + reason);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String describe(FitOptions options) {
        return String.format(java.util.Locale.ROOT, "adamw (learning rates %s, weight decay %s, at most %d steps,"
                + " patience %d)", Arrays.toString(learningRates), weightDecay, maxSteps, patience);
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof AdamW a && Arrays.equals(learningRates, a.learningRates) && weightDecay == a.weightDecay
                && maxSteps == a.maxSteps && patience == a.patience;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(learningRates) * 31 + maxSteps;
    }

    @Override
    public String toString() {
        return describe(null);
    }
}
