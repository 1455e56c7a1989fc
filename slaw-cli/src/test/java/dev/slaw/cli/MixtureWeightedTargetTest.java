package dev.slaw.cli;

import dev.slaw.fit.Fit;
import dev.slaw.io.fit.FitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code slaw mixture fit --target 'avg = 0.3*a_loss + 0.7*b_loss'}: a weighted target fitted as
 * one {@code Fit}, recovered from noisy synthetic runs with the defaults, and the warning when the
 * columns pull the mixture in different directions.
 */
class MixtureWeightedTargetTest {
    private static final Path THREE = Path.of("..", "examples", "mixtures", "three-sources.csv");

    @TempDir
    Path dir;

    /**
     * Two validation losses with one response to the mixture (the same t) and different floors:
     * their weighted sum is again a data mixing law, c = 0.3 c_a + 0.7 c_b, k and t unchanged.
     */
    private static Path runs(Path file, int n, long seed) throws IOException {
        Random rng = new Random(seed);
        StringBuilder sb = new StringBuilder("web,code,books,a_loss,b_loss\n");
        for (int i = 0; i < n; i++) {
            // uniform on the simplex: the gaps of two sorted uniforms
            double u = rng.nextDouble();
            double v = rng.nextDouble();
            double web = Math.min(u, v);
            double code = Math.max(u, v) - web;
            double books = 1 - web - code;
            double shared = Math.exp(-1.5 * web + 0.8 * code);
            double a = (2.0 + 1.0 * shared) * Math.exp(0.003 * rng.nextGaussian());
            double b = (1.2 + 1.0 * shared) * Math.exp(0.003 * rng.nextGaussian());
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f,%.6f%n", web, code, books, a, b));
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void aWeightedTargetIsRecoveredAsOneFitWithTheDefaults() throws IOException {
        Path train = runs(dir.resolve("train.csv"), 80, 7);
        Path test = runs(dir.resolve("test.csv"), 40, 8);
        Path out = dir.resolve("avg.json");
        FitCommandTest.Result r = FitCommandTest.run("mixture", "fit", train.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--target", "avg = 0.3*a_loss + 0.7*b_loss",
                "--test", test.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("note:             target avg = 0.3*a_loss + 0.7*b_loss");
        assertThat(r.err()).doesNotContain("worse (rms error");
        Fit fit = FitJson.load(out);
        assertThat(fit.target()).isEqualTo("avg");
        // truth: c 0.3*2.0 + 0.7*1.2 = 1.44, k 1, t_web -1.5, t_code 0.8 (books, the reference, 0)
        assertThat(fit.value("c")).isCloseTo(1.44, within(0.03));
        assertThat(fit.value("k")).isCloseTo(1.0, within(0.03));
        assertThat(fit.value("t_web")).isCloseTo(-1.5, within(0.05));
        assertThat(fit.value("t_code")).isCloseTo(0.8, within(0.05));
        assertThat(rho(r.out(), "avg")).isGreaterThan(0.99);
        // predict finds the expression the fit was made from: the held-out table has no avg column
        FitCommandTest.Result p = FitCommandTest.run("mixture", "predict", out.toString(), test.toString(),
                "--target", "avg");
        assertThat(p.code()).as(p.err()).isEqualTo(0);
        assertThat(rho(p.out(), "avg")).isGreaterThan(0.99);
    }

    @Test
    void columnsThatPullApartAreCalledOut() {
        // web_loss wants web, code_loss wants code: their mean is no single data mixing law
        FitCommandTest.Result r = FitCommandTest.run("mixture", "fit", THREE.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--target", "0.5*web_loss + 0.5*code_loss");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("target (log residuals)", "weighted target target = 0.5*web_loss + 0.5*code_loss");
        assertThat(r.err()).contains("one law fits the weighted target", "slaw mixture optimize");
    }

    @Test
    void aTargetOverMissingColumnsIsOneLineExitTwo() {
        Path out = dir.resolve("never.json");
        FitCommandTest.Result r = FitCommandTest.run("mixture", "fit", THREE.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--target", "avg = 0.5*nope + 0.5*code_loss", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("nope");
        assertThat(out).doesNotExist();
        FitCommandTest.Result taken = FitCommandTest.run("mixture", "fit", THREE.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--target", "web = 0.5*web_loss + 0.5*code_loss");
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("already has a column web");
    }

    private static double rho(String out, String target) {
        Matcher m = Pattern.compile(Pattern.quote(target) + ": Spearman rho (-?[0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
