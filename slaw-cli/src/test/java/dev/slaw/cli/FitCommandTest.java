package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fit and predict commands end to end, on real files, with their exit codes. */
class FitCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();

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

    @Test
    void fitsChinchillaSavesTheFitAndPredictsFromIt() {
        Path fit = dir.resolve("fit.json");
        Result r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--starts", "chinchilla", "--out", fit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("objective:        0.00101827", "4500 (chinchilla grid", "rows:             240",
                "dropped 5 of 245 rows");
        assertThat(fit).exists();
        Result p = run("predict", fit.toString(), "N=70e9", "D=1.4e12");
        assertThat(p.code()).as(p.err()).isZero();
        // Chinchilla (70B, 1.4T) under the Epoch fit: 1.8172 + 477.8/70e9^0.3473 + 2143/1.4e12^0.3672
        assertThat(p.out()).contains("1.9733");
        Result j = run("predict", fit.toString(), "N=70B", "D=1.4T", "--json");
        assertThat(j.out()).contains("\"loss\" : 1.9733");
    }

    @Test
    void printsTheFitAsJson() {
        Result r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--starts", "lhs:20:3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"slaw_fit\" : 1", "\"sha256\"", "\"seed\" : 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown law|--law=nosuch|unknown law 'nosuch'",
            "formula syntax|--law=E + A*N^|position",
            "missing column|--law=chinchilla|no column \"D\"",
            "contradictory bounds|--law=E + A*N^-alpha|contradictory bounds",
    })
    void badInputGivesOneLineAndExitCodeTwo(String what, String lawOption, String message) {
        Path out = dir.resolve("never.json");
        String[] extra = what.equals("contradictory bounds") ? new String[]{"--param", "alpha in [3, 1]"} : new String[0];
        String[] base = {"fit", CHINCHILLA, lawOption, "--map", "N=Model Size", "--target", "loss", "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Result r = run(args);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void badCellsNameTheFileRowAndColumn() throws IOException {
        Path csv = dir.resolve("runs.csv");
        Files.writeString(csv, "N,loss\n1e8,3.1\n2e8,12 parrots\n4e8,2.8\n");
        Result r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("runs.csv").contains("row").contains("loss");

        Files.writeString(csv, "N,loss\n1e8,3.1\n2e8,-1\n4e8,2.8\n8e8,2.7\n");
        r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("row 3").contains("not positive");

        Files.writeString(csv, "N,loss\n1e8,3.1\n2e8,2.9\n");
        r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("need at least 3 rows");

        Files.writeString(csv, "N,loss\n1e8,3.1\n2e8,NaN\n4e8,2.8\n8e8,2.7\n1.6e9,2.6\n");
        r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("row 3, column \"loss\": missing value");
        r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss", "--drop-missing");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dropped 1 of 5 rows");

        Files.writeString(csv, "N,loss\n1e8,3.1\n2e8,inf\n4e8,2.8\n8e8,2.7\n");
        r = run("fit", csv.toString(), "--law", "power-offset", "--map", "x=N", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("row 3, column \"loss\"").contains("not a finite number");

        r = run("fit", dir.resolve("missing.csv").toString(), "--law", "power", "--target", "loss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing.csv");
    }

    @Test
    void predictNamesMissingVariablesAndBadFitFiles() throws IOException {
        Path bogus = dir.resolve("bogus.json");
        Files.writeString(bogus, "{\"hello\": 1}");
        Result r = run("predict", bogus.toString(), "N=1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a slaw fit");
    }

    @Test
    void lawsListsTheCatalogueAndShowsOne() {
        Result r = run("laws");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("chinchilla", "bnsl-2", "data-constrained", "error-exp");
        r = run("laws", "chinchilla");
        assertThat(r.out()).contains("alpha in [0, 3]", "E > 0", "(4500 starts)", "Hoffmann");
    }
}
