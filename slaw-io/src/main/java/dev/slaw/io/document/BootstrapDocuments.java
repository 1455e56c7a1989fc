package dev.slaw.io.document;

import dev.slaw.io.fit.BootstrapJson;
import dev.slaw.io.json.JsonObject;
import dev.slaw.law.Numbers;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.ParameterComparison;
import dev.slaw.uncertainty.ParameterSummary;
import dev.slaw.uncertainty.Resampling;
import dev.slaw.uncertainty.Sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bootstrap and the chi-squared comparison of its parameters with published ones, as
 * documents ({@code slaw bootstrap}, and the bootstrap sections of {@code likelihood} and grouped
 * fits).
 */
public final class BootstrapDocuments {
    private BootstrapDocuments() {
    }

    /**
     * The bootstrap as printed: its saved form without the replicates and residuals (which only
     * a saved file needs), and the comparison when one was asked for.
     *
     * @param comparison the chi-squared test against other values, or null
     */
    public static JsonObject json(BootstrapResult b, ParameterComparison comparison) {
        JsonObject tree = BootstrapJson.document(b).remove("replicates").remove("residuals");
        if (comparison != null && b.missedOptimum() != null) {
            tree.putObject("comparison").put("withheld", b.missedOptimum().describe());
        } else if (comparison != null) {
            tree.put("comparison", json(comparison));
        }
        return tree;
    }

    /** The chi-squared test: statistic, degrees of freedom and p-value. */
    public static JsonObject json(ParameterComparison c) {
        return new JsonObject().put("chi_squared", c.chiSquared()).put("degrees_of_freedom", c.degreesOfFreedom())
                .put("p_value", c.pValue());
    }

    /**
     * The bootstrap's sections: what was refitted and how, the percentile intervals of each
     * parameter and derived quantity (a withheld one says why), warnings, the first failures, and
     * the comparison when one was asked for.
     *
     * @param c the chi-squared test against other values, or null
     */
    public static String text(BootstrapResult b, ParameterComparison c) {
        StringBuilder o = new StringBuilder();
        o.append("[[Bootstrap]]\n");
        o.append(String.format(Locale.ROOT, "    law          %s%n", b.pointEstimate()));
        o.append(String.format(Locale.ROOT, "    replicates   %d of %d refitted (%d failed, %d stopped without converging)%n",
                b.successful(), b.options().replicates(), b.failures().size(), b.notConverged()));
        o.append(String.format(Locale.ROOT, "    resampling   %s, seed %d%s%n", resampling(b), b.options().seed(),
                b.options().sampler() == Sampler.NUMPY ? ", numpy's draws" : ""));
        o.append(String.format(Locale.ROOT, "    optimiser    %s%n", b.optimizer()));
        o.append(String.format(Locale.ROOT, "    starts       %s%n", b.startsDescription()));
        o.append(String.format(Locale.ROOT, "    time         %.0f ms%n", b.elapsedMillis()));
        o.append(String.format(Locale.ROOT, "[[%s %% percentile intervals]]%n", Numbers.compact(100 * b.options().level())));
        List<List<String>> rows = new ArrayList<>();
        List<ParameterSummary> all = new ArrayList<>(b.parameters());
        all.addAll(b.derived());
        for (ParameterSummary s : all) {
            if (s.stands()) {
                rows.add(List.of(s.name(), num(s.estimate()), num(s.standardError()), num(s.interval().lower()),
                        num(s.interval().upper())));
            } else {
                // a withheld interval shows its reason, short, instead of numbers that look like a result
                String why = s.withheld().startsWith("the point estimate") ? "withheld: missed optimum"
                        : s.withheld().equals("fixed") ? "fixed" : "withheld: no spread";
                rows.add(List.of(s.name(), num(s.estimate()), why, "-", "-"));
            }
        }
        o.append(new Table(List.of("parameter", "estimate", "std error", "lower", "upper"), rows).text());
        for (String w : b.warnings()) {
            o.append("    warning: ").append(w).append('\n');
        }
        for (var f : b.failures().stream().limit(5).toList()) {
            o.append("    failed replicate ").append(f.replicate()).append(": ").append(f.reason()).append('\n');
        }
        if (c != null && b.missedOptimum() != null) {
            // the test is centred at the point estimate, which is not the optimum
            o.append("[[Comparison]]\n");
            o.append("    withheld: ").append(b.missedOptimum().describe()).append('\n');
        } else if (c != null) {
            o.append(text(c));
        }
        return o.toString();
    }

    /** What each replicate drew, e.g. "rows (240 units)" or "moving blocks of 6 consecutive rows within each run (75 blocks)". */
    static String resampling(BootstrapResult b) {
        BootstrapOptions o = b.options();
        if (o.resampling() == Resampling.BLOCKS) {
            return String.format(Locale.ROOT, "moving blocks of %d consecutive rows within each %s (%d blocks)",
                    o.blockRows(), o.runColumn(), b.resampledUnits());
        }
        return String.format(Locale.ROOT, "%s (%d units)", o.resampling().name().toLowerCase(Locale.ROOT),
                b.resampledUnits());
    }

    /** The chi-squared test as one line under its heading. */
    public static String text(ParameterComparison c) {
        // 1 - cdf loses everything below the double epsilon
        String p = c.pValue() < 1e-15 ? "p < 1e-15" : String.format(Locale.ROOT, "p = %.3g", c.pValue());
        return String.format(Locale.ROOT, "[[Comparison]]%n    chi-squared(%d) = %.1f, %s: %s%n", c.degreesOfFreedom(),
                c.chiSquared(), p, c.rejects(0.05) ? "rejected at 5 %" : "not rejected at 5 %");
    }

    /** Five significant digits, as the bootstrap tables show estimates and errors. */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.5g", v);
    }
}
