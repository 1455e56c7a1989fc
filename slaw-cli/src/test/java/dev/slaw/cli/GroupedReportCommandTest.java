package dev.slaw.cli;

import dev.slaw.fit.Fit;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.fit.GroupedFitJson;
import dev.slaw.report.html.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slaw report --group} on the (Mis)Fitting sweeps (Li et al. 2025; last checkpoint of each
 * run): the page shows the fits {@code slaw fit --group} makes, one per peak learning rate.
 */
class GroupedReportCommandTest {
    private static final String SWEEPS = Path.of("..", "examples", "misfitting", "scaling_results_last_ckpt_only.csv")
            .toString();
    /** The same data, law and seeded starts for the report and the fit it is compared with. */
    private static final List<String> SETTINGS = List.of(SWEEPS, "--law", "chinchilla", "--only",
            "peak_lr=0.001,0.002,0.004", "--group", "peak_lr", "--starts", "lhs:128:1", "--threads", "2");

    @TempDir
    Path dir;

    private static FitCommandTest.Result slaw(String command, String... more) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(SETTINGS);
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void eachGroupsValuesOnThePageAreThoseOfFitGroup() throws Exception {
        Path json = dir.resolve("grouped.json");
        Path page = dir.resolve("report.html");
        FitCommandTest.Result f = slaw("fit", "--out", json.toString());
        FitCommandTest.Result r = slaw("report", "--out", page.toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(chinchilla, 3 groups by peak_lr, fitted separately)");
        GroupedFit g = GroupedFitJson.load(json);
        String html = Files.readString(page);
        assertThat(html).contains("A grouped fit of chinchilla: 3 groups of rows by <b>peak_lr</b>, fitted separately");
        int at = html.indexOf("<h2>Parameters by group</h2>");
        String table = html.substring(at, html.indexOf("</table>", at));
        for (String name : List.of("E", "A", "alpha", "B", "beta")) {
            StringBuilder row = new StringBuilder("<tr><td>" + name + "</td>");
            for (String lr : List.of("0.001", "0.002", "0.004")) {
                row.append("<td class=\"num\">").append(cellOf(g.fit(lr).parameter(name).orElseThrow())).append("</td>");
            }
            assertThat(table).contains(row.append("</tr>"));
        }
        assertThat(g.fit("0.001").value("E")).isBetween(2.0, 2.6);
        for (String lr : g.groups()) {
            Fit fit = g.fit(lr);
            int section = html.indexOf("<h2 id=\"group-" + (g.groups().indexOf(lr) + 1) + "\">peak_lr = " + lr + "</h2>");
            assertThat(section).as(lr).isPositive();
            assertThat(html.substring(section)).contains(fit.provenance().fingerprint(),
                    "<tr><th>rows</th><td>" + fit.statistics().rows() + "</td></tr>");
        }
    }

    @Test
    void aSavedGroupedFitIsReportedOverItsGroupsRowsAndNeedsTheSameGroupColumn() throws Exception {
        Path json = dir.resolve("grouped.json");
        assertThat(slaw("fit", "--out", json.toString()).code()).isZero();
        GroupedFit g = GroupedFitJson.load(json);
        Path page = dir.resolve("saved.html");
        // all five learning rates loaded: the two the fit lacks are left out, and said
        FitCommandTest.Result r = run("report", SWEEPS, "--fit", json.toString(), "--group", "peak_lr",
                "--out", page.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("differ from the ones");
        String html = Files.readString(page);
        assertThat(html).contains("3 groups of rows by <b>peak_lr</b>", "left out 36 rows of peak_lr values the fit has"
                + " no group for", "<tr><td>beta</td><td class=\"num\">"
                + cellOf(g.fit("0.001").parameter("beta").orElseThrow()) + "</td>");
        Path refused = dir.resolve("refused.html");
        FitCommandTest.Result noGroup = run("report", SWEEPS, "--fit", json.toString(), "--out", refused.toString());
        assertThat(noGroup.code()).isEqualTo(2);
        assertThat(noGroup.err()).contains("is a grouped fit (one fit per peak_lr): load the data with --group peak_lr");
        assertThat(refused).doesNotExist();
    }

    private static String cellOf(FittedParameter p) {
        return HtmlReport.fmt(p.value()) + " ± "
                + (Double.isFinite(p.standardError()) ? HtmlReport.fmt(p.standardError()) : "?");
    }

    @Test
    void sharedParameterHasOneValueOnThePageTheFitsValue() throws Exception {
        Path json = dir.resolve("joint.json");
        Path page = dir.resolve("joint.html");
        assertThat(slaw("fit", "--shared", "alpha", "--out", json.toString()).code()).isZero();
        FitCommandTest.Result r = slaw("report", "--shared", "alpha", "--out", page.toString());
        assertThat(r.code()).as(r.err()).isZero();
        GroupedFit g = GroupedFitJson.load(json);
        double alpha = g.fit("0.001").value("alpha");
        assertThat(g.fit("0.004").value("alpha")).isEqualTo(alpha);
        String html = Files.readString(page);
        assertThat(html).contains("<tr><td>alpha <b>(shared)</b></td><td class=\"num shared\" colspan=\"3\">"
                + cellOf(g.fit("0.001").parameter("alpha").orElseThrow()) + " (one value, shared by every group)</td></tr>");
        assertThat(html).contains("<tr><td>E</td><td class=\"num\">" + HtmlReport.fmt(g.fit("0.001").value("E")));
        assertThat(html.split("alpha <b>\\(shared\\)</b>", -1)).hasSize(2);
    }

    @Test
    void aGroupNamedWithMarkupIsEscapedEverywhere() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(SWEEPS));
        int lr = List.of(lines.get(0).split(",")).indexOf("peak_lr");
        String hostile = "<img src=x onerror=alert(1)>&amp;\"'";
        List<String> copy = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[lr].equals("0.001") || cells[lr].equals("0.002")) {
                cells[lr] = cells[lr].equals("0.001") ? "\"" + hostile.replace("\"", "\"\"") + "\"" : "plain";
                copy.add(String.join(",", cells));
            }
        }
        Path csv = dir.resolve("hostile.csv");
        Files.write(csv, copy);
        Path page = dir.resolve("hostile.html");
        FitCommandTest.Result r = run("report", csv.toString(), "--law", "chinchilla", "--group", "peak_lr", "--starts",
                "lhs:64:1", "--threads", "2", "--out", page.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<img", hostile)
                .contains("peak_lr = &lt;img src=x onerror=alert(1)&gt;&amp;amp;&quot;&#39;</h2>")
                .contains("<th>&lt;img src=x onerror=alert(1)&gt;&amp;amp;&quot;&#39;</th>");
    }

    @Test
    void holdOutOrBootstrapWithGroupIsRefusedInOneLineAndNothingIsWritten() {
        for (List<String> asked : List.of(List.of("--hold-out", "N=5"), List.of("--replicates", "100"))) {
            Path page = dir.resolve("refused.html");
            List<String> more = new ArrayList<>(asked);
            more.addAll(List.of("--out", page.toString()));
            FitCommandTest.Result r = slaw("report", more.toArray(new String[0]));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n")
                    .contains(asked.get(0) + " is not done per group in a report yet", "--only peak_lr=VALUE");
            assertThat(page).doesNotExist();
        }
    }
}
