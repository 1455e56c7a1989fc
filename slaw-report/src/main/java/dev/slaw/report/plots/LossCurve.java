package dev.slaw.report.plots;

/**
 * A training run's loss against step with what a schedule-aware law predicts for it.
 *
 * @param label     the run or schedule, e.g. {@code cosine 3e-4}
 * @param step      training steps
 * @param observed  the logged loss at each step (NaN where not logged)
 * @param predicted the law's loss at each step (NaN where not predicted)
 */
public record LossCurve(String label, double[] step, double[] observed, double[] predicted) {
    public LossCurve {
        if (observed.length != step.length || predicted.length != step.length) {
            throw new IllegalArgumentException("loss curve '" + label + "' needs one observed and predicted loss per step");
        }
        step = step.clone();
        observed = observed.clone();
        predicted = predicted.clone();
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
}
