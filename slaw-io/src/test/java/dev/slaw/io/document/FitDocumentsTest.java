package dev.slaw.io.document;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.GroupFitter;
import dev.slaw.fit.GroupedFit;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fit reports' sections, and a parameter's state as the reader sees it. */
class FitDocumentsTest {
    private static final Law POWER_OFFSET = Catalogue.builtIn().find("power-offset").orElseThrow();
    private static final String[] GROUPS = {"a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"};

    private static Dataset ladder() {
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = 1e6 * Math.pow(10, (i % 6) * 0.5);
            y[i] = (1.5 + (i < 6 ? 300 : 900) / Math.pow(x[i], 0.3)) * (1 + 0.01 * Math.sin(3.0 * i));
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x);
        cols.put("loss", y);
        return Dataset.of("ladder", cols);
    }

    @Test
    void aFixedParameterSaysSoAndTheOthersCarryStandardErrorsAndStarts() {
        List<Parameter> parameters = new ArrayList<>();
        for (Parameter p : POWER_OFFSET.parameters()) {
            parameters.add(p.name().equals("E") ? p.withFixed(1.5) : p);
        }
        Fit fit = Fitter.fit(POWER_OFFSET.withParameters(parameters), ladder().select(new int[]{0, 1, 2, 3, 4, 5}), "loss", FitOptions.defaults().withThreads(1));
        String text = FitDocuments.text(fit);
        assertThat(text).startsWith("[[Law]]\n    name:             power-offset\n")
                .contains("[[Fit statistics]]\n    rows:             6\n    free parameters:  2\n", "[[Starts]]\n",
                        "[[Provenance]]\n    data:             ladder\n")
                .containsPattern("\n    E:     1.5          \\(fixed\\)\n")
                .containsPattern("\n    alpha: [0-9.]+ +\\+/- [0-9.e-]+ \\([0-9.]+%\\) \\(init = [0-9.e+-]+\\)\n");
        assertThat(FitDocuments.json(fit).toString()).contains("\"slaw_fit\" : 1");
    }

    @Test
    void aJointFitShowsTheGroupsSideBySideAndTheSharedParameterOnce() {
        GroupedFit grouped = GroupFitter.fitShared(POWER_OFFSET, ladder(), "family", GROUPS, "loss",
                FitOptions.defaults().withThreads(1), List.of("alpha"));
        String text = FitDocuments.text(grouped);
        assertThat(text).contains("    groups:           2 by family, fitted jointly; shared: alpha\n",
                        "[[Parameters by group]]\n    family  ", "[[Joint fit]]\n    rows:             12\n",
                        "[[Groups]]\n    family=a: ")
                .containsPattern("\n    alpha \\(shared\\) +([0-9.]+ \\+/- [0-9.]+)  +\\1\n");
    }

    @Test
    void numbersKeepTheirSignificantDigitsAndGoScientificOutsideTheReadableRange() {
        assertThat(Formats.significant(406.40, 5)).isEqualTo("406.4");
        assertThat(Formats.significant(2.5e-5, 7)).isEqualTo("2.500000e-05");
        assertThat(Formats.significant(1.4e12, 5)).isEqualTo("1.4000e+12");
        assertThat(Formats.significant(0, 5)).isEqualTo("0.0");
        assertThat(Formats.significant(Double.NaN, 5)).isEqualTo("NaN");
    }
}
