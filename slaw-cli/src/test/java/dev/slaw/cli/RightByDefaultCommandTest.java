package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * slaw fit with nothing but --law, --map and --target: warnings reach standard error, the
 * report and the JSON; --strict turns them into a failure that writes nothing; names that
 * cannot mean what the user meant are errors; the stopping rule is recorded.
 */
class RightByDefaultCommandTest {
    private static final String OLMO = Path.of("..", "examples", "olmo-ladder", "step1_mmlu_c4.csv").toString();

    @TempDir
    Path dir;

    private Path table(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aLargeTableSaysItsStartsWereScreenedAndNoScreeningRunsEveryStartOnEveryRow() throws IOException {
        StringBuilder csv = new StringBuilder("N,loss\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 33_000; i++) {
            double n = Math.pow(10, 6 + 4 * random.nextDouble());
            csv.append(n).append(',').append((2 + 50 * Math.pow(n, -0.3)) * (1 + 0.01 * (random.nextDouble() - 0.5))).append('\n');
        }
        Path big = table("big.csv", csv.toString());
        FitCommandTest.Result screened = FitCommandTest.run("fit", big.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss", "--json");
        assertThat(screened.code()).isZero();
        assertThat(screened.out()).contains("starts screened on 2,048 of 33,000 rows", "\"starts_screened_on_rows\" : 2048");
        FitCommandTest.Result every = FitCommandTest.run("fit", big.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss", "--json", "--no-screening");
        assertThat(every.code()).isZero();
        assertThat(every.out()).doesNotContain("screened");
    }

    @Test
    void aFlatTargetEndsLoudOnStandardErrorInTheReportAndInTheJson() throws IOException {
        Path flat = table("flat.csv", "N,loss\n1e6,2.5\n1e7,2.5\n1e8,2.5\n1e9,2.5\n1e10,2.5\n");
        FitCommandTest.Result r = FitCommandTest.run("fit", flat.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss");
        String warning = "r-squared is undefined: the target does not vary (flat data), so there is no trend to fit";
        assertThat(r.err()).contains("slaw fit: warning: " + warning);
        assertThat(r.out()).contains("[[Warnings]]", warning);
        FitCommandTest.Result j = FitCommandTest.run("fit", flat.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss", "--json");
        assertThat(j.out()).contains("\"warnings\" : [", warning);
    }

    @Test
    void strictMakesAnyWarningExitOneAndWritesNothing() throws IOException {
        Path flat = table("flat.csv", "N,loss\n1e6,2.5\n1e7,2.5\n1e8,2.5\n1e9,2.5\n1e10,2.5\n");
        Path out = dir.resolve("fit.json");
        FitCommandTest.Result r = FitCommandTest.run("fit", flat.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss", "--strict", "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        // flat data: no trend, and nothing determines the parameters, so no standard errors either
        assertThat(r.err()).contains("warning: no standard errors: Hessian not positive definite",
                "warning: r-squared is undefined", "slaw fit: --strict: the fit has 2 warnings; nothing written");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aVariableTypedInTheWrongCaseIsAnErrorNamingTheColumn() throws IOException {
        Path runs = table("runs.csv", "N,loss\n1e6,3.1\n2e6,3.0\n4e6,2.9\n8e6,2.8\n1.6e7,2.75\n");
        FitCommandTest.Result r = FitCommandTest.run("fit", runs.toString(), "--law", "E + A*n^-alpha",
                "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("slaw fit: formula \"E + A*n^-alpha\": 'n' is not a column, but 'N' is "
                + "(names are case-sensitive): write N, or name the parameter otherwise");
    }

    @Test
    void aVariableColumnHoldingTextIsAnErrorNamingRowAndColumn() throws IOException {
        Path runs = table("runs.csv", "N,loss\n1e6,3.1\nabc,3.0\n4e6,2.9\n8e6,2.8\n1.6e7,2.75\n");
        FitCommandTest.Result r = FitCommandTest.run("fit", runs.toString(), "--law", "E + A*N^-alpha",
                "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("row 3, column \"N\": \"abc\" is not a number");
    }

    @Test
    void aLawUsingTheTargetOnItsRightHandSideIsAnError() throws IOException {
        Path runs = table("runs.csv", "N,loss\n1e6,3.1\n2e6,3.0\n4e6,2.9\n8e6,2.8\n1.6e7,2.75\n");
        FitCommandTest.Result r = FitCommandTest.run("fit", runs.toString(), "--law", "E + A*N^-alpha*loss",
                "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("reads the target column 'loss' on its right-hand side");
    }

    @Test
    void aPositiveParameterThatRunsTowardsZeroIsSaid() {
        // the OLMo ladder by nominal size (docs/data.md): E leaves the law, on a log scale it never reaches 0
        FitCommandTest.Result r = FitCommandTest.run("fit", Path.of("..", "examples", "olmo-ladder", "data", "ladder-runs").toString(),
                "--file-pattern", "{size}-{mult}xC.csv", "--map", "N=size", "--map", "D=throughput/total_tokens",
                "--map", "L=eval/c4_en-validation/CrossEntropyLoss", "--run", "size,mult", "--step", "_step",
                "--last-mean", "5", "--average", "L", "--law", "chinchilla");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("warning: E = [0-9.]+e-[0-9]+ has run to its bound 0 \\(it started at [0-9.]+\\): "
                + "the data push its term out of the law");
        // a sound fit does not say it
        FitCommandTest.Result sound = FitCommandTest.run("fit", OLMO, "--law", "chinchilla", "--target", "mmlu_bpb");
        assertThat(sound.err()).doesNotContain("has run to its bound");
    }

    @Test
    void theStoppingRuleIsRecordedAndScipysIsAChoice() {
        FitCommandTest.Result relative = FitCommandTest.run("fit", OLMO, "--law", "chinchilla", "--target", "mmlu_bpb");
        assertThat(relative.code()).as(relative.err()).isZero();
        assertThat(relative.out()).contains("optimizer:        lbfgsb (relative stop: ftol 2.22e-09, gtol 0.01 of |f|)");
        assertThat(relative.err()).doesNotContain("only one of", "never moved");
        FitCommandTest.Result scipy = FitCommandTest.run("fit", OLMO, "--law", "chinchilla", "--target", "mmlu_bpb",
                "--stop", "scipy");
        assertThat(scipy.out()).contains("optimizer:        lbfgsb (scipy stop: ftol 2.22e-09, gtol 1e-05)");
        assertThat(scipy.err()).contains("slaw fit: warning: only one of 4500 starts reached the best objective");
        FitCommandTest.Result bad = FitCommandTest.run("fit", OLMO, "--law", "chinchilla", "--target", "mmlu_bpb",
                "--stop", "loose");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--stop': expected relative or scipy, got 'loose'");
    }
}
