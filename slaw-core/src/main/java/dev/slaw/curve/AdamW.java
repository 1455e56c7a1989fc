package dev.slaw.curve;

/**
 * AdamW (Loshchilov and Hutter 2019) as the multi-power law's reference code runs it to fit the
 * law: PyTorch's update with betas (0.9, 0.999), eps 1e-8, decoupled weight decay 0.01, learning
 * rate 5e-2 for {@code L0, A, B, C} and 5e-3 for {@code alpha, beta, gamma}, at most 200 steps,
 * stopping after 20 steps without a lower objective or when the gradient norm falls below 1e-5.
 * As in that code the objective is taken before each step and the kept parameters are those
 * right after the step that followed the lowest objective.
 */
final class AdamW {
    record Result(double[] parameters, int steps, String stopReason) {
    }

    private final double[] learningRates;
    private final int maxSteps;
    private final int patience;

    private AdamW(double[] learningRates, int maxSteps, int patience) {
        this.learningRates = learningRates;
        this.maxSteps = maxSteps;
        this.patience = patience;
    }

    static AdamW reference() {
        return new AdamW(new double[] {5e-2, 5e-2, 5e-3, 5e-2, 5e-2, 5e-3, 5e-3}, 200, 20);
    }

    Result minimize(CurveFitter.Objective objective, double[] start) {
        int m = start.length;
        int n = objective.logY.length;
        double[] p = start.clone();
        double[] first = new double[m];
        double[] second = new double[m];
        double[] residuals = new double[n];
        double[][] jac = new double[m][n];
        double[] gradient = new double[m];
        double lowest = Double.POSITIVE_INFINITY;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] best = p.clone();
        int withoutImprovement = 0;
        String reason = "step budget of " + maxSteps + " used";
        int step = 0;
        while (step < maxSteps) {
            double loss = objective.valueAndJacobian(p, residuals, jac);
            java.util.Arrays.fill(gradient, 0);
            for (int i = 0; i < n; i++) {
                double r = residuals[i];
                double psi = Math.abs(r) < objective.delta ? r : objective.delta * Math.signum(r);
                for (int j = 0; j < m; j++) {
                    gradient[j] -= psi * jac[j][i] / objective.values[i];
                }
            }
            step++;
            double bias1 = 1 - Math.pow(0.9, step);
            double bias2 = 1 - Math.pow(0.999, step);
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double g = gradient[j];
                norm += g * g;
                p[j] -= learningRates[j] * 0.01 * p[j];
                first[j] = 0.9 * first[j] + 0.1 * g;
                second[j] = 0.999 * second[j] + 0.001 * g * g;
                p[j] -= learningRates[j] / bias1 * first[j] / (Math.sqrt(second[j]) / Math.sqrt(bias2) + 1e-8);
            }
            if (loss < lowest) {
                lowest = loss;
                withoutImprovement = 0;
            } else {
                withoutImprovement++;
            }
            if (step - 1 > patience && withoutImprovement >= patience) {
                reason = "no lower objective for " + patience + " steps";
                break;
            }
            if (Math.sqrt(norm) < 1e-5) {
                reason = "gradient norm below 1e-5";
                break;
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = p.clone();
            }
        }
        return new Result(best, step, reason);
    }
}
