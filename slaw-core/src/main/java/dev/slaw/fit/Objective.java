package dev.slaw.fit;

import dev.slaw.data.BadInputException;

import java.util.Locale;

/**
 * What a fit minimises: a loss of each residual, optionally weighted per row, summed (the
 * default) or averaged.
 *
 * <p>Summing matters: scipy-style L-BFGS-B stops when the relative reduction of the objective
 * falls below about 2.2e-9 of {@code max(|f|, 1)}; an averaged Huber loss is so small that the
 * optimiser stops early at a worse point (Besiroglu et al. 2024).
 *
 * @param loss                the penalty of one residual
 * @param delta               Huber threshold (ignored by other losses)
 * @param mean                average instead of sum
 * @param overestimatePenalty factor on over-estimates for {@link Loss#ASYMMETRIC}
 * @param weightColumn        a data column of per-row weights, or null
 */
public record Objective(Loss loss, double delta, boolean mean, double overestimatePenalty, String weightColumn) {

    public Objective {
        if (!(delta > 0)) {
            throw new BadInputException("Huber delta must be positive, got " + delta);
        }
        if (!(overestimatePenalty > 0)) {
            throw new BadInputException("over-estimate penalty must be positive, got " + overestimatePenalty);
        }
    }

    /** Huber with delta 1e-3, summed, unweighted: the Chinchilla protocol. */
    public static Objective huber() {
        return new Objective(Loss.HUBER, 1e-3, false, 1, null);
    }

    public static Objective of(Loss loss) {
        return new Objective(loss, 1e-3, false, loss == Loss.ASYMMETRIC ? 4 : 1, null);
    }

    public Objective withDelta(double d) {
        return new Objective(loss, d, mean, overestimatePenalty, weightColumn);
    }

    public Objective withMean(boolean m) {
        return new Objective(loss, delta, m, overestimatePenalty, weightColumn);
    }

    public Objective withOverestimatePenalty(double k) {
        return new Objective(loss, delta, mean, k, weightColumn);
    }

    public Objective withWeights(String column) {
        return new Objective(loss, delta, mean, overestimatePenalty, column);
    }

    /** The penalty of one residual. */
    public double rho(double r) {
        switch (loss) {
            case HUBER:
                return Huber.rho(r, delta);
            case SQUARED:
                return r * r;
            case ABSOLUTE:
                return Math.abs(r);
            default:
                return r < 0 ? overestimatePenalty * r * r : r * r;
        }
    }

    /** d rho / d r. */
    public double psi(double r) {
        switch (loss) {
            case HUBER:
                return Huber.psi(r, delta);
            case SQUARED:
                return 2 * r;
            case ABSOLUTE:
                return Math.signum(r);
            default:
                return r < 0 ? 2 * overestimatePenalty * r : 2 * r;
        }
    }

    /** d psi / d r (0 where psi has a kink: Huber at +-delta, absolute at 0). */
    public double curvature(double r) {
        switch (loss) {
            case HUBER:
                return Math.abs(r) < delta ? 1 : 0;
            case SQUARED:
                return 2;
            case ABSOLUTE:
                return 0;
            default:
                return r < 0 ? 2 * overestimatePenalty : 2;
        }
    }

    /** A short description such as {@code huber(delta=0.001), summed}. */
    public String describe() {
        String l = switch (loss) {
            case HUBER -> String.format(Locale.ROOT, "huber(delta=%s)", dev.slaw.law.Numbers.compact(delta));
            case SQUARED -> "squared";
            case ABSOLUTE -> "absolute";
            case ASYMMETRIC -> "asymmetric(over-estimate x" + dev.slaw.law.Numbers.compact(overestimatePenalty) + ")";
        };
        return l + (mean ? ", averaged" : ", summed") + (weightColumn == null ? "" : ", weighted by " + weightColumn);
    }
}
