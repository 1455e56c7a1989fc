package dev.slaw.io.fit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slaw.fit.Convergence;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.FitStatistics;
import dev.slaw.fit.FittedParameter;
import dev.slaw.fit.Objective;
import dev.slaw.fit.Provenance;
import dev.slaw.fit.StartSummary;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written fit JSON is byte for byte what Jackson writes for the same tree, and reads back. */
class FitJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static Fit fit(String note, double[][] covariance, List<String> warnings, double elapsed) {
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        List<FittedParameter> params = List.of(
                new FittedParameter("E", 1.8172189071014484, 0.027394110140446723, note,
                        FittedParameter.State.FREE, null, 0.0, Double.POSITIVE_INFINITY, 1.6487212707001282),
                new FittedParameter("A", 4.851651954097903E8, Double.NaN, "fixed", FittedParameter.State.FIXED,
                        null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN),
                new FittedParameter("alpha", 1e-300, 1.5e-7, "", FittedParameter.State.TIED, "beta * 2",
                        0.0, 3.0, 0.5),
                new FittedParameter("B", 2085.43, 1.5e3, "", FittedParameter.State.FREE, null, 0.0,
                        Double.POSITIVE_INFINITY, 1.6e6),
                new FittedParameter("beta", 0.3658, Double.NaN, "", FittedParameter.State.FIXED, null, 0.0, 3.0, 0.5));
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("converged_gradient", 1664);
        reasons.put("converged_function", 2836);
        return new Fit(law, "loss", params, covariance, "sandwich H^-1 B H^-1", 0.0010182740178453413,
                new Objective(Objective.huber().loss(), 0.001, false, 4.0, null),
                new Convergence(true, "projected gradient <= gtol 1.0E-5", 184, 254, 278259L),
                new StartSummary("chinchilla grid", 4500, 4500, 361, 0, 3331, reasons),
                new FitStatistics(240, 5, 0.0075496013234873606, 0.049, 0.0047, Double.NaN, -2335.4, -2318.0),
                new Provenance("data/\"quoted\" \\ path\u00e9.csv", "0373", List.of("N", "D", "loss"), List.of(),
                        "huber(delta=0.001), summed", "lbfgsb", "chinchilla grid", 7L, 2, "0.1.0", "17.0.15",
                        "2026-11-22T08:19:29.503903501Z", elapsed,
                        Provenance.choices(FitOptions.defaults().withThreads(2).withSeed(7)),
                        Map.of("N", new dev.slaw.fit.VariableRange(7.0e7, 1.6e10)),
                        new dev.slaw.fit.VariableRange(2.0, 3.9)),
                warnings);
    }

    @Test
    void writesWhatJacksonsPrettyPrinterWrites() throws Exception {
        List<Fit> fits = List.of(
                fit("", new double[][] {{7.5e-4, -4.5}, {Double.NaN, 35271.11512565448}}, List.of(), 1572.583265),
                fit("tab\there, newline\n, bell\u0007, nul\u0000, \u001f and \u2028", null,
                        List.of("one", "two \"quoted\""), Double.NaN),
                fit("x", new double[0][], List.of(""), Double.POSITIVE_INFINITY));
        for (Fit f : fits) {
            String written = FitJson.write(f);
            assertThat(written).isEqualTo(JACKSON.writeValueAsString(JACKSON.readTree(written)));
        }
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        Fit f = fit("", new double[][] {{1.0, 2.0}, {2.0, 5.0}}, List.of("w"), 12.5);
        Fit back = FitJson.read(FitJson.write(f), "test");
        // compared as trees: the stop reasons are an unordered map
        assertThat(JACKSON.readTree(FitJson.write(back))).isEqualTo(JACKSON.readTree(FitJson.write(f)));
    }

    @Test
    void readsBackEveryChoiceExactly() {
        Fit f = fit("", null, List.of(), 1.0);
        Provenance back = FitJson.read(FitJson.write(f), "test").provenance();
        assertThat(back.choices()).containsExactlyEntriesOf(f.provenance().choices());
        assertThat(back.choices()).containsEntry("function_tolerance", FitOptions.SCIPY_FUNCTION_TOLERANCE)
                .containsEntry("gradient_tolerance", FitOptions.RELATIVE_GRADIENT_TOLERANCE)
                .containsEntry("weight_column", null);
    }

    @Test
    void readsAFitSavedBeforeProvenanceRecordedItsChoices() throws Exception {
        // written by slaw fit --out before this change (see the file's provenance), kept as it was
        java.nio.file.Path old = java.nio.file.Path.of(getClass().getResource("fit-before-choices.json").toURI());
        Fit f = FitJson.load(old);
        assertThat(f.provenance().choices()).isEmpty();
        assertThat(f.provenance().targetRange()).isNull();
        assertThat(f.provenance().objective()).isEqualTo("huber(delta=0.001), summed");
    }

    @Test
    void readsParametersByNameWhateverTheirOrderInTheFile() throws Exception {
        Fit f = fit("", new double[][] {{1.0, 2.0}, {2.0, 5.0}}, List.of(), 12.5);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                JACKSON.readTree(FitJson.write(f));
        com.fasterxml.jackson.databind.node.ArrayNode params = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("parameters");
        com.fasterxml.jackson.databind.node.ArrayNode reversed = JACKSON.createArrayNode();
        for (int i = params.size() - 1; i >= 0; i--) {
            reversed.add(params.get(i));
        }
        tree.set("parameters", reversed);
        Fit back = FitJson.read(JACKSON.writeValueAsString(tree), "reversed.json");
        assertThat(back.values()).containsExactly(f.values());
        assertThat(back.parameters().get(0).name()).isEqualTo("E");
    }

    @Test
    void refusesAFitFileWithAWrongValueNamingTheFieldAndTheFile() throws Exception {
        String good = FitJson.write(fit("", new double[][] {{1.0, 2.0}, {2.0, 5.0}}, List.of(), 12.5));
        Map<String, String> damage = new LinkedHashMap<>();
        damage.put("\"value\" : 1.8172189071014484", "parameter \"E\" \"value\" must be a finite number, got \"abc\"");
        damage.put("\"slaw_fit\" : 1", "slaw fit format \"1\" is not one this slaw reads (1)");
        damage.put("\"rows\" : 240", "statistics \"rows\" must be a whole number, got true");
        damage.put("\"loss\" : \"huber\"", "objective \"loss\" must be one of");
        Map<String, String> replacement = Map.of("\"value\" : 1.8172189071014484", "\"value\" : \"abc\"",
                "\"slaw_fit\" : 1", "\"slaw_fit\" : \"1\"", "\"rows\" : 240", "\"rows\" : true",
                "\"loss\" : \"huber\"", "\"loss\" : \"hubber\"");
        for (Map.Entry<String, String> e : damage.entrySet()) {
            assertThat(good).contains(e.getKey());
            String bad = good.replace(e.getKey(), replacement.get(e.getKey()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FitJson.read(bad, "fit.json"))
                    .isInstanceOf(dev.slaw.data.BadInputException.class)
                    .hasMessageStartingWith("fit.json: ").hasMessageContaining(e.getValue());
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) JACKSON.readTree(good);
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("parameters")).remove(0);
        String noE = JACKSON.writeValueAsString(tree);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FitJson.read(noE, "fit.json"))
                .hasMessageContaining("no value for parameter \"E\" of law chinchilla");
    }
}
