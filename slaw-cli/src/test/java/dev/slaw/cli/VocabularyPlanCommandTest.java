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

/** {@code slaw plan --non-vocabulary-parameters N --embedding-dim d}: Tao et al. 2024 (reference s.6). */
class VocabularyPlanCommandTest {
    static final String[] PUBLISHED = {"--law", "vocabulary", "--set", "E=5.5327846803337435",
            "--set", "A1=1.8313851559554126", "--set", "A2=0.19584238398665638", "--set", "B=2.1241123120064955",
            "--set", "alpha2=0.6707374679896795", "--set", "beta=0.44660634152009615"};

    @TempDir
    Path dir;

    private static String[] plan(String... more) {
        List<String> a = new ArrayList<>(List.of("plan"));
        a.addAll(List.of(PUBLISHED));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void llama2SeventyBillionInTextAndJson() throws IOException {
        PlanCommandTest.Result r = run(plan("--compute", "7.052e23", "--non-vocabulary-parameters", "7e10",
                "--embedding-dim", "8192"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("vocabulary size V    217958");
        r = run(plan("--compute", "7.052e23", "--non-vocabulary-parameters", "7e10", "--embedding-dim", "8192", "--json"));
        JsonNode v = new ObjectMapper().readTree(r.out()).get("vocabulary").get(0);
        assertThat(v.get("vocabulary_size").asDouble()).isCloseTo(217_958, within(5.0));
        assertThat(v.get("warnings")).isEmpty();
    }

    /** A fit of the law on synthetic runs from the published constants plans close to the constants' own answer. */
    @Test
    void aFitFilePlansToo() throws IOException {
        Path data = syntheticRuns(dir);
        Path fit = dir.resolve("fit.json");
        PlanCommandTest.Result f = run("fit", data.toString(), "--law", "vocabulary", "--target", "Lu", "--out",
                fit.toString());
        assertThat(f.code()).as(f.err()).isZero();
        PlanCommandTest.Result r = run("plan", fit.toString(), "--compute", "7.052e23", "--non-vocabulary-parameters",
                "7e10", "--embedding-dim", "8192", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        double v = new ObjectMapper().readTree(r.out()).get("vocabulary").get(0).get("vocabulary_size").asDouble();
        assertThat(v).isCloseTo(217_958, within(217_958 * 0.01));
    }

    @Test
    void incompleteOrWrongRequestsExitTwoWithOneLine() {
        PlanCommandTest.Result r = run(plan("--compute", "1e22", "--non-vocabulary-parameters", "1e9"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--embedding-dim");
        r = run(plan("--non-vocabulary-parameters", "1e9", "--embedding-dim", "2048"));
        assertThat(r.code()).isEqualTo(2);
        r = run("plan", "--law", "chinchilla", "--set", "E=1.8", "--set", "A=400", "--set", "B=400", "--set",
                "alpha=0.3", "--set", "beta=0.3", "--compute", "1e22", "--non-vocabulary-parameters", "1e9",
                "--embedding-dim", "2048");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Nnv");
        assertThat(r.out()).isEmpty();
    }

    /** Runs whose unigram loss follows the published constants exactly: 6 models x 6 vocabularies x 4 budgets. */
    static Path syntheticRuns(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Nnv,Nv,D,Lu\n");
        double[][] models = {{33e6, 512}, {85e6, 768}, {300e6, 1024}, {600e6, 1536}, {1.1e9, 2048}, {2.8e9, 3200}};
        for (double[] m : models) {
            for (double v : new double[]{4096, 8192, 16384, 32768, 65536, 98304}) {
                for (double d : new double[]{1e9, 4e9, 16e9, 64e9}) {
                    double lu = -5.5327846803337435 + 1.8313851559554126 / Math.pow(m[0] / 1e6, 0.44660634152009615)
                            + 0.19584238398665638 / Math.pow(v * m[1] / 1e6, 0.6707374679896795)
                            + 2.1241123120064955 / Math.pow(d / 1e9, 0.44660634152009615);
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.9f%n", m[0], v * m[1], d, lu));
                }
            }
        }
        return Files.writeString(dir.resolve("vocab.csv"), csv);
    }
}
