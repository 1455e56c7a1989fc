package dev.slaw.report.html;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.io.LoadedDataset;
import dev.slaw.report.Fixtures;
import dev.slaw.report.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static String chinchillaReport() {
        Fit fit = Fixtures.chinchillaFit();
        LoadedDataset data = Fixtures.chinchillaData();
        Dataset d = data.dataset();
        // the five largest models' rows, as a held-out check (predicted by the same fit here)
        Dataset largest = d.select(new int[]{0, 1, 2, 3, 4});
        return HtmlReport.render(ReportInput.of(fit, data).withTitle("Chinchilla <Approach 3>").withHeldOut(largest));
    }

    @Test
    void reportHasEverySectionAndEscapesText() {
        String html = chinchillaReport();
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<h2>Data</h2>", "<h2>Parameters</h2>", "<h2>Plots</h2>", "<h2>Held-out check</h2>",
                        "<h2>Fit report</h2>", "<h2>Provenance</h2>", "[[Parameters]]", "Chinchilla &lt;Approach 3&gt;")
                .contains("95% interval", "alpha", "sha256");
        assertThat(html.split("<svg", -1)).hasSize(4);
    }

    @Test
    void aBootstrapAddsItsIntervalTableAndTheConfidenceBand() {
        String html = HtmlReport.render(ReportInput.of(Fixtures.chinchillaFit(), Fixtures.chinchillaData())
                .withBootstrap(Fixtures.chinchillaBootstrap()));
        assertThat(html).contains("<h2>Bootstrap</h2>", "90% percentile interval", "seed 7", "<td>a_opt</td>",
                "shaded: the 90.0% confidence band (");
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
}
