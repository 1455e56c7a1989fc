package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

/** Parallel streams against parameters with the parscale law (Chen et al. 2025). */
class ParallelStreamsTest {
    private static final Law PARSCALE = Catalogue.builtIn().find("parscale").orElseThrow();
    /** Near the authors' Stack-V2-Python runs fitted with the defaults. */
    private static final Map<String, Double> STACK = Map.of("E", 0.6912, "A", 0.011307, "alpha", 0.1894, "k", 0.3935);

    @Test
    void theSingleStreamEquivalentIsTheLawsOwnNTimesOnePlusKLnP() {
        ParallelStreamsPlan plan = ParallelStreams.of(PARSCALE, STACK).at(2.8e9, List.of(1.0, 2.0, 4.0, 8.0));
        for (ParallelStreamsPlan.Row r : plan.rows()) {
            assertThat(r.equivalentParameters()).isCloseTo(2.8e9 * (1 + 0.3935 * Math.log(r.streams())),
                    withPercentage(1e-6));
            assertThat(r.forwardFlopsPerToken()).isEqualTo(2 * 2.8e9 * r.streams());
        }
        assertThat(plan.rows().get(2).loss()).isCloseTo(1.0155, within(3e-4)); // the constants are rounded
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aTargetLossGivesTheParametersEachNumberOfStreamsNeeds() {
        ParallelStreams planner = ParallelStreams.of(PARSCALE, STACK);
        ParallelStreamsPlan plan = planner.forTargetLoss(1.0, List.of(1.0, 8.0));
        double single = plan.rows().get(0).parameterCount();
        assertThat(planner.loss(single, 1)).isCloseTo(1.0, within(1e-12));
        // the same loss: N (1 + k ln 8) at P = 8 is the single-stream N
        assertThat(plan.rows().get(1).parameterCount() * (1 + 0.3935 * Math.log(8))).isCloseTo(single,
                withPercentage(1e-6));
        assertThat(plan.rows().get(1).equivalentParameters()).isEqualTo(single);
    }

    @Test
    void aTargetBelowTheFloorIsReportedNotInvented() {
        ParallelStreamsPlan plan = ParallelStreams.of(PARSCALE, STACK).forTargetLoss(0.6, List.of(1.0, 4.0));
        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.parameterCount()).isNaN());
        assertThat(plan.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("reaches loss 0.6"));
    }

    @Test
    void badInputIsRefused() {
        ParallelStreams planner = ParallelStreams.of(PARSCALE, STACK);
        assertThatThrownBy(() -> planner.at(2.8e9, List.of(0.5))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("whole number of at least 1");
        assertThatThrownBy(() -> planner.at(-1, List.of(1.0))).isInstanceOf(BadInputException.class);
        Law chinchilla = Catalogue.builtIn().find("chinchilla").orElseThrow();
        assertThatThrownBy(() -> ParallelStreams.of(chinchilla, Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("needs a law in N");
        Law own = FormulaLaw.fromFormula("E + A * (N * P^g)^-a", List.of("N", "P", "y"));
        assertThatThrownBy(() -> ParallelStreams.of(own, Map.of("E", 1.0))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no value for parameter");
    }
}
