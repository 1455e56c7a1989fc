package dev.slaw.report.plots;

import java.util.Arrays;

/**
 * A training run's loss against step with what a schedule-aware law predicts for it, and the
 * learning rate its schedule sets at each step.
 *
 * @param label        the run or schedule, e.g. {@code cosine 3e-4}
 * @param step         training steps, increasing
 * @param observed     the logged loss at each step (NaN where not logged)
 * @param predicted    the law's loss at each step (NaN where not predicted)
 * @param learningRate the schedule's learning rate at each step
 */
public record LossCurve(String label, double[] step, double[] observed, double[] predicted, double[] learningRate) {
    public LossCurve {
        if (observed.length != step.length || predicted.length != step.length || learningRate.length != step.length) {
            throw new IllegalArgumentException("loss curve '" + label
                    + "' needs one observed loss, predicted loss and learning rate per step");
        }
        step = step.clone();
        observed = observed.clone();
        predicted = predicted.clone();
        learningRate = learningRate.clone();
    }

    /** A schedule never run: the law's prediction only. */
    public static LossCurve predicted(String label, double[] step, double[] predicted, double[] learningRate) {
        double[] none = new double[step.length];
        Arrays.fill(none, Double.NaN);
        return new LossCurve(label, step, none, predicted, learningRate);
    }

    @Override
    public double[] step() {
        return step.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }

    @Override
    public double[] learningRate() {
        return learningRate.clone();
    }

    /** Whether any step has a logged loss. */
    public boolean hasObservations() {
        return Arrays.stream(observed).anyMatch(Double::isFinite);
    }
}
