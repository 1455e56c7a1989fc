package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A decision drawn from a doubtful fit (plan, predict) says the fit's doubts where it is read. */
class FitWarningsCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();
    /** What two starts leave of the Chinchilla fit: a Hessian that is not positive definite. */
    private static final String DOUBT = "no standard errors: Hessian not positive definite";

    @TempDir
    static Path dir;

    static Path doubtful;
    static Path sound;

    @BeforeAll
    static void fits() {
        doubtful = dir.resolve("doubtful.json");
        FitCommandTest.Result r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--starts", "lhs:2", "--out", doubtful.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(DOUBT);
        sound = dir.resolve("sound.json");
        r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)",
                "--target", "loss", "--drop-highest", "loss=5", "--starts", "chinchilla", "--out", sound.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("[[Warnings]]");
    }

    @Test
    void planShowsTheFitsWarningsUnderThePlan() throws Exception {
        FitCommandTest.Result text = run("plan", doubtful.toString(), "--compute", "1e22");
        assertThat(text.code()).as(text.err()).isZero();
        String out = text.out();
        assertThat(out.indexOf("fit warnings:")).isGreaterThan(out.indexOf("predicted loss"));
        assertThat(out).contains("  " + DOUBT, "  r-squared is");

        FitCommandTest.Result json = run("plan", doubtful.toString(), "--compute", "1e22", "--json");
        JsonNode warnings = new ObjectMapper().readTree(json.out()).get("fit_warnings");
        assertThat(warnings.size()).isEqualTo(2);
        assertThat(warnings.get(0).asText()).startsWith(DOUBT);

        // a CSV table has no place for them: standard error says them, the table stays clean
        FitCommandTest.Result csv = run("plan", doubtful.toString(), "--compute", "1e22", "--csv");
        assertThat(csv.out()).doesNotContain("warning");
        assertThat(csv.err()).contains("slaw plan: warning: " + DOUBT);
    }

    @Test
    void planFromASoundFitOrALawSaysNothingMore() throws Exception {
        FitCommandTest.Result text = run("plan", sound.toString(), "--compute", "1e22");
        assertThat(text.out()).doesNotContain("fit warnings");
        FitCommandTest.Result json = run("plan", sound.toString(), "--compute", "1e22", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).get("fit_warnings").size()).isZero();
        FitCommandTest.Result law = run(PlanCommandTest.epoch("--compute", "5.88e23"));
        assertThat(law.out()).doesNotContain("fit warnings");
    }

    @Test
    void predictShowsTheFitsWarningsUnderThePredictions() {
        FitCommandTest.Result text = run("predict", doubtful.toString(), "N=70e9", "D=1.4e12");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("fit warnings:\n  " + DOUBT);
        // the JSON is an array of points: the warnings go to standard error, the array stays as it was
        FitCommandTest.Result json = run("predict", doubtful.toString(), "N=70e9", "D=1.4e12", "--json");
        assertThat(json.out()).startsWith("[").doesNotContain("warning");
        assertThat(json.err()).contains("slaw predict: warning: " + DOUBT);
        FitCommandTest.Result clean = run("predict", sound.toString(), "N=70e9", "D=1.4e12");
        assertThat(clean.out()).doesNotContain("fit warnings");
        assertThat(clean.err()).isEmpty();
    }
}
