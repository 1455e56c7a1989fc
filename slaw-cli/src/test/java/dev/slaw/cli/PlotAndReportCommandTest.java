package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw fit --plot}, {@code --frontier-plot} and {@code slaw report}, end to end. */
class PlotAndReportCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();
    private static final String[] RECIPE = {"--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)",
            "--drop-highest", "loss=5"};

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static String[] with(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + RECIPE.length + tail.length);
        System.arraycopy(RECIPE, 0, all, head.length, RECIPE.length);
        System.arraycopy(tail, 0, all, head.length + RECIPE.length, tail.length);
        return all;
    }

    @Test
    void fitDrawsItsPlotAndFrontierAtTheAskedSizeWithTheAskedTitle() throws Exception {
        Path png = dir.resolve("fit.png");
        Path svg = dir.resolve("frontier.svg");
        Result r = run(with(new String[]{"fit", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1"},
                "--plot", png.toString(), "--plot-size", "640x480", "--title", "Epoch data", "--frontier-plot", svg.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("plotted " + png, "plotted " + svg);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(Files.readString(svg)).contains("<svg", "width=\"640px\"", "height=\"480px\"");
    }

    @Test
    void aPlotFileMustBePngOrSvg() {
        Result r = run(with(new String[]{"fit", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:5:1"},
                "--plot", dir.resolve("fit.gif").toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("fit.gif: a plot is written as .png, .svg or .json (its numbers)");
    }

    @Test
    void reportHeadlineIsTheFitOnEveryRowAndTheHeldOutCheckRefitsWithIntervalsAndCoverage() throws Exception {
        Path html = dir.resolve("out/report.html");
        Result r = run(with(new String[]{"report", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1"},
                "--hold-out", "N=10", "--replicates", "20", "--seed", "2", "--threads", "1", "--out", html.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        Result all = run(with(new String[]{"fit", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1"}));
        String law = all.out().lines().filter(l -> l.strip().startsWith("fitted:")).findFirst().orElseThrow()
                .strip().substring("fitted:".length()).strip();
        String page = Files.readString(html);
        String headline = page.substring(page.indexOf("<div class=\"law\">") + 17);
        headline = headline.substring(0, headline.indexOf("</div>"));
        assertThat(headline).isEqualTo(law);
        assertThat(r.out()).contains("(chinchilla: " + law + ")");
        String check = page.substring(page.indexOf("<h2>Held-out check</h2>"), page.indexOf("<h2>Fit report</h2>"));
        assertThat(check).contains("without the 10 held out", "95% prediction interval", "Coverage: ",
                "rows held out (grey diamonds)").doesNotContain(headline);
        assertThat(page.split("<svg", -1)).hasSize(6);
    }

    @Test
    void reportWithASeededBootstrapTabulatesItsIntervalsAndShadesTheBand() throws Exception {
        Path html = dir.resolve("boot-report.html");
        Result r = run(with(new String[]{"report", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1"},
                "--replicates", "30", "--seed", "3", "--threads", "1", "--out", html.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<h2>Bootstrap</h2>", "95% bootstrap percentile interval", "seed 3",
                "shaded: the 95% bootstrap confidence interval of the law (", "Compute-optimal N and D",
                "95% interval from the standard error", "believe the bootstrap");
        assertThat(page.split("<svg", -1)).hasSize(4);
    }

    @Test
    void bootstrapInAReportNeedsTheFitMadeThere() {
        Path fit = dir.resolve("missing.json");
        Result r = run(with(new String[]{"report", CHINCHILLA, "--fit", fit.toString()}, "--replicates", "30",
                "--out", dir.resolve("r.html").toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--bootstrap FILE");
    }

    @Test
    void reportOfASavedFit() throws Exception {
        Path fit = dir.resolve("fit.json");
        assertThat(run(with(new String[]{"fit", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1"},
                "--out", fit.toString())).code()).isZero();
        Path html = dir.resolve("report.html");
        Result r = run(with(new String[]{"report", CHINCHILLA, "--fit", fit.toString()}, "--out", html.toString(),
                "--title", "Saved fit"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(html)).contains("<title>Saved fit</title>", "<h2>Provenance</h2>");
    }

    @Test
    void reportNeedsALawOrASavedFit() {
        Result r = run(with(new String[]{"report", CHINCHILLA}, "--out", dir.resolve("r.html").toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--fit");
    }
}
