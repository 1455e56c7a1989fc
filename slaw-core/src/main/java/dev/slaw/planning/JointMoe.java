package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Predictor;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compute- and memory-optimal expert counts under the joint MoE law of Ludziejewski et al. 2025
 * (eq. 6). For each expert count E the law is Chinchilla's L = m N^mu + n D^nu + c in active
 * parameters N and tokens D, so the compute-optimal split of F = 6 N D is eq. 7's closed form.
 * Parameters follow appendix A.1 (eq. 9-10): with n_blocks = d/64 and a vocabulary of 50,257,
 * N_act = 2 d V + 13 n_blocks d^2 and N_total = 2 d V + (4 + 9E) n_blocks d^2. Under a memory
 * budget N_total <= M (section 4.2) an E whose compute-optimal model is too large takes the
 * largest model that fits, the best point of its iso-FLOP curve that is allowed.
 */
public final class JointMoe {
    /** Table 3. */
    public static final Map<String, Double> LUDZIEJEWSKI = Map.ofEntries(Map.entry("a", 35.91),
            Map.entry("alpha", -0.1889), Map.entry("delta", -0.2285), Map.entry("gamma", 0.0098),
            Map.entry("b", 35.98), Map.entry("beta", -0.1775), Map.entry("omega", 0.5529),
            Map.entry("zeta", -0.0259), Map.entry("Estart", 2.0732), Map.entry("Emax", 290.4521),
            Map.entry("c", 1.3637));
    static final double VOCABULARY = 50257;
    /** The paper's ranges (appendix E): E of 1 to 32, 79M to 2.7B active parameters, 0.5B to 80B tokens. */
    static final double LARGEST_FITTED_E = 32;
    static final double SMALLEST_FITTED_N = 79e6;
    static final double LARGEST_FITTED_N = 2.7e9;
    static final double SMALLEST_FITTED_D = 0.5e9;
    static final double LARGEST_FITTED_D = 80e9;
    /** The most tokens per active parameter among the runs of appendix E (80B tokens on 1.1B). */
    static final double LARGEST_FITTED_RATIO = 73;
    /** The fit's RMSE on its held-out runs (section 5.2): loss differences below it are not resolved. */
    static final double FIT_RMSE = 0.0039;

    private final Map<String, Double> values;
    private final Law law;
    private final double[] p;

    private JointMoe(Law law, Map<String, Double> values) {
        this.law = law;
        this.values = Map.copyOf(values);
        this.p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = values.get(law.parameters().get(i).name());
        }
    }

    /** The catalogue's moe-joint at the published constants. */
    public static JointMoe ludziejewski() {
        return new JointMoe(Catalogue.builtIn().find("moe-joint").orElseThrow(), LUDZIEJEWSKI);
    }

    /** The law for a fixed E reduced to Chinchilla's form (Table 4): L = m N^mu + n D^nu + c. */
    public record Reduced(double experts, double m, double mu, double n, double nu, double c) {
    }

    /** One expert count's best model on the budget. */
    public record Row(double experts, double activeParameters, double tokens, double totalParameters, double dModel,
                      double loss, boolean memoryBound) {
    }

    /** Every expert count tried, the best, and what a reader should know. */
    public record Plan(double flops, double memory, Row optimum, List<Row> rows, List<String> warnings) {
        public Plan {
            rows = List.copyOf(rows);
            warnings = List.copyOf(warnings);
        }
    }

    /** Clark et al.'s saturating transformation of E (eq. 4). */
    double transformed(double e) {
        double start = values.get("Estart");
        double max = values.get("Emax");
        return 1 / (1 / (e - 1 + 1 / (1 / start - 1 / max)) + 1 / max);
    }

    /** Eq. 6 at a fixed E. */
    public Reduced reduced(double e) {
        double eh = transformed(e);
        double lh = Math.log(eh);
        return new Reduced(e, values.get("a") * Math.pow(eh, values.get("delta")),
                values.get("alpha") + values.get("gamma") * lh, values.get("b") * Math.pow(eh, values.get("omega")),
                values.get("beta") + values.get("zeta") * lh, values.get("c"));
    }

    /**
     * The plan for F FLOPs over the given expert counts; {@code memory} is the largest total
     * parameter count allowed, NaN for none.
     *
     * @throws BadInputException when F or M is not positive and finite, or an E is below 1
     */
    public Plan at(double flops, double memory, List<Double> experts) {
        if (!(flops > 0) || !Double.isFinite(flops)) {
            throw new BadInputException("the compute budget must be a positive finite number of FLOPs, not " + flops);
        }
        if (!Double.isNaN(memory) && (!(memory > 0) || !Double.isFinite(memory))) {
            throw new BadInputException("--total-parameters must be a positive finite number, not " + memory);
        }
        List<Row> rows = new ArrayList<>();
        Row best = null;
        for (double e : experts) {
            if (!(e >= 1) || !Double.isFinite(e)) {
                throw new BadInputException("an expert count must be 1 (dense) or more, not " + e);
            }
            Reduced r = reduced(e);
            // eq. 7: the minimum of m N^mu + n (F / 6N)^nu, where mu m N^mu = nu n (F/6)^nu N^-nu
            double n = Math.pow(r.nu() * r.n() * Math.pow(flops / 6, r.nu()) / (r.mu() * r.m()), 1 / (r.mu() + r.nu()));
            double d = dModel(n);
            double total = total(d, e);
            boolean bound = false;
            if (!Double.isNaN(memory) && total > memory) {
                d = OneDimension.root(x -> total(x, e) - memory, 1e-3, 1e7);
                n = active(d);
                total = memory;
                bound = true;
            }
            if (!(d >= 64)) {
                // with n_blocks = d/64, a model narrower than 64 has less than one block: no model at all
                continue;
            }
            double tokens = flops / (6 * n);
            double loss = Predictor.at(law, p, Map.of("N", n, "D", tokens, "E", e));
            Row row = new Row(e, n, tokens, total, d, loss, bound);
            rows.add(row);
            if (best == null || loss < best.loss()) {
                best = row;
            }
        }
        if (best == null) {
            throw new BadInputException(String.format(Locale.ROOT, "no model of one block or more (d_model 64) fits"
                    + " %.3g FLOPs and %.3g total parameters with these expert counts", flops, memory));
        }
        List<String> warnings = new ArrayList<>();
        if (best.experts() > LARGEST_FITTED_E) {
            warnings.add(String.format(Locale.ROOT, "E = %.0f is beyond the fitted expert counts (1 to 32): an"
                    + " extrapolation of the law", best.experts()));
        }
        if (best.activeParameters() < SMALLEST_FITTED_N || best.activeParameters() > LARGEST_FITTED_N
                || best.tokens() < SMALLEST_FITTED_D || best.tokens() > LARGEST_FITTED_D) {
            warnings.add(String.format(Locale.ROOT, "N = %.3g active parameters and D = %.3g tokens lie outside the"
                    + " fitted range (79M to 2.7B active parameters, 0.5B to 80B tokens): an extrapolation",
                    best.activeParameters(), best.tokens()));
        }
        double ratio = best.tokens() / best.activeParameters();
        if (ratio > LARGEST_FITTED_RATIO) {
            warnings.add(String.format(Locale.ROOT, "%.0f tokens per active parameter is more than any fitted run had"
                    + " (about 73), a range the paper says its law is not known to cover", ratio));
        }
        double runnerUp = Double.POSITIVE_INFINITY;
        for (Row r : rows) {
            if (r != best) {
                runnerUp = Math.min(runnerUp, r.loss());
            }
        }
        if (runnerUp - best.loss() < FIT_RMSE) {
            warnings.add(String.format(Locale.ROOT, "the next expert count predicts a loss only %.4f higher, less than"
                    + " the fit's held-out RMSE of 0.0039: the law does not tell them apart", runnerUp - best.loss()));
        }
        if (Double.isNaN(memory) && best.experts() == rows.get(rows.size() - 1).experts()) {
            warnings.add("without a memory budget more experts always lower the loss (the paper's finding 2):"
                    + " the optimum is the largest count tried; --total-parameters M sets the memory the choice needs");
        }
        return new Plan(flops, memory, best, rows, warnings);
    }

    /** d_model for N_act = 2 d V + 13 (d/64) d^2. */
    static double dModel(double activeParameters) {
        return OneDimension.root(x -> active(x) - activeParameters, 1e-3, 1e7);
    }

    static double active(double d) {
        return 2 * d * VOCABULARY + 13 * d * d * d / 64;
    }

    static double total(double d, double experts) {
        return 2 * d * VOCABULARY + (4 + 9 * experts) * d * d * d / 64;
    }
}
