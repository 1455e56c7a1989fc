package dev.slaw.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code slaw plan --moe granularity|experts}: the published plans, their warnings, and bad input. */
class MoePlanCommandTest {

    private static PlanCommandTest.Result run(String... args) {
        return PlanCommandTest.run(args);
    }

    @Test
    void granularityPlanGivesTable2sFirstRow() {
        PlanCommandTest.Result r = run("plan", "--moe", "granularity", "--compute", "2.95e18");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("granularity G        8").contains("tokens D             4.275e+09")
                .contains("outside the fitted range");
    }

    @Test
    void expertPlanUnderAMemoryBudgetSaysWhenTheCountsAreNotResolved() {
        PlanCommandTest.Result r = run("plan", "--moe", "experts", "--compute", "1e21", "--total-parameters", "3e9");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("experts E            4").contains("(memory-bound)")
                .contains("the law does not tell them apart");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertThat(run("plan", "--moe", "routing", "--compute", "1e21").code()).isEqualTo(2);
        assertThat(run("plan", "--moe", "granularity").code()).isEqualTo(2);
        assertThat(run("plan", "--moe", "granularity", "--compute", "1e21", "--total-parameters", "1e9").code())
                .isEqualTo(2);
        assertThat(run("plan", "--moe", "experts", "--compute", "1e21", "--experts", "0.5").code()).isEqualTo(2);
        // 1e5 parameters hold the embeddings of a model narrower than one block: no plan, not a d_model of 1
        assertThat(run("plan", "--moe", "experts", "--compute", "1e20", "--total-parameters", "1e5").code())
                .isEqualTo(2);
    }
}
