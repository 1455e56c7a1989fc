package dev.slaw.io.document;

import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitStatistics;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.StartSummary;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.fit.GroupedFitJson;
import dev.slaw.io.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A fit and a grouped fit as documents ({@code slaw fit}, {@code curve fit}, the HTML report's
 * fit section). The JSON is the saved form ({@link FitJson}, {@link GroupedFitJson}): what is
 * printed is what {@code --out} writes. The text is a sectioned report in the manner of lmfit:
 * {@code value +/- stderr (rel %)}, {@code (fixed)}, {@code == 'alpha'}, and why an uncertainty
 * is missing.
 */
public final class FitDocuments {
    /** Width of the key column of the report's {@code key: value} lines. */
    private static final int KEY_WIDTH = 18;

    private FitDocuments() {
    }

    /** The fit as saved by {@code --out}. */
    public static JsonObject json(Fit fit) {
        return FitJson.document(fit);
    }

    /** The grouped fit as saved by {@code --out}. */
    public static JsonObject json(GroupedFit grouped) {
        return GroupedFitJson.document(grouped);
    }

    /**
     * A report page just written ({@code slaw report --json}): where it is, the fit it shows as
     * saved, and the plots written beside it.
     */
    public static JsonObject page(String page, Fit fit, List<String> plots) {
        return new JsonObject().put("page", page).put("fit", json(fit)).putTexts("plots", plots);
    }

    /** A report page of a grouped fit just written, as {@link #page(String, Fit, List)}. */
    public static JsonObject page(String page, GroupedFit grouped, List<String> plots) {
        return new JsonObject().put("page", page).put("fit", json(grouped)).putTexts("plots", plots);
    }

    /** The sectioned report: law, statistics, starts, parameters, provenance, warnings, citation. */
    public static String text(Fit fit) {
        StringBuilder sb = new StringBuilder();
        law(sb, fit);
        line(sb, "fitted", fit.toString());
        sb.append("[[Fit statistics]]\n");
        FitStatistics s = fit.statistics();
        line(sb, "rows", Integer.toString(s.rows()));
        line(sb, "free parameters", Integer.toString(s.freeParameters()));
        line(sb, "objective", objective(fit));
        line(sb, "rms residual", Formats.significant(s.rmsResidual(), 7));
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
            sb.append(String.format(Locale.ROOT, "%-12s", Formats.significant(p.value(), 7)));
            switch (p.state()) {
                case FIXED -> sb.append(" (fixed)");
                case TIED -> sb.append(standardError(p, fit)).append(" == '").append(p.tie()).append("'");
                default -> {
                    sb.append(standardError(p, fit));
                    if (Double.isFinite(p.start())) {
                        sb.append(" (init = ").append(Formats.significant(p.start(), 7)).append(")");
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
            line(sb, "note", note);
        }
        line(sb, "optimizer", pv.optimizer());
        line(sb, "seed", Long.toString(pv.seed()));
        line(sb, "threads", Integer.toString(pv.threads()));
        line(sb, "slaw", slaw(pv));
        line(sb, "created", pv.created());
        line(sb, "time", String.format(Locale.ROOT, "%.1f ms", pv.elapsedMillis()));
        if (!fit.warnings().isEmpty()) {
            sb.append("[[Warnings]]\n");
            for (String w : fit.warnings()) {
                sb.append("    ").append(w).append('\n');
            }
        }
        citation(sb, fit);
        return sb.toString();
    }

    /**
     * A grouped fit: the groups side by side (a column per group, a row per parameter and
     * statistic), the joint fit when parameters were shared, then each group's fitted law, its
     * provenance fingerprint and its warnings.
     */
    public static String text(GroupedFit grouped) {
        StringBuilder sb = new StringBuilder();
        Fit first = grouped.fits().values().iterator().next();
        law(sb, first);
        line(sb, "groups", grouped.fits().size() + " by " + grouped.groupColumn()
                + (grouped.shared().isEmpty() ? ", fitted separately"
                : ", fitted jointly; shared: " + String.join(", ", grouped.shared())));
        sb.append("[[Parameters by group]]\n");
        List<String> header = new ArrayList<>();
        header.add(grouped.groupColumn());
        header.addAll(grouped.groups());
        List<List<String>> rows = new ArrayList<>();
        for (FittedParameter p : first.parameters()) {
            rows.add(groupRow(p.name() + (grouped.shared().contains(p.name()) ? " (shared)" : ""), grouped,
                    f -> valueInGroup(f.parameter(p.name()).orElseThrow())));
        }
        rows.add(groupRow("rows", grouped, f -> Integer.toString(f.statistics().rows())));
        rows.add(groupRow("r-squared", grouped, f -> String.format(Locale.ROOT, "%.4f", f.statistics().rSquared())));
        rows.add(groupRow("rms residual", grouped, f -> Formats.significant(f.statistics().rmsResidual(), 5)));
        rows.add(groupRow("max rel. error", grouped,
                f -> String.format(Locale.ROOT, "%.2f %%", 100 * f.statistics().maxRelativeError())));
        if (grouped.joint() == null) {
            rows.add(groupRow("reached best", grouped, f -> f.starts().reachedBest() + " of " + f.starts().total()));
        }
        rightAligned(sb, header, rows);
        if (grouped.joint() != null) {
            Fit j = grouped.joint();
            sb.append("[[Joint fit]]\n");
            line(sb, "rows", Integer.toString(j.statistics().rows()));
            line(sb, "free parameters", Integer.toString(j.statistics().freeParameters()));
            line(sb, "objective", objective(j));
            line(sb, "r-squared", String.format(Locale.ROOT, "%.6f", j.statistics().rSquared()));
            line(sb, "AIC / BIC", String.format(Locale.ROOT, "%.2f / %.2f", j.statistics().aic(), j.statistics().bic()));
            line(sb, "starts", j.starts().total() + " (" + j.starts().description() + "), reached best "
                    + j.starts().reachedBest());
            line(sb, "uncertainty", j.covarianceMethod());
            for (String w : j.warnings()) {
                sb.append("    warning: ").append(w).append('\n');
            }
        } else {
            line(sb, "uncertainty", grouped.fits().values().stream().map(Fit::covarianceMethod)
                    .filter(m -> !m.startsWith("none")).findFirst().orElse(first.covarianceMethod()));
        }
        sb.append("[[Groups]]\n");
        for (Map.Entry<String, Fit> e : grouped.fits().entrySet()) {
            Fit f = e.getValue();
            sb.append("    ").append(grouped.groupColumn()).append('=').append(e.getKey()).append(": ")
                    .append(f.toString()).append('\n');
            sb.append("        sha256 ").append(f.provenance().fingerprint()).append('\n');
            if (grouped.joint() == null && f.covarianceMethod().startsWith("none")) {
                sb.append("        uncertainty: ").append(f.covarianceMethod()).append('\n');
            }
            for (String w : f.warnings()) {
                // the joint fit's own warnings are printed once, above
                if (grouped.joint() == null || !grouped.joint().warnings().contains(w)) {
                    sb.append("        warning: ").append(w).append('\n');
                }
            }
        }
        sb.append("[[Provenance]]\n");
        Provenance pv = first.provenance();
        line(sb, "data", pv.dataSource());
        for (String note : pv.notes()) {
            // each group's own selection is its column in the table above
            if (!note.startsWith("group " + grouped.groupColumn() + "=")) {
                line(sb, "note", note);
            }
        }
        line(sb, "optimizer", pv.optimizer());
        line(sb, "seed", Long.toString(pv.seed()));
        line(sb, "slaw", slaw(pv));
        citation(sb, first);
        return sb.toString();
    }

    /** The {@code [[Law]]} section's name, formula and target, which both reports open with. */
    private static void law(StringBuilder sb, Fit fit) {
        sb.append("[[Law]]\n");
        line(sb, "name", fit.law().name());
        line(sb, "formula", fit.law().formula());
        line(sb, "target", fit.target() + " (" + fit.law().target().name().toLowerCase(Locale.ROOT) + " residuals)");
    }

    private static String objective(Fit fit) {
        return String.format(Locale.ROOT, "%.10g  (%s)", fit.objectiveValue(), fit.objective().describe());
    }

    private static String slaw(Provenance pv) {
        return pv.slawVersion() + " on Java " + pv.javaVersion();
    }

    private static void citation(StringBuilder sb, Fit fit) {
        if (!fit.law().metadata().citation().isEmpty()) {
            sb.append("[[Citation]]\n    ").append(fit.law().metadata().citation()).append('\n');
        }
    }

    private static String standardError(FittedParameter p, Fit fit) {
        if (Double.isNaN(p.standardError())) {
            // the reason shared by every parameter is printed once, on the uncertainty line
            boolean shared = p.note().isEmpty() || fit.covarianceMethod().endsWith(p.note());
            return " +/- ?" + (shared ? "" : " (" + p.note() + ")");
        }
        double rel = 100 * p.standardError() / Math.abs(p.value());
        return String.format(Locale.ROOT, " +/- %s (%.2f%%)", Formats.significant(p.standardError(), 7), rel);
    }

    private static String reasons(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.replace('_', ' ')).append(' ').append(v));
        return sb.toString();
    }

    private static List<String> groupRow(String name, GroupedFit grouped, Function<Fit, String> cell) {
        List<String> row = new ArrayList<>();
        row.add(name);
        grouped.fits().values().forEach(f -> row.add(cell.apply(f)));
        return row;
    }

    private static String valueInGroup(FittedParameter p) {
        String value = Formats.significant(p.value(), 5);
        return switch (p.state()) {
            case FIXED -> value + " (fixed)";
            case TIED -> value + " (= " + p.tie() + ")";
            default -> value + (Double.isNaN(p.standardError()) ? " +/- ?"
                    : " +/- " + Formats.significant(p.standardError(), 5));
        };
    }

    /**
     * The groups' table: names left-aligned, each group's cells right-aligned under its name, no
     * rule (it sits inside an indented section, unlike a {@link Table}).
     */
    private static void rightAligned(StringBuilder sb, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> cells : all) {
            sb.append("    ");
            for (int c = 0; c < cells.size(); c++) {
                String s = cells.get(c);
                if (c == 0) {
                    sb.append(s).append(" ".repeat(width[c] - s.length()));
                } else {
                    sb.append("  ").append(" ".repeat(width[c] - s.length())).append(s);
                }
            }
            sb.append('\n');
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(pad(key + ":", KEY_WIDTH)).append(value).append('\n');
    }

    /** The text and at least one blank, up to {@code width} characters. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
