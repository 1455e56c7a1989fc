package dev.slaw.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an IsoFLOP analysis found: the groups with their parabola minima, the fitted power laws
 * N_opt = k C^a and D_opt = k' C^b, and the bootstrap replicates of those fits.
 *
 * @param options          the analysis settings used
 * @param groups           every compute group, used or not (see {@link IsoFlopGroup#status()})
 * @param parameters       N_opt(C)
 * @param tokens           D_opt(C)
 * @param replicates       per successful resample: {k, a, k', b}
 * @param failedResamples  resamples with fewer than two usable groups
 * @param mergedDuplicates runs dropped because another run of the same N and D had a lower loss
 * @param runs             runs given
 */
public record IsoFlopResult(IsoFlopAnalysis options, List<IsoFlopGroup> groups, PowerLaw parameters, PowerLaw tokens,
                            List<double[]> replicates, int failedResamples, int mergedDuplicates, int runs) {
    public IsoFlopResult {
        groups = List.copyOf(groups);
        List<double[]> copy = new ArrayList<>();
        for (double[] r : replicates) {
            copy.add(r.clone());
        }
        replicates = List.copyOf(copy);
    }

    /** Bootstrap percentile interval of the exponent a of N_opt = k C^a. */
    public Optional<Interval> parameterExponentInterval() {
        return column(1).map(v -> Interval.percentile(v, options.level()));
    }

    /** Bootstrap percentile interval of the exponent b of D_opt = k' C^b. */
    public Optional<Interval> tokenExponentInterval() {
        return column(3).map(v -> Interval.percentile(v, options.level()));
    }

    /** The allocation the power laws give at a budget, with bootstrap intervals when available. */
    public Allocation at(double computeFlops) {
        double n = parameters.at(computeFlops);
        double d = tokens.at(computeFlops);
        Allocation a = new Allocation(computeFlops, n, d, Double.NaN, Allocation.Method.NUMERIC, List.of(),
                Intervals.NONE);
        if (replicates.isEmpty()) {
            return a;
        }
        double[] ns = new double[replicates.size()];
        double[] ds = new double[replicates.size()];
        double[] ratio = new double[replicates.size()];
        for (int i = 0; i < ns.length; i++) {
            double[] r = replicates.get(i);
            ns[i] = r[0] * Math.pow(computeFlops, r[1]);
            ds[i] = r[2] * Math.pow(computeFlops, r[3]);
            ratio[i] = ds[i] / ns[i];
        }
        java.util.Map<String, Interval> m = new java.util.LinkedHashMap<>();
        m.put("parameterCount", Interval.percentile(ns, options.level()));
        m.put("tokenCount", Interval.percentile(ds, options.level()));
        m.put("tokensPerParameter", Interval.percentile(ratio, options.level()));
        return a.withIntervals(new Intervals(m, replicates.size(), failedResamples));
    }

    public long usedGroups() {
        return groups.stream().filter(g -> g.status() == IsoFlopGroup.Status.USED).count();
    }

    private Optional<double[]> column(int j) {
        if (replicates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replicates.stream().mapToDouble(r -> r[j]).toArray());
    }
}
