package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prediction or a plan beyond the models and data a fit saw says how far beyond, in the
 * variable's own terms: the Epoch table's largest model has 1.6e10 parameters.
 */
class ExtrapolationWarningsTest {
    @TempDir
    Path dir;

    private Path fit() {
        Path fit = dir.resolve("fit.json");
        PlanCommandTest.Result r = PlanCommandTest.run("fit", "../examples/chinchilla-epoch/svg_extracted_data.csv",
                "--law", "chinchilla", "--map", "N=Model Size", "--derive", "D = Training FLOP / (6*N)",
                "--target", "loss", "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return fit;
    }

    @Test
    void aPredictionBeyondTheFittedModelsSaysHowFar() throws Exception {
        Path fit = fit();
        assertThat(Files.readString(fit)).contains("\"ranges\"", "\"variable\" : \"N\"");
        PlanCommandTest.Result far = PlanCommandTest.run("predict", fit.toString(), "N=70e12", "D=2e11");
        assertThat(far.code()).as(far.err()).isZero();
        assertThat(far.out()).contains("extrapolated: N = 7e13 is 4,325x the largest N fitted, 1.61833e10")
                .doesNotContain("extrapolated: D");
        PlanCommandTest.Result small = PlanCommandTest.run("predict", fit.toString(), "N=1e6", "D=1e10");
        assertThat(small.out()).contains("extrapolated: N = 1000000 is 57x below the smallest N fitted");
        PlanCommandTest.Result inside = PlanCommandTest.run("predict", fit.toString(), "N=1e9", "D=2e10");
        assertThat(inside.out()).doesNotContain("extrapolated");
    }

    @Test
    void aPlanBeyondTheFittedModelsSaysHowFar() {
        Path fit = fit();
        PlanCommandTest.Result plan = PlanCommandTest.run("plan", fit.toString(), "--compute", "5.88e23");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("extrapolated: N = 1.20067e11 is 7.4x the largest N fitted",
                "extrapolated: D = 8.16209e11 is 2.6x the largest D fitted");
        PlanCommandTest.Result small = PlanCommandTest.run("plan", fit.toString(), "--compute", "1e19");
        assertThat(small.out()).doesNotContain("extrapolated");
    }

    @Test
    void aDataConstrainedPlanBeyondTheFittedModelsSaysHowFar() throws Exception {
        // Muennighoff et al.'s constants on models up to 8e8 parameters, 1.6e10 unique tokens repeated up to 16 times
        StringBuilder csv = new StringBuilder("N,D,U,loss\n");
        java.util.Random random = new java.util.Random(1);
        for (double n : new double[]{5e7, 1e8, 2e8, 4e8, 8e8}) {
            for (double u : new double[]{1e9, 4e9, 1.6e10}) {
                for (double epochs : new double[]{1, 2, 4, 8, 16}) {
                    double d = u * epochs;
                    double un = Math.min(n, Math.pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.34) * Math.pow(u, 0.28 / 0.34));
                    double dEff = u + u * 15.4 * (1 - Math.exp(-(d / u - 1) / 15.4));
                    double nEff = un + un * 5.3 * (1 - Math.exp(-(n / un - 1) / 5.3));
                    double loss = 1.69 + 406.4 / Math.pow(nEff, 0.34) + 410.7 / Math.pow(dEff, 0.28);
                    csv.append(n).append(',').append(d).append(',').append(u).append(',')
                            .append(loss * Math.exp(0.003 * random.nextGaussian())).append('\n');
                }
            }
        }
        Path data = dir.resolve("repeated.csv");
        Files.writeString(data, csv);
        Path fit = dir.resolve("dc.json");
        PlanCommandTest.Result r = PlanCommandTest.run("fit", data.toString(), "--law", "data-constrained",
                "--target", "loss", "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        PlanCommandTest.Result plan = PlanCommandTest.run("plan", fit.toString(), "--compute", "1e23",
                "--unique-tokens", "1e11");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("extrapolated: N = ", "x the largest N fitted, 8e8",
                "extrapolated: D = ", "extrapolated: U = 1e11 is 6.3x the largest U fitted, 1.6e10");
    }

    /**
     * ARC-C (an accuracy) over training compute with a plain power law: far enough out the law
     * predicts more than 1, and the prediction says that no accuracy can; inside [0, 1] it does not.
     */
    @Test
    void anAccuracyPredictedAboveOneSaysItCannotBe() throws Exception {
        Path fit = dir.resolve("arc.json");
        PlanCommandTest.Result r = PlanCommandTest.run("fit", "../examples/obsscaling/base_llm_benchmark_eval.csv",
                "--map", "x=FLOPs (1E21)", "--target", "ARC-C", "--law", "power", "--drop-missing", "--out",
                fit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(fit)).contains("\"target_range\"");
        PlanCommandTest.Result far = PlanCommandTest.run("predict", fit.toString(), "x=1e30");
        assertThat(far.code()).as(far.err()).isZero();
        assertThat(far.out()).contains("outside [0, 1]: ARC-C = 3.261 at x = 1e30, though every ARC-C fitted lies"
                + " between 0 and 1 (0.202218 to 0.714)");
        PlanCommandTest.Result near = PlanCommandTest.run("predict", fit.toString(), "x=1e24");
        assertThat(near.out()).doesNotContain("outside [0, 1]");
    }
}
