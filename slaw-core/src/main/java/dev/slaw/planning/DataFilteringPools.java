package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.DataFilteringLaw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which filtered pool to train on for a budget of samples seen (Goyal et al. 2024, "Scaling Laws
 * for Data Filtering -- Data Curation cannot be Compute Agnostic", arXiv:2404.07177): data
 * ranked by a quality score is cut into buckets of equal size, each with its own utility
 * {@code b} and half-life {@code tau} of the {@link DataFilteringLaw}, sharing {@code a} and the
 * irreducible error {@code d}; the pool of the best {@code k} buckets is {@code k} times as large,
 * so it is repeated less, but its utility is lower. Aggressive filtering wins at small budgets and
 * loses at large ones (their quality-quantity trade-off).
 *
 * <p>A pool of {@code k} buckets follows the law with epoch {@code j}'s exponent the buckets' mean
 * {@code (1/k) sum_i b_i 2^(-j/(k tau_i))}, and its first epoch's exponent the mean {@code b}: the
 * paper's Theorem 1 (pools sampled uniformly: each half-life becomes {@code k tau}, the combined
 * utility at each repetition an average of the buckets'), as the authors' estimate_best_pool.py
 * computes it (func_effective_utility_aggregation). Buckets are ranked by utility, the most
 * negative {@code b} first, as that script ranks them.
 */
public final class DataFilteringPools {
    /**
     * One bucket of the ranked data: its name, utility exponent {@code b} (negative: the error
     * falls as {@code n^b}) and half-life {@code tau} in epochs.
     */
    public record Bucket(String name, double b, double tau) {
        public Bucket {
            if (!(b < 0 && b >= -1)) {
                throw new BadInputException("bucket " + name + ": utility b must be in [-1, 0), got " + b);
            }
            if (!(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
                throw new BadInputException("bucket " + name + ": half-life tau must be a positive number, got " + tau);
            }
        }
    }

    /** The predicted error of each pool (the best 1, 2, ... buckets) at one budget, and the pool of least error. */
    public record Row(double samples, List<Double> errors, int best) {
        public Row {
            errors = List.copyOf(errors);
        }

        /** How many buckets the best pool holds. */
        public int bestBuckets() {
            return best + 1;
        }
    }

    /** The plan: buckets best first, the shared constants, and a row per budget. */
    public record Choice(List<Bucket> buckets, double a, double d, double bucketSize, List<Row> rows) {
        public Choice {
            buckets = List.copyOf(buckets);
            rows = List.copyOf(rows);
        }
    }

    private final List<Bucket> buckets;
    private final double a;
    private final double d;
    private final double bucketSize;

    private DataFilteringPools(List<Bucket> buckets, double a, double d, double bucketSize) {
        this.buckets = buckets;
        this.a = a;
        this.d = d;
        this.bucketSize = bucketSize;
    }

    /**
     * The pools of these buckets, ranked by utility.
     *
     * @param a          the shared scale of samples seen ({@code a > 0})
     * @param d          the shared irreducible error ({@code d >= 0})
     * @param bucketSize unique samples in each bucket
     */
    public static DataFilteringPools of(List<Bucket> buckets, double a, double d, double bucketSize) {
        if (buckets.isEmpty()) {
            throw new BadInputException("the pool choice needs at least one bucket");
        }
        if (!(a > 0 && a < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("the shared a must be a positive number, got " + a);
        }
        if (!(d >= 0 && d < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("the shared irreducible error d must be a number >= 0, got " + d);
        }
        if (!(bucketSize > 0 && bucketSize < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("the bucket size must be a positive number, got " + bucketSize);
        }
        List<Bucket> ranked = new ArrayList<>(buckets);
        // the most useful bucket first; a stable sort keeps the given order among equals
        ranked.sort(Comparator.comparingDouble(Bucket::b));
        return new DataFilteringPools(List.copyOf(ranked), a, d, bucketSize);
    }

    /** The buckets, most useful first. */
    public List<Bucket> buckets() {
        return buckets;
    }

    /** The predicted error after {@code samples} samples seen from the pool of the best {@code count} buckets. */
    public double error(int count, double samples) {
        if (count < 1 || count > buckets.size()) {
            throw new IllegalArgumentException("a pool holds 1 to " + buckets.size() + " buckets, not " + count);
        }
        if (!(samples > 0 && samples < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("samples seen must be a positive number, got " + samples);
        }
        double[] b = new double[count];
        double[] step = new double[count];
        for (int i = 0; i < count; i++) {
            b[i] = buckets.get(i).b();
            step[i] = Math.exp(-Math.log(2) / (count * buckets.get(i).tau()));
        }
        return DataFilteringLaw.error(samples, count * bucketSize, a, d, k -> {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += b[i] * Math.pow(step[i], k);
            }
            return sum / count;
        });
    }

    /** Every pool's error at each budget of samples seen, and the least. */
    public Choice at(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new BadInputException("the pool choice needs at least one budget of samples seen");
        }
        List<Row> rows = new ArrayList<>();
        for (double n : samples) {
            List<Double> errors = new ArrayList<>();
            int best = 0;
            for (int k = 1; k <= buckets.size(); k++) {
                double e = error(k, n);
                errors.add(e);
                if (e < errors.get(best)) {
                    best = k - 1;
                }
            }
            rows.add(new Row(n, errors, best));
        }
        return new Choice(buckets, a, d, bucketSize, rows);
    }
}
