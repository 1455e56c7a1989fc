package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --plot} on plan, plan isoflop, plan envelope, curve fit, curve predict and bootstrap, end to end. */
class PlotCommandsTest {
    private static final String CHINCHILLA = "../examples/chinchilla-epoch/svg_extracted_data.csv";
    private static final String[] RECIPE = {"--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)",
            "--drop-highest", "loss=5"};
    private static final String CURVES = "../examples/multipower/csv_25/";
    private static final String EPOCH = "E=1.8172,A=482.01,B=2085.43,alpha=0.3478,beta=0.3658";

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

    private static String[] epochLaw(String... tail) {
        String[] head = {"plan", "--law", "chinchilla", "--set", "E=1.8172", "--set", "A=482.01", "--set", "B=2085.43",
                "--set", "alpha=0.3478", "--set", "beta=0.3658"};
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /** A PNG of the expected size that is not one flat colour. */
    private static void assertPicture(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
    }

    @Test
    void planFrontierDrawsTwoPanelsAtTheAskedSize() throws Exception {
        Path png = dir.resolve("frontier.png");
        Result r = run(epochLaw("--frontier", "1e20:1e26:13", "--plot", png.toString(), "--plot-size", "700x500"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Compute-optimal frontier", "plotted " + png);
        assertPicture(png, 1400, 500);
    }

    @Test
    void aSingleBudgetPlanDrawsTheFrontierAroundItAsSvg() throws Exception {
        Path svg = dir.resolve("plan.svg");
        Result r = run(epochLaw("--compute", "5.88e23", "--plot", svg.toString(), "--title", "Gopher budget",
                "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        // JSON output stays parseable: no "plotted" line
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        // VectorGraphics2D draws text as glyph outlines, so the SVG is checked for its two panels' size
        assertThat(Files.readString(svg)).contains("<svg", "width=\"1800px\"", "height=\"600px\"");
    }

    @Test
    void isoFlopDrawsParabolasAndThePowerLaws() throws Exception {
        Path png = dir.resolve("isoflop.png");
        Result r = run("plan", "isoflop", "../examples/misfitting/scaling_results_last_ckpt_only.csv", "--replicates", "0",
                "--plot", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("plotted " + png);
        assertPicture(png, 1800, 600);
    }

    @Test
    void envelopeDrawsTheCheckpointsAndThePowerLaws() throws Exception {
        Path png = dir.resolve("envelope.png");
        Result r = run("plan", "envelope", "../examples/misfitting/scaling_results.csv", "--bins-per-decade", "5",
                "--plot", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertPicture(png, 1800, 600);
    }

    @Test
    void curveFitDrawsObservedAgainstPredictedBesideTheSchedules() throws Exception {
        Path png = dir.resolve("curves.png");
        Result r = run("curve", "fit", "--law", "lr-annealing", "--first-step", "3000", CURVES + "cosine_24000.csv",
                CURVES + "constant_24000.csv", "--plot", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("plotted " + png);
        assertPicture(png, 1800, 600);
    }

    @Test
    void curvePredictDrawsEachCandidateSchedule() throws Exception {
        Path svg = dir.resolve("candidates.svg");
        Result r = run("curve", "predict", "--params",
                "L0=3.0405,A=0.5247,alpha=0.5079,B=363.79,C=2.0656,beta=0.5828,gamma=0.6414",
                "--schedule", "warmup(2160)+constant(3e-4)",
                "--schedule", "warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000, total=24000)",
                "--steps", "24000", "--plot", svg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(svg)).contains("<svg", "width=\"1800px\"", "height=\"600px\"");
        assertThat(r.out()).contains("plotted " + svg);
    }

    @Test
    void bootstrapDrawsTheFitWithItsConfidenceBand() throws Exception {
        Path png = dir.resolve("boot.png");
        String[] args = {"bootstrap", CHINCHILLA, "--law", "chinchilla", "--starts", "lhs:20:1", "--replicates", "30",
                "--threads", "1", "--plot", png.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + RECIPE.length);
        System.arraycopy(RECIPE, 0, all, args.length, RECIPE.length);
        Result r = run(all);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[[Bootstrap]]", "plotted " + png);
        assertPicture(png, 900, 600);
    }

    @Test
    void plotOnADataConstrainedPlanSaysWhatItDraws() {
        Result r = run("plan", "--law", "data-constrained", "--set", "E=1.69", "--set", "A=406.4", "--set", "B=410.7",
                "--set", "alpha=0.34", "--set", "beta=0.28", "--set", "RD=15.4", "--set", "RN=5.3", "--compute", "1e23",
                "--unique-tokens", "1e11", "--plot", dir.resolve("dc.png").toString());
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("not data-constrained ones");
    }

    @Test
    void validateDrawsHeldOutPredictionsAgainstTruth() throws Exception {
        Path png = dir.resolve("validate.png");
        Result r = run("validate", "../examples/misfitting/scaling_results_last_ckpt_only.csv", "--law", "chinchilla",
                "--starts", "lhs:64", "--holdout", "N >= 5e8", "--replicates", "20", "--threads", "2",
                "--plot", png.toString(), "--plot-size", "800x500");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[[Held-out rows]]", "plotted " + png);
        assertPicture(png, 800, 500);
    }

    @Test
    void sensitivityDrawsTheSpreadOfDOverNAcrossChoices() throws Exception {
        Path png = dir.resolve("sensitivity.png");
        Result r = run("sensitivity", "../examples/misfitting/scaling_results.csv", "--law", "chinchilla",
                "--starts", "lhs:64", "--threads", "2", "--baseline", "portion_steps_elapsed == 1", "--lowest-per", "N,D",
                "--plot", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("plotted " + png);
        assertPicture(png, 900, 600);
    }
}
