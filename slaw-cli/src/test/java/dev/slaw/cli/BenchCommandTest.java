package dev.slaw.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw bench}: the law-search benchmark, and bad options as one line with exit code 2. */
class BenchCommandTest {
    private static final String CHINCHILLA = "../examples/chinchilla-epoch/svg_extracted_data.csv";

    /** {@code slaw bench ARGS}, run in-process ({@link PlanCommandTest#run}). */
    private static PlanCommandTest.Result run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return PlanCommandTest.run(all);
    }

    /** Five candidates, cycled from the grammar's over N and D: each is fitted and scored. */
    @Test
    void theSearchBenchmarkFitsAndScoresEveryCandidate() {
        PlanCommandTest.Result r = run("discover", "--data", CHINCHILLA, "--warmup", "0", "--candidates", "5", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("discover: 5 candidates (the grammar's 71 over N and D within 8 parameters, cycled),"
                + " 240 rows, rollout along N on 3 rungs, 1 threads").contains("  5 scored; ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--candidates=0", "--repeat=0", "--warmup=-1", "--candidates=x"})
    void aBadCountIsOneLineAndExitsTwo(String option) {
        PlanCommandTest.Result r = run("discover", "--data", CHINCHILLA, option);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("slaw bench: ").doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void anUnknownBenchmarkNamesTheKnownOnes() {
        PlanCommandTest.Result r = run("nonesuch");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown benchmark 'nonesuch'").contains("discover");
    }
}
