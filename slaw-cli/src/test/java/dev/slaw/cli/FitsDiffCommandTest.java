package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw fits diff}: what differs between two fits saved by {@code slaw fit --out}. */
class FitsDiffCommandTest {
    private static final String OLMO = Path.of("..", "examples", "olmo-ladder", "step1_mmlu_c4.csv").toString();

    @TempDir
    Path dir;

    private Path fit(String name, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("fit", OLMO, "--law", "chinchilla", "--target", "mmlu_bpb",
                "--starts", "lhs:40:1", "--out", out.toString()));
        args.addAll(List.of(extra));
        FitCommandTest.Result r = run(args.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    @Test
    void listsTheChoicesAndValuesThatDifferAndNothingElse() throws Exception {
        Path relative = fit("relative.json");
        Path scipy = fit("scipy.json", "--stop", "scipy", "--ftol", "1e-12");
        FitCommandTest.Result r = run("fits", "diff", relative.toString(), scipy.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains(relative.toString(), scipy.toString());
        assertThat(r.out()).containsPattern("stopping_rule +relative +scipy")
                .containsPattern("function_tolerance +2\\.22045e-9 +1e-12")
                .containsPattern("gradient_tolerance +0\\.01 +1e-5")
                .contains("parameter alpha")
                // the same data, law and starts: not listed
                .doesNotContain("sha256", "formula", "starts ", "seed");

        JsonNode json = new ObjectMapper().readTree(run("fits", "diff", relative.toString(), scipy.toString(), "--json")
                .out());
        JsonNode first = json.get("differences").get(0);
        assertThat(first.get("name").asText()).isEqualTo("stopping_rule");
        JsonNode ftol = json.get("differences").get(1);
        assertThat(ftol.get("name").asText()).isEqualTo("function_tolerance");
        assertThat(ftol.get("b").isNumber()).isTrue();
        assertThat(ftol.get("b").asDouble()).isEqualTo(1e-12);
    }

    @Test
    void twoFitsOfTheSameProtocolAgreeAndOtherDataShowsInTheFingerprint() throws Exception {
        Path a = fit("a.json");
        Path b = fit("b.json", "--threads", "1");
        FitCommandTest.Result same = run("fits", "diff", a.toString(), b.toString());
        assertThat(same.code()).isZero();
        // the thread count is a choice, and the only difference: the fit does not depend on it
        assertThat(same.out().lines().skip(2).toList()).singleElement().asString().startsWith("threads");

        Path fewer = fit("fewer.json", "--where", "N > 2e8");
        FitCommandTest.Result other = run("fits", "diff", a.toString(), fewer.toString());
        assertThat(other.code()).isZero();
        assertThat(other.out()).contains("sha256", "notes");
    }

    @Test
    void aFitSavedBeforeChoicesWereRecordedIsComparedByItsDescriptions() {
        Path old = Path.of("..", "slaw-io", "src", "test", "resources", "dev", "slaw", "io", "fit",
                "fit-before-choices.json");
        FitCommandTest.Result r = run("fits", "diff", fit("now.json").toString(), old.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("starts", "Latin hypercube of 40 points").doesNotContain("stopping_rule");
    }

    @Test
    void aFileThatIsNotAFitIsOneLineAndExitCode2() throws Exception {
        Path a = fit("a.json");
        Path notFit = Files.writeString(dir.resolve("not-a-fit.json"), "{\"rows\": 3}");
        FitCommandTest.Result r = run("fits", "diff", a.toString(), notFit.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("slaw fits diff: " + notFit + ": not a slaw fit (no \"slaw_fit\" field)");
        assertThat(r.out()).isEmpty();
        FitCommandTest.Result missing = run("fits", "diff", a.toString(), dir.resolve("missing.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines().count()).isEqualTo(1);
    }
}
