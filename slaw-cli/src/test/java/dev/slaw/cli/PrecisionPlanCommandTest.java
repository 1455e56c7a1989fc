package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.cli.PlanCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code slaw plan --law precision --compute C}: Kumar et al. 2024 (reference s.15). */
class PrecisionPlanCommandTest {
    /** Table 2's constants with gamma the mean of the three parts' (eq. 5 as printed). */
    static final String[] TABLE_2 = {"--law", "precision", "--set", "A=4299", "--set", "alpha=0.4965", "--set",
            "B=18060", "--set", "beta=0.4965", "--set", "E=2.7648", "--set", "gamma=1.9475"};

    @TempDir
    Path dir;

    private static String[] plan(String... more) {
        List<String> a = new ArrayList<>(List.of("plan"));
        a.addAll(List.of(TABLE_2));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** P* = gamma x with e^x = 1 + 3x at every budget, and the warning below 4 bits. */
    @Test
    void theSamePrecisionAtEveryBudgetInTextAndJson() throws IOException {
        PlanCommandTest.Result r = run(plan("--compute", "1e19,1e21"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("precision P          3.71 bits").contains("warning: P = 3.71 bits is below 4");
        r = run(plan("--compute", "1e19,1e21", "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode plans = new ObjectMapper().readTree(r.out()).get("precision");
        assertThat(plans).hasSize(2);
        for (JsonNode p : plans) {
            assertThat(p.get("precision_bits").asDouble()).isCloseTo(3.7077, within(1e-3));
            assertThat(p.get("loss").asDouble()).isLessThan(p.get("loss_at_16_bits").asDouble());
        }
    }

    /** A fit of the law to runs in N, D and bits plans through the same command, against its own ranges. */
    @Test
    void aFitFilePlansToo() throws IOException {
        StringBuilder csv = new StringBuilder("params,tokens,bits,loss\n");
        for (double n : new double[]{30e6, 60e6, 110e6, 220e6}) {
            for (double d : new double[]{1.5e9, 3e9, 6e9, 13e9, 26e9}) {
                for (double p : new double[]{3, 4, 6, 8, 12, 16}) {
                    double loss = 4299 * Math.pow(n * Math.pow(1 - Math.exp(-p / 1.9475), 3), -0.4965)
                            + 18060 * Math.pow(d, -0.4965) + 2.7648;
                    csv.append(String.format(Locale.ROOT, "%g,%g,%g,%.8f%n", n, d, p, loss));
                }
            }
        }
        Path data = Files.writeString(dir.resolve("runs.csv"), csv.toString());
        Path fit = dir.resolve("fit.json");
        PlanCommandTest.Result f = run("fit", data.toString(), "--law", "precision", "--map", "N=params", "--map",
                "D=tokens", "--map", "P=bits", "--target", "loss", "--out", fit.toString());
        assertThat(f.code()).as(f.err()).isZero();
        PlanCommandTest.Result r = run("plan", fit.toString(), "--compute", "1e21", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(r.out()).get("precision").get(0);
        assertThat(p.get("precision_bits").asDouble()).isCloseTo(3.7077, within(0.05));
        assertThat(p.get("warnings").toString()).contains("[ranges of the fitted data]");
    }

    @Test
    void wrongRequestsExitTwoWithOneLine() {
        PlanCommandTest.Result r = run(plan());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--compute");
        r = run(plan("--compute", "1e21", "--target-loss", "3"));
        assertThat(r.code()).isEqualTo(2);
        r = run(plan("--compute", "1e21", "--flops", "6*N*D*P"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("(6/16)*N*D*P");
        r = run("plan", "--law", "precision", "--set", "A=4299", "--compute", "1e21");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no value for parameter");
        assertThat(r.out()).isEmpty();
    }
}
