package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Numbers;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chinchilla's Approach 2 (Hoffmann et al. 2022, section 3.2): IsoFLOP profiles. Runs are
 * grouped by compute; in each group a parabola of the loss in log N is fitted by least squares
 * and its minimum taken as the group's compute-optimal N (and D = the tokens the group's compute
 * buys at that N); then N_opt = k C^a and D_opt = k' C^b are fitted by log-log regression.
 *
 * <p>Choices, each an option and each recorded in the result:
 * <ul>
 *   <li>Grouping: by a label per run (e.g. an IsoFLOP column), or else by compute: runs sorted
 *       by C, a new group starting when C exceeds the group's first run by more than
 *       {@code toleranceDecades}.</li>
 *   <li>Duplicates: runs of the same N and D (a learning-rate sweep) are merged into the one of
 *       lowest loss, so that each (N, D) is represented by its tuned run.</li>
 *   <li>Compute adjustment: runs binned by compute differ in C within a group, which moves
 *       their losses; with {@code computeAdjusted} the parabola gets a term s (log C - log C_g)
 *       and is read at the group's compute C_g (a first-order correction; it vanishes for exact
 *       IsoFLOP slices).</li>
 *   <li>Minima outside the sizes tried are extrapolations and are left out by default.</li>
 *   <li>Intervals: the exponents carry both the regression standard error (t interval over the
 *       groups) and a bootstrap percentile interval: runs are resampled with replacement within
 *       each group ({@code resamples} times, from {@code seed}, each resample with its own split
 *       random stream), the whole analysis repeated; resamples with fewer than two usable groups
 *       are counted as failed.</li>
 * </ul>
 *
 * @param toleranceDecades width of a compute group, in decades of C (when no labels are given)
 * @param minimumModels    distinct N a group needs for a parabola (at least 3)
 * @param computeAdjusted  whether the parabola corrects for compute differences within a group
 * @param dropEdgeMinima   whether minima outside a group's range of N are left out
 * @param resamples        bootstrap resamples (0 for none)
 * @param seed             seed of the bootstrap
 * @param level            interval level, e.g. 0.95
 * @param flops            the FLOP model that turns a group's compute and N_opt into D_opt
 */
public record IsoFlopAnalysis(double toleranceDecades, int minimumModels, boolean computeAdjusted,
                              boolean dropEdgeMinima, int resamples, long seed, double level, FlopModel flops) {

    public IsoFlopAnalysis {
        if (!(toleranceDecades > 0)) {
            throw new BadInputException("IsoFLOP compute tolerance must be positive, got " + toleranceDecades);
        }
        if (minimumModels < 3) {
            throw new BadInputException("a parabola needs at least 3 model sizes, got " + minimumModels);
        }
        if (resamples < 0) {
            throw new BadInputException("resamples must be >= 0, got " + resamples);
        }
        Objects.requireNonNull(flops);
    }

    /** Defaults: groups 0.15 decades wide, compute-adjusted, edge minima dropped, 1,000 resamples, seed 0. */
    public static IsoFlopAnalysis defaults() {
        return new IsoFlopAnalysis(0.15, 3, true, true, 1000, 0, 0.95, FlopModel.STANDARD);
    }

    public IsoFlopAnalysis withToleranceDecades(double v) {
        return new IsoFlopAnalysis(v, minimumModels, computeAdjusted, dropEdgeMinima, resamples, seed, level, flops);
    }

    public IsoFlopAnalysis withMinimumModels(int v) {
        return new IsoFlopAnalysis(toleranceDecades, v, computeAdjusted, dropEdgeMinima, resamples, seed, level, flops);
    }

    public IsoFlopAnalysis withComputeAdjusted(boolean v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, v, dropEdgeMinima, resamples, seed, level, flops);
    }

    public IsoFlopAnalysis withDropEdgeMinima(boolean v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, computeAdjusted, v, resamples, seed, level, flops);
    }

    public IsoFlopAnalysis withResamples(int v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, computeAdjusted, dropEdgeMinima, v, seed, level,
                flops);
    }

    public IsoFlopAnalysis withSeed(long v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, computeAdjusted, dropEdgeMinima, resamples, v,
                level, flops);
    }

    public IsoFlopAnalysis withLevel(double v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, computeAdjusted, dropEdgeMinima, resamples, seed, v,
                flops);
    }

    public IsoFlopAnalysis withFlops(FlopModel v) {
        return new IsoFlopAnalysis(toleranceDecades, minimumModels, computeAdjusted, dropEdgeMinima, resamples, seed,
                level, v);
    }

    /**
     * Runs the analysis.
     *
     * @param parameterCount N per run
     * @param tokenCount     D per run
     * @param computeFlops   C per run (null: from the FLOP model)
     * @param loss           final loss per run
     * @param labels         IsoFLOP group per run (null: group by compute)
     */
    /** More tokens counts than this at one model size read as a run's checkpoints, not as IsoFLOP runs. */
    static final int CHECKPOINT_TOKEN_COUNTS = 20;

    /**
     * A warning when the table looks like training checkpoints rather than runs: some model size
     * has more than {@value #CHECKPOINT_TOKEN_COUNTS} distinct token counts (an IsoFLOP grid
     * trains each size at a handful of budgets). A checkpoint before the end of its schedule is
     * not a run trained to that D (its learning rate has not decayed), so profiles through such
     * points misplace the minimum.
     */
    public static java.util.Optional<String> checkpointWarning(double[] parameterCount, double[] tokenCount) {
        Map<Double, Set<Double>> tokensPerSize = new LinkedHashMap<>();
        for (int i = 0; i < parameterCount.length; i++) {
            tokensPerSize.computeIfAbsent(parameterCount[i], k -> new HashSet<>()).add(tokenCount[i]);
        }
        return tokensPerSize.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .filter(e -> e.getValue().size() > CHECKPOINT_TOKEN_COUNTS)
                .map(e -> "N = " + Numbers.compact(e.getKey()) + " has " + e.getValue().size()
                        + " distinct token counts: these look like checkpoints of training runs, and a checkpoint before "
                        + "the end of its schedule is not a run trained to that D; an IsoFLOP profile wants each run's "
                        + "final loss (--run COLUMN --step COLUMN --last-checkpoint), or use slaw plan envelope, which is made for checkpoints");
    }

    public IsoFlopResult analyse(double[] parameterCount, double[] tokenCount, double[] computeFlops, double[] loss,
                                 String[] labels) {
        int rows = parameterCount.length;
        if (tokenCount.length != rows || loss.length != rows || (computeFlops != null && computeFlops.length != rows)
                || (labels != null && labels.length != rows)) {
            throw new IllegalArgumentException("IsoFLOP columns differ in length");
        }
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double c = computeFlops == null ? flops.flops(parameterCount[i], tokenCount[i]) : computeFlops[i];
            double[] v = {parameterCount[i], tokenCount[i], c, loss[i]};
            for (double x : v) {
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw new BadInputException("IsoFLOP analysis: run " + (i + 1) + " has N = " + parameterCount[i]
                            + ", D = " + tokenCount[i] + ", C = " + c + ", loss = " + loss[i]
                            + "; all must be positive numbers");
                }
            }
            all.add(new Run(parameterCount[i], tokenCount[i], c, loss[i], labels == null ? "" : labels[i]));
        }
        Map<String, Run> best = new LinkedHashMap<>();
        for (Run r : all) {
            String key = r.label + "|" + r.n + "|" + r.d;
            Run old = best.get(key);
            if (old == null || r.loss < old.loss) {
                best.put(key, r);
            }
        }
        int merged = all.size() - best.size();
        List<List<Run>> groups = group(new ArrayList<>(best.values()), labels != null);
        List<IsoFlopGroup> fitted = new ArrayList<>();
        for (List<Run> g : groups) {
            fitted.add(fitGroup(g));
        }
        List<IsoFlopGroup> used = fitted.stream().filter(g -> g.status() == IsoFlopGroup.Status.USED).toList();
        if (used.size() < 2) {
            throw new BadInputException("IsoFLOP analysis: only " + used.size() + " of " + fitted.size()
                    + " compute groups have a minimum inside the sizes tried; need 2 (widen the groups with a larger "
                    + "tolerance, or give an IsoFLOP column)");
        }
        PowerLaw nLaw = PowerLaw.fit(used.stream().mapToDouble(IsoFlopGroup::computeFlops).toArray(),
                used.stream().mapToDouble(IsoFlopGroup::parameterCount).toArray(), level);
        PowerLaw dLaw = PowerLaw.fit(used.stream().mapToDouble(IsoFlopGroup::computeFlops).toArray(),
                used.stream().mapToDouble(IsoFlopGroup::tokenCount).toArray(), level);

        List<double[]> replicates = new ArrayList<>();
        int failed = 0;
        SplittableRandom root = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            SplittableRandom random = root.split();
            List<IsoFlopGroup> rg = new ArrayList<>();
            for (List<Run> g : groups) {
                List<Run> resampled = new ArrayList<>(g.size());
                for (int i = 0; i < g.size(); i++) {
                    resampled.add(g.get(random.nextInt(g.size())));
                }
                IsoFlopGroup fg = fitGroup(resampled);
                if (fg.status() == IsoFlopGroup.Status.USED) {
                    rg.add(fg);
                }
            }
            if (rg.size() < 2 || rg.stream().mapToDouble(IsoFlopGroup::computeFlops).distinct().count() < 2) {
                failed++;
                continue;
            }
            double[] c = rg.stream().mapToDouble(IsoFlopGroup::computeFlops).toArray();
            PowerLaw pn = PowerLaw.fit(c, rg.stream().mapToDouble(IsoFlopGroup::parameterCount).toArray(), level);
            PowerLaw pd = PowerLaw.fit(c, rg.stream().mapToDouble(IsoFlopGroup::tokenCount).toArray(), level);
            replicates.add(new double[]{pn.coefficient(), pn.exponent(), pd.coefficient(), pd.exponent()});
        }
        return new IsoFlopResult(this, fitted, nLaw, dLaw, replicates, failed, merged, all.size());
    }

    private List<List<Run>> group(List<Run> runs, boolean byLabel) {
        List<List<Run>> out = new ArrayList<>();
        if (byLabel) {
            Map<String, List<Run>> m = new LinkedHashMap<>();
            for (Run r : runs) {
                m.computeIfAbsent(r.label, k -> new ArrayList<>()).add(r);
            }
            out.addAll(m.values());
            out.sort(Comparator.comparingDouble(g -> g.stream().mapToDouble(r -> Math.log(r.c)).average()
                    .orElse(0)));
            return out;
        }
        runs.sort(Comparator.comparingDouble(r -> r.c));
        List<Run> current = new ArrayList<>();
        for (Run r : runs) {
            if (!current.isEmpty() && Math.log10(r.c) - Math.log10(current.get(0).c) > toleranceDecades) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(r);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The parabola of one group and its minimum. */
    private IsoFlopGroup fitGroup(List<Run> g) {
        int m = g.size();
        double meanLogC = 0;
        double meanLogN = 0;
        double minC = Double.POSITIVE_INFINITY;
        double maxC = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        Set<Double> sizes = new HashSet<>();
        for (Run r : g) {
            meanLogC += Math.log(r.c) / m;
            meanLogN += Math.log(r.n) / m;
            minC = Math.min(minC, r.c);
            maxC = Math.max(maxC, r.c);
            sizes.add(r.n);
        }
        double cg = Math.exp(meanLogC);
        String label = g.get(0).label;
        boolean adjust = computeAdjusted && maxC / minC > 1 + 1e-9;
        int columns = adjust ? 4 : 3;
        if (sizes.size() < minimumModels || m < columns + (adjust ? 1 : 0)) {
            return new IsoFlopGroup(cg, label, m, sizes.size(), maxC / minC, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, IsoFlopGroup.Status.TOO_FEW_MODELS);
        }
        double[][] design = new double[m][columns];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            Run r = g.get(i);
            // centred log N keeps the normal equations well conditioned
            double x = Math.log(r.n) - meanLogN;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            design[i][0] = x * x;
            design[i][1] = x;
            design[i][2] = 1;
            if (adjust) {
                design[i][3] = Math.log(r.c) - meanLogC;
            }
            y[i] = r.loss;
        }
        RealVector coef;
        try {
            coef = new QRDecomposition(new Array2DRowRealMatrix(design, false), 1e-12).getSolver()
                    .solve(new ArrayRealVector(y, false));
        } catch (RuntimeException singular) {
            return new IsoFlopGroup(cg, label, m, sizes.size(), maxC / minC, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, IsoFlopGroup.Status.TOO_FEW_MODELS);
        }
        double q = coef.getEntry(0);
        double p = coef.getEntry(1);
        double r0 = coef.getEntry(2);
        if (!(q > 0)) {
            return new IsoFlopGroup(cg, label, m, sizes.size(), maxC / minC, q, Double.NaN, Double.NaN, Double.NaN,
                    IsoFlopGroup.Status.NO_MINIMUM);
        }
        double xStar = -p / (2 * q);
        double n = Math.exp(xStar + meanLogN);
        double d = flops.tokensFor(n, cg);
        double lossAtMinimum = r0 - p * p / (4 * q);
        boolean inside = xStar >= minX && xStar <= maxX;
        IsoFlopGroup.Status status = inside || !dropEdgeMinima ? IsoFlopGroup.Status.USED
                : IsoFlopGroup.Status.MINIMUM_OUTSIDE_RANGE;
        return new IsoFlopGroup(cg, label, m, sizes.size(), maxC / minC, q, n, d, lossAtMinimum, status);
    }

    private record Run(double n, double d, double c, double loss, String label) {
    }

    @Override
    public String toString() {
        return "groups " + Numbers.compact(toleranceDecades) + " decades wide, >= " + minimumModels + " sizes, "
                + (computeAdjusted ? "compute-adjusted" : "plain") + " parabolas, edge minima "
                + (dropEdgeMinima ? "dropped" : "kept") + ", " + resamples + " resamples (seed " + seed + ")";
    }
}
