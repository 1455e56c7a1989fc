package dev.slaw.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw likelihood} on the Epoch data reproduces the replication's maximum-likelihood values. */
class LikelihoodCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void reproducesTheMaximumLikelihoodValuesOfTheReplication() {
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--drop-highest", "loss=5",
                "--start", "E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28", "--json");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // REFERENCE.md s.1: A = 482.01, B = 2085.43, E = 1.8169, alpha = 0.34781, beta = 0.36585
        assertThat(r[1]).contains("\"converged\" : true", "\"value\" : 482.0", "\"value\" : 2085.4",
                "\"value\" : 1.8168", "\"value\" : 0.34781", "\"value\" : 0.36585");
    }

    @Test
    void aMissingStartValueIsBadInput() {
        String[] r = run("likelihood", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--start", "E=1.69");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--start: no value for A");
    }
}
