package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code slaw mixture}: the RegMix goldens (REFERENCE.md section 7: Shukor et al.'s law at one scale
 * and the data mixing law fitted on the 512 mixtures of 1M models, scored on the 256 held-out ones
 * and on the 64 mixtures of 1B models) and the bad inputs of a mixture.
 */
class MixtureCommandTest {
    private static final String REGMIX = Path.of("..", "examples", "regmix").toString();

    @TempDir
    Path dir;

    private static FitCommandTest.Result run(String... args) {
        return FitCommandTest.run(args);
    }

    private static double rho(String out) {
        Matcher m = Pattern.compile("Spearman rho (-?[0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shukorsLawAtOneScaleRanksRegmixPileCcAboveTheMustShow() {
        Path fit = dir.resolve("power.json");
        FitCommandTest.Result r = run("mixture", "fit", REGMIX + "/train_1m.csv", "--law", "mixture-power",
                "--mixture", "r=train_*", "--target", "pile_cc", "--test", REGMIX + "/test_1m.csv",
                "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        // issue 15 must-show 2: rho >= 0.97 on Pile-CC with the mixing law (0.9936; RegMix's LightGBM 0.9892)
        assertThat(rho(r.out())).isGreaterThanOrEqualTo(0.97).isCloseTo(0.9936, within(0.003));
        // the four smallest Pile domains are too rare in RegMix's mixtures to pin down: the fit says so
        assertThat(r.err()).contains("weakly determined", "C_enron_emails");
        FitCommandTest.Result big = run("mixture", "predict", fit.toString(), REGMIX + "/test_1b.csv",
                "--target", "pile_cc");
        assertThat(big.code()).as(big.err()).isEqualTo(0);
        assertThat(rho(big.out())).isGreaterThan(0.96);
    }

    @Test
    void regmixPileCcRanksHeldOutAndLargerModelsMixtures() {
        Path fit = dir.resolve("fit.json");
        FitCommandTest.Result r = run("mixture", "fit", REGMIX + "/train_1m.csv", "--law", "data-mixing",
                "--mixture", "r=train_*", "--target", "pile_cc", "--test", REGMIX + "/test_1m.csv",
                "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("renormalised 303 of 512 rows to sum to 1 (sums 0.9960-1.0030");
        // the data mixing law ranks the 256 held-out mixtures at rho 0.962 (RegMix's LightGBM: 0.9892); a
        // least-squares fit (--loss squared, or scipy) gives 0.965: the law's form, not the fit, stops short of 0.97
        assertThat(rho(r.out())).isBetween(0.955, 0.975);
        FitCommandTest.Result big = run("mixture", "predict", fit.toString(), REGMIX + "/test_1b.csv",
                "--target", "pile_cc");
        assertThat(big.code()).as(big.err()).isEqualTo(0);
        assertThat(rho(big.out())).isGreaterThan(0.98);
    }

    @Test
    void theLinearBaselineIsAFormulaOverTheMixture() {
        FitCommandTest.Result r = run("mixture", "fit", REGMIX + "/train_1m.csv", "--law", "b + dot(w, r)",
                "--plain-target", "--loss", "squared", "--mixture", "r=train_*", "--target", "pile_cc",
                "--test", REGMIX + "/test_1m.csv");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(rho(r.out())).isBetween(0.89, 0.91);
    }

    @Test
    void badMixturesAreOneLineExitTwoAndWriteNothing() throws IOException {
        Path fit = dir.resolve("fit.json");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b,kind,loss\n0.5,0.5,x,3.1\n0.4,0.5,y,3.2\n");
        FitCommandTest.Result sum = run("mixture", "fit", bad.toString(), "--law", "data-mixing", "--mixture", "r=a,b",
                "--target", "loss", "--out", fit.toString());
        assertThat(sum.code()).isEqualTo(2);
        assertThat(sum.err().strip()).contains("row 3: the proportions a, b sum to 0.9, not 1").doesNotContain("\n");

        Files.writeString(bad, "a,b,kind,loss\n0.5,0.5,x,3.1\n-0.1,1.1,y,3.2\n");
        FitCommandTest.Result negative = run("mixture", "fit", bad.toString(), "--law", "data-mixing", "--mixture",
                "r=a,b", "--target", "loss", "--out", fit.toString());
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("row 3, column \"a\": -0.1 is not a proportion");

        FitCommandTest.Result text = run("mixture", "fit", bad.toString(), "--law", "data-mixing", "--mixture",
                "r=a,kind", "--target", "loss", "--out", fit.toString());
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).contains("proportion column \"kind\" holds text");

        FitCommandTest.Result none = run("mixture", "fit", bad.toString(), "--law", "data-mixing", "--mixture", "r=",
                "--target", "loss", "--out", fit.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("bound to no columns");

        FitCommandTest.Result unbound = run("fit", bad.toString(), "--law", "data-mixing", "--target", "loss");
        assertThat(unbound.code()).isEqualTo(2);
        assertThat(unbound.err()).contains("slaw mixture fit --mixture r=");
        assertThat(fit).doesNotExist();
    }
}
