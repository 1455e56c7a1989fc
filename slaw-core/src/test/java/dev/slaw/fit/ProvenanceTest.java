package dev.slaw.fit;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.optim.StoppingRule;
import dev.slaw.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Provenance is derived from the options: every option is recorded, as the fit used it. */
class ProvenanceTest {

    @Test
    void aCurveFitsFingerprintCoversItsRunLabels() {
        // the same steps and losses assigned to other runs are other data: the schedules differ
        Law law = MultiPowerLaw.of(Map.of("cosine_24000", Schedule.fromMultipowerName("cosine_24000"),
                "constant_24000", Schedule.fromMultipowerName("constant_24000")));
        List<String> used = Provenance.columnsUsed(law, CurveLaw.LOSS, FitOptions.defaults().objective());
        assertThat(used).contains(CurveLaw.RUN);
        Dataset rows = Dataset.of("runs", Map.of(CurveLaw.STEP, new double[] {100, 100},
                CurveLaw.LOSS, new double[] {3.5, 3.6}));
        Dataset one = rows.withLabel(CurveLaw.RUN, new String[] {"cosine_24000", "constant_24000"});
        Dataset swapped = rows.withLabel(CurveLaw.RUN, new String[] {"constant_24000", "cosine_24000"});
        assertThat(one.fingerprint(used)).isNotEqualTo(swapped.fingerprint(used))
                .isEqualTo(one.fingerprint(used));
    }

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
