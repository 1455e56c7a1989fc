package dev.slaw.report.html;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Starts;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.ProgressListener;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static HeldOutValidation check;

    /** The Chinchilla fit checked on its 5 largest-N rows (and ties): refitted without them, 20 replicates. */
    private static synchronized HeldOutValidation heldOutCheck() {
        if (check == null) {
            Dataset d = Fixtures.chinchillaData().dataset();
            double[] n = d.column("N").clone();
            java.util.Arrays.sort(n);
            Starts published = Starts.at(List.of(Map.of("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478,
                    "beta", 0.3658)));
            check = HeldOutValidation.run(Fixtures.chinchillaFit().law(), d, "loss",
                    Holdout.where("N >= " + new java.math.BigDecimal(n[n.length - 5]).toPlainString()),
                    FitOptions.defaults().withStarts(published).withThreads(1),
                    BootstrapOptions.defaults().withReplicates(20).withSeed(3).withThreads(1), ProgressListener.NONE);
        }
        return check;
    }

    private static String chinchillaReport() {
        Fit fit = Fixtures.chinchillaFit();
        LoadedDataset data = Fixtures.chinchillaData();
        return HtmlReport.render(ReportInput.of(fit, data).withTitle("Chinchilla <Approach 3>").withHeldOut(heldOutCheck()));
    }

    @Test
    void reportHasEverySectionAndEscapesText() {
        String html = chinchillaReport();
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<h2>Data</h2>", "<h2>Parameters</h2>", "<h2>Plots</h2>", "<h2>Held-out check</h2>",
                        "<h2>Fit report</h2>", "<h2>Provenance</h2>", "[[Parameters]]", "Chinchilla &lt;Approach 3&gt;")
                .contains("95% interval from the standard error", "alpha", "sha256");
        // fit, residuals, frontier; the held-out fit with the rows held out, and predictions against truth
        assertThat(html.split("<svg", -1)).hasSize(6);
    }

    @Test
    void headlineIsTheFitOnEveryRowAndTheHeldOutCheckShowsItsOwnFitWithIntervalsAndCoverage() {
        String html = chinchillaReport();
        String headline = html.substring(html.indexOf("<div class=\"law\">"));
        headline = headline.substring(0, headline.indexOf("</div>"));
        assertThat(headline).contains(HtmlReport.esc(Fixtures.chinchillaFit().toString()));
        assertThat(Fixtures.chinchillaFit().toString()).isNotEqualTo(heldOutCheck().fit().toString());
        String section = html.substring(html.indexOf("<h2>Held-out check</h2>"));
        assertThat(section).contains(HtmlReport.esc(heldOutCheck().fit().toString()), "95% prediction interval",
                "95% confidence interval", "Coverage: ", "the rows held out (grey diamonds)");
        // the five largest N, and the rows tied with the fifth
        assertThat(heldOutCheck().rows()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aBootstrapAddsItsIntervalTableAndTheConfidenceBand() {
        String html = HtmlReport.render(ReportInput.of(Fixtures.chinchillaFit(), Fixtures.chinchillaData())
                .withBootstrap(Fixtures.chinchillaBootstrap()));
        assertThat(html).contains("<h2>Bootstrap</h2>", "90% bootstrap percentile interval", "seed 7", "<td>a_opt</td>",
                "shaded: the 90% bootstrap confidence interval of the law (");
        // both intervals of a parameter are named, side by side, and the page says which to believe
        assertThat(html).contains("<th>95% interval from the standard error</th><th>90% bootstrap percentile interval</th>",
                "believe the bootstrap");
        // fit plot (with its band), residuals, frontier
        assertThat(html.split("<svg", -1)).hasSize(4);
    }

    @Test
    void reportIsSelfContained() {
        String html = chinchillaReport();
        assertThat(html).doesNotContain("<script", "<link", "<img", "src=", "@import", "url(http");
        assertThat(html).doesNotContain("<?xml", "<!DOCTYPE svg");
        // every clip path a figure refers to is defined once in the page
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
        while (refs.find()) {
            String id = refs.group(1);
            assertThat(html.split("id=\"" + java.util.regex.Pattern.quote(id) + "\"", -1)).as(id).hasSize(2);
        }
    }

    @Test
    void reportOpensInHeadlessChromiumWithoutConsoleErrorsAndIsNotBlank(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, chinchillaReport());

        Chromium run = Chromium.open(page, dir, 1200, 2000);

        assertThat(run.console()).as(run.log()).isEmpty();
        assertThat(run.screenshot()).as(run.log()).exists();
        BufferedImage shot = Images.decode(Files.readAllBytes(run.screenshot()));
        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(shot.getHeight()).isEqualTo(2000);
        assertThat(Images.greyVariance(shot)).isGreaterThan(200);
        assertThat(Images.distinctColours(shot)).isGreaterThan(30);
    }

    @Test
    void consoleCaptureSeesErrorsWhenAPageHasThem(@TempDir Path dir) throws Exception {
        // the control for the test above: an empty console there means there was nothing to see
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p><script>console.error('slaw-probe');"
                + "undefinedFunction();</script></body></html>");

        Chromium run = Chromium.open(page, dir, 400, 300);

        assertThat(run.console()).as(run.log()).anyMatch(l -> l.contains("slaw-probe"))
                .anyMatch(l -> l.contains("Uncaught"));
    }

    /**
     * The misfitting sweep's 4,852 checkpoints (more than a picture draws) under the Chinchilla
     * fit, with its 200 checkpoints of the largest model held out: the plots sample and say so,
     * the table of held-out rows stops at 100 and says how many it leaves out.
     */
    @Test
    void aLargeTableIsSampledInThePlotsAndTheHeldOutTableIsCapped() {
        LoadedDataset sweep = dev.slaw.io.DatasetLoader.load(Fixtures.example("misfitting/scaling_results.csv"),
                dev.slaw.io.Recipe.DEFAULT);
        Fit fit = Fixtures.chinchillaFit();
        Starts published = Starts.at(List.of(Map.of("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478,
                "beta", 0.3658)));
        HeldOutValidation largest = HeldOutValidation.run(fit.law(), sweep.dataset(), "loss",
                Holdout.where("N >= 1182757632"), FitOptions.defaults().withStarts(published).withThreads(1),
                BootstrapOptions.defaults().withReplicates(5).withSeed(3).withThreads(1), ProgressListener.NONE);
        assertThat(largest.rows()).hasSize(200);
        String html = HtmlReport.render(ReportInput.of(fit, sweep).withHeldOut(largest));
        assertThat(html).contains("Showing 4,000 of 4,852 rows (the extremes of each plotted variable",
                "Showing 4,000 of 4,652 rows fitted on", "The first 100 of the 200 rows held out; the other 100 are"
                        + " left out of this table");
        // a picture saved on its own says it in its title
        assertThat(dev.slaw.report.plots.FitPlot.chart(fit, sweep.dataset(), dev.slaw.report.plots.FitPlotOptions.defaults())
                .title()).endsWith("; 4,000 of 4,852 rows shown");
        String table = html.substring(html.indexOf("<h2>Held-out check</h2>"));
        table = table.substring(table.indexOf("<table>"), table.indexOf("</table>"));
        // a header row and 100 rows
        assertThat(table.split("<tr>", -1)).hasSize(102);
        // the held-out parity plot draws every row up to its limit
        assertThat(html).doesNotContain("rows held out (the extremes");
    }
}
