package dev.slaw.fit;

import dev.slaw.law.Numbers;
import dev.slaw.law.ParameterDeclaration;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fit as a sectioned, readable report in the manner of lmfit:
 * {@code value +/- stderr (rel %)}, {@code (fixed)}, {@code == 'alpha'}, and why an
 * uncertainty is missing.
 */
public final class FitReport {
    private FitReport() {
    }

    public static String render(Fit fit) {
        StringBuilder sb = new StringBuilder();
        sb.append("[[Law]]\n");
        line(sb, "name", fit.law().name());
        line(sb, "formula", fit.law().formula());
        line(sb, "target", fit.target() + " (" + fit.law().target().name().toLowerCase(Locale.ROOT) + " residuals)");
        line(sb, "fitted", fit.toString());
        sb.append("[[Fit statistics]]\n");
        FitStatistics s = fit.statistics();
        line(sb, "rows", Integer.toString(s.rows()));
        line(sb, "free parameters", Integer.toString(s.freeParameters()));
        line(sb, "objective", String.format(Locale.ROOT, "%.10g  (%s)", fit.objectiveValue(), fit.objective().describe()));
        line(sb, "rms residual", fmt(s.rmsResidual()));
        line(sb, "mean rel. error", String.format(Locale.ROOT, "%.3f %%", 100 * s.meanRelativeError()));
        line(sb, "max rel. error", String.format(Locale.ROOT, "%.3f %%", 100 * s.maxRelativeError()));
        line(sb, "r-squared", String.format(Locale.ROOT, "%.6f", s.rSquared()));
        line(sb, "AIC / BIC", String.format(Locale.ROOT, "%.2f / %.2f", s.aic(), s.bic()));
        sb.append("[[Starts]]\n");
        StartSummary st = fit.starts();
        line(sb, "starts", st.total() + " (" + st.description() + ")");
        line(sb, "converged", st.converged() + " of " + st.total());
        line(sb, "reached best", st.reachedBest() + " of " + st.total());
        line(sb, "failed", Integer.toString(st.failed()));
        line(sb, "stop reasons", reasons(st.stopReasons()));
        Convergence c = fit.convergence();
        line(sb, "best start", "#" + st.bestStart() + ": " + c.reason() + " after " + c.iterations() + " iterations, "
                + c.evaluations() + " evaluations");
        sb.append("[[Parameters]]\n");
        int width = 5;
        for (FittedParameter p : fit.parameters()) {
            width = Math.max(width, p.name().length());
        }
        for (FittedParameter p : fit.parameters()) {
            sb.append("    ").append(pad(p.name() + ":", width + 2));
            sb.append(String.format(Locale.ROOT, "%-12s", fmt(p.value())));
            switch (p.state()) {
                case FIXED -> sb.append(" (fixed)");
                case TIED -> sb.append(seText(p, fit)).append(" == '").append(p.tie()).append("'");
                default -> {
                    sb.append(seText(p, fit));
                    if (Double.isFinite(p.start())) {
                        sb.append(" (init = ").append(fmt(p.start())).append(")");
                    }
                }
            }
            sb.append('\n');
        }
        line(sb, "uncertainty", fit.covarianceMethod());
        sb.append("[[Provenance]]\n");
        Provenance pv = fit.provenance();
        line(sb, "data", pv.dataSource());
        line(sb, "sha256", pv.fingerprint() + " (" + String.join(", ", pv.columns()) + ")");
        for (String note : pv.notes()) {
            line(sb, "filter", note);
        }
        line(sb, "optimizer", pv.optimizer());
        line(sb, "seed", Long.toString(pv.seed()));
        line(sb, "threads", Integer.toString(pv.threads()));
        line(sb, "slaw", pv.slawVersion() + " on Java " + pv.javaVersion());
        line(sb, "created", pv.created());
        line(sb, "time", String.format(Locale.ROOT, "%.1f ms", pv.elapsedMillis()));
        if (!fit.warnings().isEmpty()) {
            sb.append("[[Warnings]]\n");
            for (String w : fit.warnings()) {
                sb.append("    ").append(w).append('\n');
            }
        }
        if (!fit.law().metadata().citation().isEmpty()) {
            sb.append("[[Citation]]\n    ").append(fit.law().metadata().citation()).append('\n');
        }
        return sb.toString();
    }

    /** The bounds and state of each parameter as declarations, for `slaw laws NAME`. */
    public static List<String> declarations(dev.slaw.law.Law law) {
        return law.parameters().stream().map(ParameterDeclaration::describe).toList();
    }

    private static String seText(FittedParameter p, Fit fit) {
        if (Double.isNaN(p.standardError())) {
            // the reason shared by every parameter is printed once, on the uncertainty line
            boolean shared = p.note().isEmpty() || fit.covarianceMethod().endsWith(p.note());
            return " +/- ?" + (shared ? "" : " (" + p.note() + ")");
        }
        double rel = 100 * p.standardError() / Math.abs(p.value());
        return String.format(Locale.ROOT, " +/- %s (%.2f%%)", fmt(p.standardError()), rel);
    }

    private static String reasons(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.replace('_', ' ')).append(' ').append(v));
        return sb.toString();
    }

    private static String fmt(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return Numbers.compact(Double.parseDouble(String.format(Locale.ROOT, "%.7g", v)));
        }
        return String.format(Locale.ROOT, "%.6e", v);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(pad(key + ":", 18)).append(value).append('\n');
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
