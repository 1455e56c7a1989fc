package dev.slaw.report.html;

import dev.slaw.fit.FitOptions;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grouped report page on the (Mis)Fitting sweeps (Li et al. 2025; last checkpoint of each
 * run), Chinchilla fitted per peak learning rate from a small seeded Latin hypercube.
 */
class GroupedHtmlReportTest {
    private static LoadedDataset data;
    private static GroupedFit separate;
    private static GroupedFit joint;

    private static synchronized LoadedDataset sweeps() {
        if (data == null) {
            data = DatasetLoader.load(Fixtures.example("misfitting/scaling_results_last_ckpt_only.csv"),
                    Recipe.DEFAULT.withMatch(Recipe.Match.parse("peak_lr=0.001,0.002,0.004")).withGroup("peak_lr"));
        }
        return data;
    }

    private static synchronized GroupedFit grouped(boolean shared) {
        if (separate == null) {
            Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
            FitOptions options = FitOptions.defaults().withStarts(Starts.parse("lhs:64:1", 1)).withThreads(1);
            String[] groups = sweeps().groupValues().orElseThrow();
            separate = GroupFitter.fitSeparately(law, sweeps().dataset(), "peak_lr", groups, "loss", options);
            joint = GroupFitter.fitShared(law, sweeps().dataset(), "peak_lr", groups, "loss", options, List.of("alpha"));
        }
        return shared ? joint : separate;
    }

    private static String page(boolean shared) {
        return GroupedHtmlReport.render(GroupedReportInput.of(grouped(shared), sweeps(),
                List.of(sweeps().groupValues().orElseThrow())));
    }

    @Test
    void headlineNamesTheGroupingAndEveryGroupHasItsColumnAndSection() {
        String html = page(false);
        assertThat(html).contains("A grouped fit of chinchilla: 3 groups of rows by <b>peak_lr</b>, fitted separately")
                .contains("<tr><th>peak_lr</th><th>0.001</th><th>0.002</th><th>0.004</th></tr>")
                .contains("<h2 id=\"group-1\">peak_lr = 0.001</h2>", "<h2 id=\"group-3\">peak_lr = 0.004</h2>");
        for (String g : grouped(false).groups()) {
            var fit = grouped(false).fit(g);
            assertThat(html).contains("<div class=\"law\">" + HtmlReport.esc(fit.toString()) + "</div>")
                    .contains(fit.provenance().fingerprint())
                    .contains("<td class=\"num\">" + HtmlReport.fmt(fit.value("E")) + " ± ");
        }
        assertThat(html).contains("<svg").doesNotContain("<script", "<link", "<img", "src=", "@import", "url(http", "<?xml");
    }

    @Test
    void aSharedParameterIsOneValueAcrossTheGroupsAndMarkedShared() {
        GroupedFit g = grouped(true);
        double alpha = g.fit("0.001").value("alpha");
        assertThat(g.fit("0.004").value("alpha")).isEqualTo(alpha);
        assertThat(page(true)).contains(
                "A grouped fit of chinchilla: 3 groups of rows by <b>peak_lr</b>, fitted jointly, sharing alpha",
                "<h2>Joint fit</h2>",
                "<tr><td>alpha <b>(shared)</b></td><td class=\"num shared\" colspan=\"3\">" + HtmlReport.fmt(alpha) + " ± ");
    }

    @Test
    void groupedPageOpensInHeadlessChromiumWithoutConsoleErrorsAndIsNotBlank(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grouped.html");
        Files.writeString(file, page(true));

        Chromium run = Chromium.open(file, dir, 1200, 2000);

        assertThat(run.console()).as(run.log()).isEmpty();
        assertThat(run.screenshot()).as(run.log()).exists();
        BufferedImage shot = Images.decode(Files.readAllBytes(run.screenshot()));
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(Images.greyVariance(shot)).isGreaterThan(200);
        assertThat(Images.distinctColours(shot)).isGreaterThan(30);
    }
}
