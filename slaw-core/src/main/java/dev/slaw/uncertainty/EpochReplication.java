package dev.slaw.uncertainty;

import dev.slaw.fit.FitOptions;
import dev.slaw.fit.LocalOptimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bootstrap of Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"
 * (arXiv:2404.10102), as their notebook runs it, so that its published numbers can be rerun
 * exactly: {@code np.random.seed(42)}, 4,000 draws of the rows with {@code np.random.choice},
 * and each resample refitted by one scipy BFGS run (gradient tolerance 1e-5) started at
 * Hoffmann et al.'s parameters. The standard errors the paper gives beside its
 * maximum-likelihood fit are these replicates' standard deviations, and its chi-squared test
 * uses their covariance in log space (see docs/uncertainty.md).
 */
public final class EpochReplication {
    /** The notebook's seed. */
    public static final long SEED = 42;
    /** The notebook's number of resamples. */
    public static final int REPLICATES = 4000;

    private EpochReplication() {
    }

    /**
     * Where every replicate starts: Hoffmann et al.'s fit as the notebook writes it in log space
     * (a = 6.0073404, b = 6.0179186, e = 0.5267228, alpha = 0.33917084, beta = 0.2849083).
     */
    public static Map<String, Double> hoffmannStart() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("A", Math.exp(6.0073404));
        m.put("B", Math.exp(6.0179186));
        m.put("E", Math.exp(0.5267228));
        m.put("alpha", 0.33917084);
        m.put("beta", 0.2849083);
        return m;
    }

    /** The resampling: numpy's draws from seed 42, 4,000 replicates, each from {@link #hoffmannStart()}. */
    public static BootstrapOptions bootstrapOptions(BootstrapOptions base) {
        return base.withReplicates(REPLICATES).withSeed(SEED).withSampler(Sampler.NUMPY)
                .withStarts(ReplicateStarts.at(hoffmannStart()));
    }

    /** The refits: BFGS with scipy's rule, gradient tolerance 1e-5. */
    public static FitOptions refitOptions(FitOptions base) {
        return base.withOptimizer(LocalOptimizer.BFGS).withStoppingRule(dev.slaw.optim.StoppingRule.SCIPY);
    }
}
