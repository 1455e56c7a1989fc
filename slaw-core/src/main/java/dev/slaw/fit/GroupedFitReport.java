package dev.slaw.fit;

import dev.slaw.law.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grouped fit as text: the groups side by side (a column per group, a row per parameter and
 * statistic), then each group's fitted law, its provenance fingerprint and its warnings.
 */
public final class GroupedFitReport {
    private GroupedFitReport() {
    }

    public static String render(GroupedFit grouped) {
        StringBuilder sb = new StringBuilder();
        Fit first = grouped.fits().values().iterator().next();
        sb.append("[[Law]]\n");
        line(sb, "name", first.law().name());
        line(sb, "formula", first.law().formula());
        line(sb, "target", first.target() + " (" + first.law().target().name().toLowerCase(Locale.ROOT) + " residuals)");
        line(sb, "groups", grouped.fits().size() + " by " + grouped.groupColumn()
                + (grouped.shared().isEmpty() ? ", fitted separately"
                : ", fitted jointly; shared: " + String.join(", ", grouped.shared())));
        sb.append("[[Parameters by group]]\n");
        List<String> header = new ArrayList<>();
        header.add(grouped.groupColumn());
        header.addAll(grouped.groups());
        List<List<String>> rows = new ArrayList<>();
        for (FittedParameter p : first.parameters()) {
            List<String> row = new ArrayList<>();
            row.add(p.name() + (grouped.shared().contains(p.name()) ? " (shared)" : ""));
            for (Fit f : grouped.fits().values()) {
                row.add(valueText(f.parameter(p.name()).orElseThrow()));
            }
            rows.add(row);
        }
        rows.add(statRow("rows", grouped, f -> Integer.toString(f.statistics().rows())));
        rows.add(statRow("r-squared", grouped, f -> String.format(Locale.ROOT, "%.4f", f.statistics().rSquared())));
        rows.add(statRow("rms residual", grouped, f -> fmt(f.statistics().rmsResidual())));
        rows.add(statRow("max rel. error", grouped,
                f -> String.format(Locale.ROOT, "%.2f %%", 100 * f.statistics().maxRelativeError())));
        if (grouped.joint() == null) {
            rows.add(statRow("reached best", grouped, f -> f.starts().reachedBest() + " of " + f.starts().total()));
        }
        table(sb, header, rows);
        if (grouped.joint() != null) {
            Fit j = grouped.joint();
            sb.append("[[Joint fit]]\n");
            line(sb, "rows", Integer.toString(j.statistics().rows()));
            line(sb, "free parameters", Integer.toString(j.statistics().freeParameters()));
            line(sb, "objective", String.format(Locale.ROOT, "%.10g  (%s)", j.objectiveValue(), j.objective().describe()));
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
            if (!note.startsWith("group " + grouped.groupColumn() + "=")) {
                line(sb, "filter", note);
            }
        }
        line(sb, "optimizer", pv.optimizer());
        line(sb, "seed", Long.toString(pv.seed()));
        line(sb, "slaw", pv.slawVersion() + " on Java " + pv.javaVersion());
        if (!first.law().metadata().citation().isEmpty()) {
            sb.append("[[Citation]]\n    ").append(first.law().metadata().citation()).append('\n');
        }
        return sb.toString();
    }

    private static List<String> statRow(String name, GroupedFit grouped, java.util.function.Function<Fit, String> cell) {
        List<String> row = new ArrayList<>();
        row.add(name);
        grouped.fits().values().forEach(f -> row.add(cell.apply(f)));
        return row;
    }

    private static String valueText(FittedParameter p) {
        return switch (p.state()) {
            case FIXED -> fmt(p.value()) + " (fixed)";
            case TIED -> fmt(p.value()) + " (= " + p.tie() + ")";
            default -> fmt(p.value()) + (Double.isNaN(p.standardError()) ? " +/- ?"
                    : " +/- " + fmt(p.standardError()));
        };
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        row(sb, header, width);
        for (List<String> r : rows) {
            row(sb, r, width);
        }
    }

    private static void row(StringBuilder sb, List<String> cells, int[] width) {
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

    private static String fmt(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return Numbers.compact(Double.parseDouble(String.format(Locale.ROOT, "%.5g", v)));
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(key).append(':').append(" ".repeat(Math.max(1, 18 - key.length() - 1))).append(value)
                .append('\n');
    }
}
