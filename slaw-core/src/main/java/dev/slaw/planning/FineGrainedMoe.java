package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compute-optimal fine-grained mixture of experts of Krajewski et al. 2024 (section 6): the
 * model size N, tokens D and granularity G of least loss L(N, D, G) (eq. 9) on a FLOPs budget that
 * counts routing, F = (12 d^2 c_f + d E G c_r) D n_blocks (eq. 10-11, c_f = 6, c_r = 14), with
 * N = d^2 (8E + 4) n_blocks total non-embedding parameters and d = 64 n_blocks. As in the paper,
 * G runs over powers of two and the size is searched continuously for each.
 */
public final class FineGrainedMoe {
    /** Table 1 (MoE row). */
    public static final Map<String, Double> KRAJEWSKI = Map.of("a", 18.1, "alpha", 0.115, "b", 30.8, "beta", 0.147,
            "g", 2.1, "gamma", 0.58, "c", 0.47);
    /** Appendix E: FLOPs per active parameter and token outside and inside the router. */
    static final double C_F = 6;
    static final double C_R = 14;
    /** The paper's ranges: E = 64, G of 1 to 16, 129M to 3.7B total parameters, 16B to 130B tokens. */
    static final double EXPANSION = 64;
    static final double LARGEST_FITTED_G = 16;
    static final double SMALLEST_FITTED_N = 129e6;
    static final double LARGEST_FITTED_N = 3.7e9;
    static final double SMALLEST_FITTED_D = 16e9;
    static final double LARGEST_FITTED_D = 130e9;
    /** The fit's RMSE (section 5.3): loss differences below it are not resolved by the law. */
    static final double FIT_RMSE = 0.015;

    private final Law law;
    private final double[] values;

    private FineGrainedMoe(Law law, double[] values) {
        this.law = law;
        this.values = values;
    }

    /** The catalogue's moe-granularity at the published constants. */
    public static FineGrainedMoe krajewski() {
        Law law = Catalogue.builtIn().find("moe-granularity").orElseThrow();
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = KRAJEWSKI.get(law.parameters().get(i).name());
        }
        return new FineGrainedMoe(law, p);
    }

    /** One granularity's best model on the budget. */
    public record Row(double granularity, double blocks, double dModel, double totalParameters,
                      double activeParameters, double tokens, double loss) {
    }

    /** The best row of all granularities tried, every row, and what a reader should know. */
    public record Plan(double flops, Row optimum, List<Row> rows, List<String> warnings) {
        public Plan {
            rows = List.copyOf(rows);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The plan for a budget of F FLOPs, G = 1, 2, 4, ... up to {@code largestGranularity}.
     *
     * @throws BadInputException when F is not positive and finite
     */
    public Plan at(double flops, double largestGranularity) {
        if (!(flops > 0) || !Double.isFinite(flops)) {
            throw new BadInputException("the compute budget must be a positive finite number of FLOPs, not " + flops);
        }
        List<Row> rows = new ArrayList<>();
        Row best = null;
        for (double g = 1; g <= largestGranularity; g *= 2) {
            final double gg = g;
            // search log n_blocks from 1 to 1e4 blocks: d = 64 n fixes the shape
            OneDimension.Minimum m = OneDimension.minimize(x -> row(flops, gg, Math.exp(x)).loss(), 0, Math.log(1e4));
            Row r = row(flops, g, Math.exp(m.x()));
            rows.add(r);
            if (best == null || r.loss() < best.loss()) {
                best = r;
            }
        }
        List<String> warnings = new ArrayList<>();
        if (best.granularity() > LARGEST_FITTED_G) {
            warnings.add(String.format(java.util.Locale.ROOT, "G = %.0f is beyond the fitted granularities (1 to 16):"
                    + " the paper's own optimum for such budgets, but an extrapolation of its law", best.granularity()));
        }
        if (best.totalParameters() < SMALLEST_FITTED_N || best.totalParameters() > LARGEST_FITTED_N
                || best.tokens() < SMALLEST_FITTED_D || best.tokens() > LARGEST_FITTED_D) {
            warnings.add(String.format(java.util.Locale.ROOT, "N = %.3g total parameters and D = %.3g tokens lie"
                    + " outside the fitted range (129M to 3.7B parameters, 16B to 130B tokens): an extrapolation",
                    best.totalParameters(), best.tokens()));
        }
        double runnerUp = Double.POSITIVE_INFINITY;
        for (Row r : rows) {
            if (r != best) {
                runnerUp = Math.min(runnerUp, r.loss());
            }
        }
        if (runnerUp - best.loss() < FIT_RMSE) {
            warnings.add(String.format(java.util.Locale.ROOT, "the next granularity predicts a loss only %.4f higher,"
                    + " less than the fit's RMSE of 0.015: the law does not tell them apart", runnerUp - best.loss()));
        }
        if (best.granularity() == rows.get(rows.size() - 1).granularity()) {
            warnings.add(String.format(java.util.Locale.ROOT, "the optimum is the largest granularity tried (%.0f):"
                    + " a larger one may be better still", best.granularity()));
        }
        return new Plan(flops, best, rows, warnings);
    }

    private Row row(double flops, double g, double blocks) {
        double d = 64 * blocks;
        double total = d * d * (8 * EXPANSION + 4) * blocks;
        double active = 12 * d * d * blocks;
        double tokens = flops / ((12 * d * d * C_F + d * EXPANSION * g * C_R) * blocks);
        Map<String, Double> at = new LinkedHashMap<>();
        at.put("N", total);
        at.put("D", tokens);
        at.put("G", g);
        return new Row(g, blocks, d, total, active, tokens, Predictor.at(law, values, at));
    }
}
