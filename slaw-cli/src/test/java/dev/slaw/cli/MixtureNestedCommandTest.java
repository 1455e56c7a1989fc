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
 * {@code slaw mixture nested}: Ye et al.'s pipeline recovers the data mixing law of a large model
 * trained long from small short runs, with the defaults, on noisy synthetic checkpoints.
 */
class MixtureNestedCommandTest {
    /** The authors' 70M, 160M, 305M and 410M models (their non-embedding sizes), and 1B, the target. */
    private static final double[] SIZES = {18915328, 85056000, 201541632, 302311424};
    private static final double TO_SIZE = 805736448;
    /** Steps of 4096 x 256 tokens: fitted from 10k to 30k, predicted at 100k, as in the authors' run.sh. */
    private static final double TOKENS_PER_STEP = 4096 * 256;
    private static final double TO_TOKENS = 100000 * TOKENS_PER_STEP;

    @TempDir
    Path dir;

    /** L = 1.6 + exp(-1.5 web + 0.5 code - 0.3 books) + 400 / N^0.34 + 600 / D^0.3. */
    private static double law(double web, double code, double books, double n, double d) {
        return 1.6 + Math.exp(-1.5 * web + 0.5 * code - 0.3 * books) + 400 / Math.pow(n, 0.34) + 600 / Math.pow(d, 0.3);
    }

    private static double[] mixture(Random rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return new double[]{Math.min(u, v), Math.abs(u - v), 1 - Math.max(u, v)};
    }

    @Test
    void recoversTheMixingLawAtTheTargetScaleFromSmallShortRuns() throws IOException {
        Random rng = new Random(19);
        double noise = 0.0005;
        StringBuilder runs = new StringBuilder("web,code,books,N,D,loss\n");
        for (int m = 0; m < 12; m++) {
            double[] r = mixture(rng);
            for (double n : SIZES) {
                for (int step = 10000; step <= 30000; step += 2500) {
                    double d = step * TOKENS_PER_STEP;
                    runs.append(row(r, n, d, law(r[0], r[1], r[2], n, d) * Math.exp(noise * rng.nextGaussian())));
                }
            }
        }
        StringBuilder big = new StringBuilder("web,code,books,N,D,loss\n");
        for (int m = 0; m < 20; m++) {
            double[] r = mixture(rng);
            big.append(row(r, TO_SIZE, TO_TOKENS, law(r[0], r[1], r[2], TO_SIZE, TO_TOKENS)));
        }
        Path data = Files.writeString(dir.resolve("runs.csv"), runs.toString());
        Path target = Files.writeString(dir.resolve("big.csv"), big.toString());
        Path out = dir.resolve("nested.json");
        FitCommandTest.Result r = FitCommandTest.run("mixture", "nested", data.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--to-size", "805736448", "--to-tokens", "1.048576e11",
                "--test", target.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("step law c + B * D^-beta fitted to each of 48 runs", "12 mixtures");
        Fit fit = FitJson.load(out);
        // at the target scale the law is c + k exp(t . r) with c = 1.6 + 400/N^0.34 + 600/D^0.3 and, books
        // the reference, k = exp(-0.3), t_web = -1.5 + 0.3, t_code = 0.5 + 0.3
        double c = 1.6 + 400 / Math.pow(TO_SIZE, 0.34) + 600 / Math.pow(TO_TOKENS, 0.3);
        assertThat(fit.value("c")).isCloseTo(c, within(0.06));
        assertThat(fit.value("k")).isCloseTo(Math.exp(-0.3), within(0.1));
        assertThat(fit.value("t_web")).isCloseTo(-1.2, within(0.15));
        assertThat(fit.value("t_code")).isCloseTo(0.8, within(0.15));
        Matcher m = Pattern.compile("Spearman rho ([0-9.]+), mean \\|error\\| ([0-9.]+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.99);
        assertThat(Double.parseDouble(m.group(2))).isLessThan(0.05);
    }

    @Test
    void aRunWithTooFewCheckpointsIsOneLineExitTwo() throws IOException {
        Path data = Files.writeString(dir.resolve("few.csv"), "web,code,books,N,D,loss\n"
                + "0.5,0.3,0.2,1e8,1e10,3.1\n0.5,0.3,0.2,1e8,2e10,3.0\n0.5,0.3,0.2,1e8,3e10,2.95\n");
        FitCommandTest.Result r = FitCommandTest.run("mixture", "nested", data.toString(), "--law", "data-mixing",
                "--mixture", "r=web,code,books", "--to-size", "1B", "--to-tokens", "100B");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("3 checkpoints", "needs at least 4");
    }

    private static String row(double[] r, double n, double d, double loss) {
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.0f,%.0f,%.6f%n", r[0], r[1], r[2], n, d, loss);
    }
}
