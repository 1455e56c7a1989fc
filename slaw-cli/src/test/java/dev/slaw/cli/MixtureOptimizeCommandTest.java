package dev.slaw.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MixtureOptimizeCommandTest {
    private static final String DATA = "../examples/mixtures/three-sources.csv";
    private static final String WEB = "web_loss = c + k*exp(t_web*web + t_code*code + t_books*books)";
    private static final String CODE = "code_loss = c + k*exp(t_web*web + t_code*code + t_books*books)";

    @TempDir
    static Path dir;
    static Path web;
    static Path code;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void fitBothDomains() {
        web = dir.resolve("web.json");
        code = dir.resolve("code.json");
        assertThat(run("fit", DATA, "--law", WEB, "--param", "t_books = 0", "--out", web.toString()).exit()).isZero();
        assertThat(run("fit", DATA, "--law", CODE, "--param", "t_books = 0", "--out", code.toString()).exit()).isZero();
    }

    @Test
    void theMeanOfTwoDomainsHasAnInteriorOptimumOnAnEdgeAndSaysItExtrapolates() {
        Run r = run("mixture", "optimize", web.toString(), code.toString(), "--proportions", "web,code,books",
                "--data", DATA);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[[Proportions]]", "0.5 * web.json (web_loss) + 0.5 * code.json (code_loss)",
                "books 0 lies outside its training range");
    }

    @Test
    void boundsAndAvailabilityAreHonoured() {
        Run r = run("mixture", "optimize", web.toString(), code.toString(), "--proportions", "web,code,books",
                "--bounds", "books=[0.1,0.3]", "--available", "code=30B", "--tokens", "100B", "--epochs", "1", "--csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("code,0.3000,0.0000,0.3000", "books,0.1000,0.1000,0.3000");
    }

    @Test
    void aCapAndATradeoffAndJson() {
        Run capped = run("mixture", "optimize", code.toString(), "--proportions", "web,code,books",
                "--subject-to", web + "<=2.5", "--json");
        assertThat(capped.exit()).as(capped.err()).isZero();
        assertThat(capped.out()).startsWith("{").contains("\"constraint_value\" : 2.5");
        Run front = run("mixture", "optimize", code.toString(), "--proportions", "web,code,books",
                "--tradeoff", web.toString(), "--points", "4", "--csv");
        assertThat(front.exit()).as(front.err()).isZero();
        assertThat(front.out().lines().count()).isEqualTo(5);
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing(@TempDir Path out) {
        Path plot = out.resolve("p.svg");
        String[][] cases = {
                {"mixture", "optimize", web.toString(), "--proportions", "web,code,news", "--plot", plot.toString()},
                {"mixture", "optimize", web.toString(), "--proportions", "web,code,books", "--bounds", "web=[0.6,1]",
                        "--bounds", "code=[0.6,1]", "--plot", plot.toString()},
                {"mixture", "optimize", code.toString(), "--proportions", "web,code,books", "--subject-to",
                        web + "<=1.0", "--plot", plot.toString()},
                {"mixture", "optimize", web.toString(), "--proportions", "web,code", "--plot", plot.toString()},
        };
        String[] messages = {"proportion news is not a variable", "lower bounds sum to 1.2", "cannot be met",
                "also reads books"};
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(messages[i]);
            assertThat(Files.exists(plot)).isFalse();
        }
    }

    @Test
    void picturesForTwoAndThreeSources(@TempDir Path out) {
        Path ternary = out.resolve("ternary.svg");
        Run r = run("mixture", "optimize", web.toString(), code.toString(), "--proportions", "web,code,books",
                "--plot", ternary.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(ternary).exists();
        Path front = out.resolve("front.png");
        Run t = run("mixture", "optimize", code.toString(), "--proportions", "web,code,books", "--tradeoff",
                web.toString(), "--points", "3", "--plot", front.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(front).exists();
    }
}
