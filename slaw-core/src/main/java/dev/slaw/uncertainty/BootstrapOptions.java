package dev.slaw.uncertainty;

import java.util.List;
import java.util.Objects;

/**
 * How a bootstrap runs.
 *
 * @param replicates how many resamples to refit
 * @param seed       the root seed; replicate i draws from the i-th stream split off it, so the
 *                   result is the same for any thread count
 * @param threads    worker threads (each replicate's fit runs on one thread)
 * @param resampling rows or whole runs
 * @param runColumn  the column naming a run (a label or numeric column), for {@link Resampling#RUNS} and
 *                   {@link Resampling#BLOCKS}
 * @param blockRows  consecutive rows per block, for {@link Resampling#BLOCKS} (0 otherwise)
 * @param starts     where each replicate's fit begins
 * @param level      nominal coverage of the reported intervals, e.g. 0.95
 * @param derived    quantities computed from each replicate's parameters
 * @param sampler    how the resamples are drawn from the seed
 */
public record BootstrapOptions(int replicates, long seed, int threads, Resampling resampling, String runColumn,
                               int blockRows, ReplicateStarts starts, double level, List<DerivedQuantity> derived, Sampler sampler) {

    public BootstrapOptions {
        if (replicates < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 replicates, got " + replicates);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
        }
        Objects.requireNonNull(resampling, "resampling");
        Objects.requireNonNull(starts, "starts");
        if (resampling != Resampling.ROWS && (runColumn == null || runColumn.isBlank())) {
            throw new IllegalArgumentException("resampling " + resampling.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs the column that names a run");
        }
        if (resampling == Resampling.BLOCKS ? blockRows < 1 : blockRows != 0) {
            throw new IllegalArgumentException("blocks of rows need a block length of at least 1 and only blocks"
                    + " have one, got " + blockRows + " for " + resampling);
        }
        derived = List.copyOf(derived);
        Objects.requireNonNull(sampler, "sampler");
        if (sampler == Sampler.NUMPY && (seed < 0 || seed > 0xffffffffL)) {
            throw new IllegalArgumentException("numpy's seed must be between 0 and 2^32 - 1, got " + seed);
        }
        if (sampler == Sampler.NUMPY && resampling == Resampling.BLOCKS) {
            // numpy's draws rerun a notebook's np.random.choice of rows or runs; no notebook draws blocks
            throw new IllegalArgumentException("numpy's draws resample rows or runs, not blocks");
        }
    }

    /** 1,000 row resamples, seed 0, all cores, point estimate plus axis starts, 95 % intervals. */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions(1000, 0, Runtime.getRuntime().availableProcessors(), Resampling.ROWS, null, 0,
                ReplicateStarts.pointAndAxes(), 0.95, List.of(), Sampler.SPLIT_STREAMS);
    }

    public BootstrapOptions withReplicates(int n) {
        return new BootstrapOptions(n, seed, threads, resampling, runColumn, blockRows, starts, level, derived, sampler);
    }

    public BootstrapOptions withSeed(long s) {
        return new BootstrapOptions(replicates, s, threads, resampling, runColumn, blockRows, starts, level, derived, sampler);
    }

    public BootstrapOptions withThreads(int t) {
        return new BootstrapOptions(replicates, seed, t, resampling, runColumn, blockRows, starts, level, derived, sampler);
    }

    /** Resample whole runs named by {@code column}. */
    public BootstrapOptions withRuns(String column) {
        return new BootstrapOptions(replicates, seed, threads, Resampling.RUNS, column, 0, starts, level, derived, sampler);
    }

    /**
     * Resample moving blocks of {@code rows} consecutive rows within each run named by
     * {@code column} ({@link Resampling#BLOCKS}).
     */
    public BootstrapOptions withBlocks(String column, int rows) {
        return new BootstrapOptions(replicates, seed, threads, Resampling.BLOCKS, column, rows, starts, level, derived,
                sampler);
    }

    public BootstrapOptions withRows() {
        return new BootstrapOptions(replicates, seed, threads, Resampling.ROWS, null, 0, starts, level, derived, sampler);
    }

    public BootstrapOptions withStarts(ReplicateStarts s) {
        return new BootstrapOptions(replicates, seed, threads, resampling, runColumn, blockRows, s, level, derived, sampler);
    }

    public BootstrapOptions withLevel(double l) {
        return new BootstrapOptions(replicates, seed, threads, resampling, runColumn, blockRows, starts, l, derived, sampler);
    }

    public BootstrapOptions withSampler(Sampler s) {
        return new BootstrapOptions(replicates, seed, threads, resampling, runColumn, blockRows, starts, level, derived, s);
    }

    public BootstrapOptions withDerived(List<DerivedQuantity> d) {
        return new BootstrapOptions(replicates, seed, threads, resampling, runColumn, blockRows, starts, level, d, sampler);
    }
}
