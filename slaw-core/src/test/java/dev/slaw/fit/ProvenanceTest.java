package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.optim.StoppingRule;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Provenance is derived from the options: every option is recorded, as the fit used it. */
class ProvenanceTest {

    @Test
    void everyOptionOfAFitIsAChoiceNamedAfterItsField() {
        // an option added to FitOptions or Objective without a choice fails here
        List<String> expected = new ArrayList<>();
        for (RecordComponent c : Objective.class.getRecordComponents()) {
            expected.add(snakeCase(c.getName()));
        }
        for (RecordComponent c : FitOptions.class.getRecordComponents()) {
            // the objective is recorded field by field above; notes are the provenance's own notes;
            // screening is recorded by the fits it applied to (ScreeningTest), so that others keep their record
            if (!c.getName().equals("objective") && !c.getName().equals("notes") && !c.getName().equals("screening")) {
                expected.add(snakeCase(c.getName()));
            }
        }
        assertThat(Provenance.choices(FitOptions.defaults()).keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFitRecordsTheTolerancesAndStoppingRuleItRanWith() {
        Dataset data = ChinchillaData.load();
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        FitOptions options = FitOptions.defaults().withStoppingRule(StoppingRule.SCIPY).withTolerances(1e-10, 3e-6)
                .withStarts(Starts.latinHypercube(8, 42)).withSeed(42).withThreads(1);
        Fit fit = Fitter.fit(law, data, "loss", options);
        assertThat(fit.provenance().choices())
                .containsEntry("function_tolerance", 1e-10)
                .containsEntry("gradient_tolerance", 3e-6)
                .containsEntry("stopping_rule", "scipy")
                .containsEntry("seed", 42L)
                .containsEntry("loss", "huber")
                .containsEntry("delta", 1e-3)
                .containsEntry("starts", options.starts().describe());
        assertThat(fit.provenance().columns()).containsExactly("N", "D", "loss");
        assertThat(fit.provenance().fingerprint()).isEqualTo(data.fingerprint(List.of("N", "D", "loss")));
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
