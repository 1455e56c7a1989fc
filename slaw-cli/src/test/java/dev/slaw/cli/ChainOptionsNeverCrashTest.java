package dev.slaw.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code slaw chain} with any mix of its step, start and stop options, good and bad: it ends with
 * exit 0, 1 or 2, no exception on stderr, and prints nothing after a non-zero exit.
 */
class ChainOptionsNeverCrashTest {
    private static final String LADDER = "../examples/olmo-ladder/data/ladder-runs";

    @Provide
    Arbitrary<List<String>> optionSets() {
        Arbitrary<List<String>> stepOne = Arbitraries.of(List.of(), List.of("--step1", "chinchilla"),
                List.of("--step1", "compute"), List.of("--step1", "loss-to-loss:c4_en-validation"),
                List.of("--step1", "loss-to-loss"), List.of("--step1", "loss-to-loss:no-such-loss"),
                List.of("--step1", ""), List.of("--step1", "kaplan"));
        Arbitrary<List<String>> stepTwo = Arbitraries.of(List.of(), List.of("--step2", "sigmoid-link"),
                List.of("--step2", "error-exp"), List.of("--step2", "ERROR-EXP"), List.of("--step2", "logistic"));
        Arbitrary<List<String>> extra = Arbitraries.of(List.of(), List.of("--single-step"),
                List.of("--helper-point", "0,1"), List.of("--helper-point", "none"), List.of("--helper-point", "0;1"),
                List.of("--accuracy-param", "eps in [0, 1]"), List.of("--accuracy-param", "a in [-1, 0]"),
                List.of("--loss-param", "E >= 0"), List.of("--loss-param", "alpha >>= 1"));
        Arbitrary<List<String>> starts = Arbitraries.of(List.of(), List.of("--starts", "default"),
                List.of("--starts", "lhs:4"), List.of("--starts", "lhs:4:9"), List.of("--starts", "lhs:-3"),
                List.of("--starts", "chinchilla"), List.of("--starts", "somewhere"));
        Arbitrary<List<String>> stop = Arbitraries.of(List.of(), List.of("--stop", "relative"),
                List.of("--stop", "scipy"), List.of("--stop", "never"), List.of("--ftol", "1e-6"),
                List.of("--gtol", "-1"), List.of("--threads", "0"), List.of("--replicates", "3"),
                List.of("--replicates", "1"));
        return Combinators.combine(stepOne, stepTwo, extra, starts, stop).as((a, b, c, d, e) -> {
            List<String> all = new ArrayList<>();
            all.addAll(a);
            all.addAll(b);
            all.addAll(c);
            all.addAll(d);
            all.addAll(e);
            return all;
        });
    }

    @Property(tries = 25, seed = "20261207")
    void chainEndsCleanlyOnAnyOptions(@ForAll("optionSets") List<String> options) {
        List<String> args = new ArrayList<>(List.of("chain", LADDER, "--protocol", "bhagia-2024", "--tasks",
                "piqa_val_5shot", "--threads", "1"));
        args.addAll(options);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        String what = String.join(" ", options);
        assertThat(code).as(what + ": " + err).isIn(0, 1, 2);
        assertThat(err.toString()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        if (code != 0) {
            assertThat(out.toString()).as(what + " printed after failing").isEmpty();
            assertThat(err.toString().strip().lines().count()).as(what + ": one line").isEqualTo(1);
        }
    }
}
