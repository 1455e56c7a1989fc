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

import static dev.slaw.cli.PlanCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code slaw plan FIT --filtering-bucket FIT2 ... --bucket-size U --samples N}: Goyal et al.'s
 * choice of filtered pool from data-filtering fits of each bucket (examples/data-filtering/: their
 * published T-MARS constants with 0.3% noise).
 */
class DataFilteringPlanCommandTest {
    private static final List<String> BUCKETS = List.of("top0-10", "top10-20", "top20-30", "top30-40");

    @TempDir
    Path dir;

    /** The fits put the switch from the top 10% to the top 20% where the constants do: between 64M and 128M samples. */
    @Test
    void fitsOfTheFourBucketsChooseThePoolTheConstantsChoose() throws IOException {
        List<String> args = fits();
        args.addAll(List.of("--bucket-size", "12.8M", "--samples", "32M,64M,128M,640M", "--json"));
        PlanCommandTest.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.get("buckets").get(0).get("name").asText()).isEqualTo("top0-10");
        int[] best = new int[4];
        for (int i = 0; i < 4; i++) {
            best[i] = plan.get("rows").get(i).get("best_buckets").asInt();
        }
        assertThat(best).containsExactly(1, 1, 2, 2);
        // the constants' 0.6145 (DataFilteringPoolsTest), from fits of noisy data
        assertThat(plan.get("rows").get(3).get("errors").get(1).asDouble()).isCloseTo(0.6145, within(0.005));
        assertThat(plan.get("fit_warnings").get(0).asText()).startsWith("extrapolated: 6.4e8 samples");
    }

    @Test
    void incompleteMixedOrUnsharedRequestsExitTwoWithOneLineAndNoOutput() throws IOException {
        List<String> fits = fits();
        PlanCommandTest.Result r = run("plan", fits.get(1), "--samples", "1M");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--bucket-size U").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();

        r = run("plan", fits.get(1), "--bucket-size", "1M", "--samples", "1M", "--compute", "1e20");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("takes fit files");

        r = run("plan", fits.get(1), "--bucket-size", "1M", "--samples", "-1M");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--samples: '-1M' is not a positive number of samples");
        assertThat(r.out()).isEmpty();

        Path other = dir.resolve("free.json");
        assertThat(run("fit", example("top10-20"), "--law", "data-filtering", "--map", "n=samples_seen", "--map",
                "U=pool_size", "--target", "imagenet_error", "--out", other.toString()).code()).isZero();
        r = run("plan", fits.get(1), "--filtering-bucket", other.toString(), "--bucket-size", "12.8M", "--samples", "1M");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the buckets must share a and d").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    /** {@code plan FIT --filtering-bucket FIT2 ...} over the four buckets' fits, a and d fixed at the authors' values. */
    private List<String> fits() throws IOException {
        List<String> args = new ArrayList<>(List.of("plan"));
        for (String b : BUCKETS) {
            Path fit = dir.resolve(b + ".json");
            if (!Files.exists(fit)) {
                PlanCommandTest.Result r = run("fit", example(b), "--law", "data-filtering", "--map", "n=samples_seen",
                        "--map", "U=pool_size", "--target", "imagenet_error", "--param", "a = 0.025", "--param", "d = 0.1",
                        "--out", fit.toString());
                assertThat(r.code()).as(r.err()).isZero();
            }
            if (args.size() > 1) {
                args.add("--filtering-bucket");
            }
            args.add(fit.toString());
        }
        return args;
    }

    private static String example(String bucket) {
        return Path.of("..", "examples", "data-filtering", bucket + ".csv").toString();
    }
}
