package dev.slaw.planning;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Chinchilla's Approach 1 (Hoffmann et al. 2022, section 3.1): the lower envelope of loss
 * against compute. Every checkpoint of every run is a point (N, D seen so far, C, loss); compute
 * is cut into bins evenly spaced in log C, and in each bin the checkpoint of least loss names
 * the compute-optimal N and D for that compute. Power laws N_opt = k C^a and D_opt = k' C^b are
 * fitted to those points by log-log regression; their intervals are regression t intervals.
 *
 * <p>Checkpoints part-way through a cosine schedule are not runs trained to that length, which
 * biases the envelope toward small models (Hoffmann et al. 2022, appendix; Porian et al. 2024);
 * runs cut short with their own decayed schedules avoid it.
 */
public final class LossEnvelope {
    private LossEnvelope() {
    }

    /**
     * One envelope point: the best checkpoint in a compute bin.
     *
     * @param computeFlops   the checkpoint's compute
     * @param parameterCount its N
     * @param tokenCount     its D
     * @param loss           its loss, the least in the bin
     */
    public record Point(double computeFlops, double parameterCount, double tokenCount, double loss) {
    }

    /**
     * The envelope and its power laws.
     *
     * @param binsPerDecade compute bins per decade
     * @param points        one per non-empty bin, by compute
     * @param parameters    N_opt(C)
     * @param tokens        D_opt(C)
     */
    public record Result(int binsPerDecade, List<Point> points, PowerLaw parameters, PowerLaw tokens) {
        public Result {
            points = List.copyOf(points);
        }

        /**
         * Where the envelope rises with compute: the lowest loss of a bin should not exceed the
         * last bin's, and where it does (few or early checkpoints in a bin), the envelope there is
         * noise, not the frontier. One line naming how many rises and the largest; empty if none.
         */
        public List<String> warnings() {
            int rises = 0;
            int worst = -1;
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).loss() > points.get(i - 1).loss()) {
                    rises++;
                    if (worst < 0 || points.get(i).loss() - points.get(i - 1).loss()
                            > points.get(worst).loss() - points.get(worst - 1).loss()) {
                        worst = i;
                    }
                }
            }
            if (rises == 0) {
                return List.of();
            }
            Point a = points.get(worst - 1);
            Point b = points.get(worst);
            return List.of(String.format(java.util.Locale.ROOT, "the envelope rises with compute at %d of its %d steps from a bin to the next (most"
                    + " from %.4g at C = %.3e to %.4g at C = %.3e): a bin's lowest loss should not exceed a smaller"
                    + " budget's, so there the bins hold too few or too early checkpoints to trace the frontier"
                    + " (fewer --bins-per-decade, or keep converged checkpoints only)", rises, points.size() - 1,
                    a.loss(), a.computeFlops(), b.loss(), b.computeFlops()));
        }
    }

    /**
     * The envelope of checkpoints (N, D, C, loss) with {@code binsPerDecade} log-spaced bins of
     * compute, counted from the least compute given; empty bins are skipped.
     */
    public static Result of(double[] parameterCount, double[] tokenCount, double[] computeFlops, double[] loss,
                            int binsPerDecade, double level) {
        if (binsPerDecade < 1) {
            throw new BadInputException("bins per decade must be >= 1, got " + binsPerDecade);
        }
        int rows = parameterCount.length;
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            if (!(computeFlops[i] > 0 && parameterCount[i] > 0 && tokenCount[i] > 0) || !Double.isFinite(loss[i])) {
                throw new BadInputException("loss envelope: checkpoint " + (i + 1)
                        + " needs positive N, D, C and a finite loss");
            }
            lo = Math.min(lo, Math.log10(computeFlops[i]));
        }
        java.util.TreeMap<Integer, Integer> bestInBin = new java.util.TreeMap<>();
        for (int i = 0; i < rows; i++) {
            int bin = (int) Math.floor((Math.log10(computeFlops[i]) - lo) * binsPerDecade);
            Integer old = bestInBin.get(bin);
            if (old == null || loss[i] < loss[old]) {
                bestInBin.put(bin, i);
            }
        }
        List<Point> points = new ArrayList<>();
        for (int i : bestInBin.values()) {
            points.add(new Point(computeFlops[i], parameterCount[i], tokenCount[i], loss[i]));
        }
        if (points.size() < 2) {
            throw new BadInputException("loss envelope: the checkpoints span fewer than 2 compute bins");
        }
        double[] c = points.stream().mapToDouble(Point::computeFlops).toArray();
        return new Result(binsPerDecade, points,
                PowerLaw.fit(c, points.stream().mapToDouble(Point::parameterCount).toArray(), level),
                PowerLaw.fit(c, points.stream().mapToDouble(Point::tokenCount).toArray(), level));
    }
}
