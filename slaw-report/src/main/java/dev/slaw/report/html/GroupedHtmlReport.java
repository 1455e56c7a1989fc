package dev.slaw.report.html;

import dev.slaw.fit.Fit;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Provenance;
import dev.slaw.io.document.FitDocuments;
import dev.slaw.report.plots.GroupedFitPlot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static dev.slaw.report.html.HtmlReport.esc;
import static dev.slaw.report.html.HtmlReport.fmt;
import static dev.slaw.report.html.HtmlReport.num;
import static dev.slaw.report.html.HtmlReport.row;

/**
 * Renders a {@link GroupedReportInput} as one HTML page: a headline naming the grouping, the
 * plot of every group's curve over its own points, the parameters side by side (a column per
 * group; a shared parameter once across them), the joint fit when parameters were shared, then a
 * section per group with its law, statistics, warnings and provenance. Group names come from the
 * data, so every text is escaped; the page loads nothing.
 */
public final class GroupedHtmlReport {
    private GroupedHtmlReport() {
    }

    /** The page. */
    public static String render(GroupedReportInput in) {
        GroupedFit g = in.grouped();
        Fit first = g.fits().values().iterator().next();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(in.title())).append("</title>\n<style>\n").append(HtmlReport.STYLE)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(in.title())).append("</h1>\n");
        h.append("<p class=\"headline\">A grouped fit of ").append(esc(first.law().name())).append(": ")
                .append(g.fits().size()).append(" groups of rows by <b>").append(esc(g.groupColumn())).append("</b>, ")
                .append(g.joint() == null ? "fitted separately (one fit per group, nothing shared)"
                        : "fitted jointly, sharing " + esc(String.join(", ", g.shared())) + " (one value for every group)")
                .append(".</p>\n");
        h.append("<p class=\"muted\">").append(esc(first.law().metadata().description())).append("</p>\n");
        h.append("<div class=\"law\">").append(esc(first.law().formula())).append("</div>\n");
        List<String> warnings = g.warnings();
        if (!warnings.isEmpty()) {
            h.append("<ul class=\"warn\">\n");
            warnings.forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        data(h, in);
        h.append("<h2>Plot</h2>\n");
        HtmlReport.figure(h, GroupedFitPlot.chart(g, in.data().dataset(), in.groupOfRow(), in.plotOptions()),
                in.chartSize(), 1, HtmlReport.sentences("The data (points) and each group's own fitted law (line in the"
                        + " group's colour), dashed beyond that group's data.", GroupedFitPlot.sample(g, in.data().dataset(),
                        in.groupOfRow(), in.plotOptions()).caption("rows")));
        parameters(h, g);
        if (g.joint() != null) {
            joint(h, g.joint());
        }
        int index = 0;
        for (Map.Entry<String, Fit> e : g.fits().entrySet()) {
            group(h, g, e.getKey(), e.getValue(), ++index);
        }
        provenance(h, first.provenance(), g.groupColumn());
        HtmlReport.end(h, first.provenance());
        return h.toString();
    }

    private static void data(StringBuilder h, GroupedReportInput in) {
        HtmlReport.dataHeading(h, in.data(), ", in " + in.grouped().fits().size() + " groups");
    }

    /** A column per group; a shared parameter's one value spans them all. */
    private static void parameters(StringBuilder h, GroupedFit g) {
        Fit first = g.fits().values().iterator().next();
        h.append("<h2>Parameters by group</h2>\n<p class=\"muted\">Value &plusmn; standard error; &plusmn; ? where a")
                .append(" standard error is withheld, for the reason in the row <i>standard errors</i>.</p>\n")
                // many groups make the table wider than the page: it scrolls, the page does not
                .append("<div style=\"overflow-x: auto\">\n<table>\n<tr><th>")
                .append(esc(g.groupColumn())).append("</th>");
        for (String group : g.groups()) {
            h.append("<th>").append(esc(group)).append("</th>");
        }
        h.append("</tr>\n");
        for (FittedParameter p : first.parameters()) {
            boolean shared = g.shared().contains(p.name());
            h.append("<tr><td>").append(esc(p.name())).append(shared ? " <b>(shared)</b>" : "").append("</td>");
            if (shared) {
                h.append("<td class=\"num shared\" colspan=\"").append(g.fits().size()).append("\">")
                        .append(esc(valueText(p))).append(" (one value, shared by every group)</td>");
            } else {
                for (Fit f : g.fits().values()) {
                    h.append(cell(f.parameter(p.name()).orElseThrow()));
                }
            }
            h.append("</tr>\n");
        }
        if (g.joint() != null) {
            h.append("<tr><td>standard errors</td><td colspan=\"").append(g.fits().size()).append("\">")
                    .append(esc(g.joint().covarianceMethod())).append("</td></tr>\n");
        } else {
            // prose, not a number: left-aligned in the text font
            h.append("<tr><td>standard errors</td>");
            g.fits().values().forEach(f -> h.append("<td>").append(esc(f.covarianceMethod())).append("</td>"));
            h.append("</tr>\n");
        }
        statRow(h, g, "rows", f -> Integer.toString(f.statistics().rows()));
        statRow(h, g, "r-squared", f -> String.format(Locale.ROOT, "%.4f", f.statistics().rSquared()));
        statRow(h, g, "rms residual", f -> fmt(f.statistics().rmsResidual()));
        statRow(h, g, "max relative error", f -> String.format(Locale.ROOT, "%.2f %%", 100 * f.statistics().maxRelativeError()));
        if (g.joint() == null) {
            statRow(h, g, "starts reaching the best", f -> f.starts().reachedBest() + " of " + f.starts().total());
        }
        h.append("</table>\n</div>\n");
    }

    private static String cell(FittedParameter p) {
        return "<td class=\"num\">" + esc(valueText(p)) + "</td>";
    }

    private static String valueText(FittedParameter p) {
        return switch (p.state()) {
            case FIXED -> fmt(p.value()) + " (fixed)";
            case TIED -> fmt(p.value()) + " (= " + p.tie() + ")";
            case FREE -> fmt(p.value()) + " ± " + (Double.isFinite(p.standardError()) ? fmt(p.standardError()) : "?")
                    + (p.atBound() ? " (at a bound)" : "");
        };
    }

    private static void statRow(StringBuilder h, GroupedFit g, String name, Function<Fit, String> cell) {
        h.append("<tr><td>").append(esc(name)).append("</td>");
        g.fits().values().forEach(f -> h.append("<td class=\"num\">").append(esc(cell.apply(f))).append("</td>"));
        h.append("</tr>\n");
    }

    private static void joint(StringBuilder h, Fit j) {
        h.append("<h2>Joint fit</h2>\n<p>The groups were fitted together, as one law whose per-group parameters are")
                .append(" named NAME_&lt;group&gt;; the shared parameters have one value.</p>\n<table>\n");
        row(h, "rows", Integer.toString(j.statistics().rows()));
        row(h, "free parameters", Integer.toString(j.statistics().freeParameters()));
        row(h, "objective", String.format(Locale.ROOT, "%.10g (%s)", j.objectiveValue(), j.objective().describe()));
        row(h, "r-squared", String.format(Locale.ROOT, "%.6f", j.statistics().rSquared()));
        row(h, "AIC / BIC", String.format(Locale.ROOT, "%.2f / %.2f", j.statistics().aic(), j.statistics().bic()));
        row(h, "starts", j.starts().total() + " (" + j.starts().description() + "), reached best " + j.starts().reachedBest());
        row(h, "uncertainty", j.covarianceMethod());
        row(h, "converged", j.convergence().converged() ? "yes" : "no: " + j.convergence().reason());
        h.append("</table>\n");
    }

    private static void group(StringBuilder h, GroupedFit g, String group, Fit f, int index) {
        h.append("<h2 id=\"group-").append(index).append("\">").append(esc(g.groupColumn() + " = " + group))
                .append("</h2>\n");
        h.append("<div class=\"law\">").append(esc(f.toString())).append("</div>\n");
        List<String> own = f.warnings().stream()
                .filter(w -> g.joint() == null || !g.joint().warnings().contains(w)).toList();
        if (!own.isEmpty()) {
            h.append("<ul class=\"warn\">\n");
            own.forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<table>\n<tr><th>parameter</th><th>value</th><th>standard error</th><th>state</th></tr>\n");
        for (FittedParameter p : f.parameters()) {
            h.append("<tr><td>").append(esc(p.name())).append("</td>").append(num(p.value()));
            if (Double.isFinite(p.standardError())) {
                h.append(num(p.standardError()));
            } else {
                h.append("<td class=\"muted\">").append(esc(p.note().isEmpty() ? "not defined" : p.note())).append("</td>");
            }
            String state = switch (p.state()) {
                case FIXED -> "fixed";
                case TIED -> "tied: " + p.tie();
                case FREE -> g.shared().contains(p.name()) ? "shared across groups" : p.atBound() ? "free, at a bound" : "free";
            };
            h.append("<td>").append(esc(state)).append("</td></tr>\n");
        }
        h.append("</table>\n<table>\n");
        row(h, "rows", Integer.toString(f.statistics().rows()));
        row(h, "r-squared", String.format(Locale.ROOT, "%.6f", f.statistics().rSquared()));
        row(h, "rms residual", fmt(f.statistics().rmsResidual()));
        row(h, "mean / max relative error", String.format(Locale.ROOT, "%.2f %% / %.2f %%",
                100 * f.statistics().meanRelativeError(), 100 * f.statistics().maxRelativeError()));
        if (g.joint() == null) {
            row(h, "objective", String.format(Locale.ROOT, "%.10g (%s)", f.objectiveValue(), f.objective().describe()));
            row(h, "starts", f.starts().total() + " (" + f.starts().description() + "), reached best "
                    + f.starts().reachedBest());
            row(h, "converged", f.convergence().converged() ? "yes" : "no: " + f.convergence().reason());
        }
        row(h, "uncertainty", f.covarianceMethod());
        Provenance p = f.provenance();
        row(h, "rows sha256", p.fingerprint() + " (" + String.join(", ", p.columns()) + ")");
        for (String note : p.notes()) {
            row(h, "note", note);
        }
        h.append("</table>\n");
        h.append("<details><summary>Full fit report of ").append(esc(g.groupColumn() + " = " + group))
                .append("</summary>\n<pre>").append(esc(FitDocuments.text(f))).append("</pre>\n</details>\n");
    }

    /** What every group has in common; each group's own fingerprint and filters are in its section. */
    private static void provenance(StringBuilder h, Provenance p, String groupColumn) {
        List<String> filters = p.notes().stream().filter(note -> !note.startsWith("group " + groupColumn + "=")).toList();
        HtmlReport.provenance(h, p, filters, false);
    }
}
