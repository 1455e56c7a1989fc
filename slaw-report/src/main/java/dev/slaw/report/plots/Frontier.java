package dev.slaw.report.plots;

/**
 * A compute-optimal frontier as plain arrays, one entry per compute budget: what
 * {@link PlanPlots} draws, whoever computed it (the planner, or {@link ClosedFormFrontier}).
 *
 * @param computeFlops   training compute C in FLOPs, increasing
 * @param parameterCount the optimal parameter count N_opt(C)
 * @param tokenCount     the optimal token count D_opt(C)
 * @param loss           the predicted loss at the optimum
 * @param source         how it was computed, for the chart's subtitle
 */
public record Frontier(double[] computeFlops, double[] parameterCount, double[] tokenCount, double[] loss,
                       String source) {
    public Frontier {
        int n = computeFlops.length;
        if (parameterCount.length != n || tokenCount.length != n || loss.length != n) {
            throw new IllegalArgumentException("a frontier needs one N, D and loss per compute budget");
        }
        computeFlops = computeFlops.clone();
        parameterCount = parameterCount.clone();
        tokenCount = tokenCount.clone();
        loss = loss.clone();
    }

    @Override
    public double[] computeFlops() {
        return computeFlops.clone();
    }

    @Override
    public double[] parameterCount() {
        return parameterCount.clone();
    }

    @Override
    public double[] tokenCount() {
        return tokenCount.clone();
    }

    @Override
    public double[] loss() {
        return loss.clone();
    }
}
