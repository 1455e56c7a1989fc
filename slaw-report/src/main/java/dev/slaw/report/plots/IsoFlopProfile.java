package dev.slaw.report.plots;

/**
 * One IsoFLOP profile (Chinchilla Approach 2): runs at a fixed compute budget, the parabola
 * fitted through them in log N, and its minimum.
 *
 * @param label                   legend entry, e.g. {@code 6e18 FLOPs}
 * @param parameterCount          the runs' parameter counts
 * @param loss                    the runs' final losses
 * @param curveParameterCount     where the parabola is drawn
 * @param curveLoss               the parabola's loss there
 * @param optimalParameterCount   N at the parabola's minimum
 * @param optimalLoss             the minimum loss
 */
public record IsoFlopProfile(String label, double[] parameterCount, double[] loss, double[] curveParameterCount,
                             double[] curveLoss, double optimalParameterCount, double optimalLoss) {
    public IsoFlopProfile {
        parameterCount = parameterCount.clone();
        loss = loss.clone();
        curveParameterCount = curveParameterCount.clone();
        curveLoss = curveLoss.clone();
    }

    @Override
    public double[] parameterCount() {
        return parameterCount.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }

    @Override
    public double[] curveParameterCount() {
        return curveParameterCount.clone();
    }

    @Override
    public double[] curveLoss() {
        return curveLoss.clone();
    }
}
