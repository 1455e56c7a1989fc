package dev.slaw.law;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.expr.Formula;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-level parameters of a text column ({@code u[family]}): parsing, declarations, binding to
 * the data's levels, recovery on synthetic data with noise, and refusals.
 */
class LevelLawTest {
    private static final List<String> FAMILIES = List.of("llama", "qwen", "pythia");
    private static final double[] OFFSETS = {0.4, -0.3, 1.1};

    /** {@code y = u[family] + A * x^-alpha} with the family offsets above, A = 5, alpha = 0.5, noise sd 0.01. */
    private static Dataset ladder(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 3 * 12;
        double[] x = new double[rows];
        double[] y = new double[rows];
        String[] family = new String[rows];
        for (int i = 0; i < rows; i++) {
            int f = i % 3;
            x[i] = Math.pow(10, 1 + (i / 3) * 0.25);
            y[i] = OFFSETS[f] + 5 * Math.pow(x[i], -0.5) + 0.01 * random.nextGaussian();
            family[i] = FAMILIES.get(f);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", x);
        cols.put("y", y);
        return Dataset.of("ladder", cols).withLabel("family", family);
    }

    private static List<String> columnsOf(Dataset d) {
        List<String> c = new java.util.ArrayList<>(d.columnNames());
        c.addAll(d.labels().keySet());
        return c;
    }

    @Test
    void aNameWithAColumnInBracketsIsOneParameterPerLevel() {
        Formula f = Formula.parse("u[family] + A * x^-alpha");
        assertThat(f.names()).containsExactly("u[family]", "A", "x", "alpha");
        // printing quotes the name, and the printed text parses back to the same name
        assertThat(Formula.parse(f.expression().toString()).names()).contains("u[family]");
        assertThat(Formula.parse("u[ `family` ] * 2").names()).containsExactly("u[family]");
    }

    @Test
    void aBracketWithoutAColumnIsAParseErrorNamingThePosition() {
        assertThatThrownBy(() -> Formula.parse("u[] + x")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at position 3").hasMessageContaining("text column");
        assertThatThrownBy(() -> Formula.parse("u[family + x")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected ']'");
    }

    @Test
    void theFitRecoversEachLevelWithStandardErrorsAndPredictsByLevel() {
        Dataset data = ladder(7);
        Law law = FormulaLaw.fromFormula("u[family] + A * x^-alpha", columnsOf(data)).withTarget(Target.PLAIN);
        assertThat(law.labelColumns()).containsExactly("family");
        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults().withThreads(1));
        assertThat(fit.law()).isInstanceOf(LevelLaw.class);
        assertThat(fit.parameters().stream().map(p -> p.name()).toList())
                .containsExactly("u[llama]", "u[qwen]", "u[pythia]", "A", "alpha");
        for (int f = 0; f < 3; f++) {
            var p = fit.parameter("u[" + FAMILIES.get(f) + "]").orElseThrow();
            assertThat(p.value()).isCloseTo(OFFSETS[f], within(0.05));
            assertThat(p.standardError()).isBetween(1e-4, 0.05);
        }
        assertThat(fit.value("alpha")).isCloseTo(0.5, within(0.05));
        // the fingerprint covers the text column: another family on a row is other data
        assertThat(fit.provenance().columns()).contains("family");
        String[] swapped = data.label("family").orElseThrow().clone();
        swapped[0] = "qwen";
        Fit other = Fitter.fit(law, data.withLabel("family", swapped), "y", FitOptions.defaults().withThreads(1));
        assertThat(other.provenance().fingerprint()).isNotEqualTo(fit.provenance().fingerprint());

        // predicting reads each row's level
        double[] predicted = fit.predict(data.select(new int[]{0, 1}));
        assertThat(predicted[0] - predicted[1]).isCloseTo(fit.value("u[llama]") - fit.value("u[qwen]")
                + fit.value("A") * (Math.pow(data.value("x", 0), -fit.value("alpha"))
                - Math.pow(data.value("x", 1), -fit.value("alpha"))), within(1e-12));
    }

    @Test
    void theLevelsOfAParameterStartTogether() {
        // u enters non-linearly, so the starts come from its axis: one value for every family per start
        Dataset data = ladder(11);
        Law law = FormulaLaw.fromFormula("sigmoid(u[family]) + A * x^-alpha", columnsOf(data)).withTarget(Target.PLAIN);
        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults().withThreads(1));
        double start = fit.parameter("u[llama]").orElseThrow().start();
        assertThat(fit.parameter("u[qwen]").orElseThrow().start()).isEqualTo(start);
        assertThat(fit.parameter("u[pythia]").orElseThrow().start()).isEqualTo(start);
        assertThat(fit.starts().total()).isLessThanOrEqualTo(512);
    }

    @Test
    void perLevelParametersThatTradeAConstantAreNotIdentifiedAndTheFitSaysSo() {
        Dataset data = ladder(13);
        String[] half = new String[data.rowCount()];
        for (int i = 0; i < half.length; i++) {
            half[i] = i < half.length / 2 ? "early" : "late";
        }
        Dataset two = data.withLabel("half", half);
        Law law = FormulaLaw.fromFormula("u[family] + v[half] + A * x^-alpha", columnsOf(two)).withTarget(Target.PLAIN);
        Fit fit = Fitter.fit(law, two, "y", FitOptions.defaults().withThreads(1));
        assertThat(fit.warnings()).anyMatch(w -> w.contains("not identified") || w.contains("may not identify"));
    }

    @Test
    void aLevelTheFitNeverSawIsRefusedByName() {
        Dataset data = ladder(3);
        Law law = FormulaLaw.fromFormula("u[family] + A * x^-alpha", columnsOf(data)).withTarget(Target.PLAIN);
        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults().withThreads(1));
        String[] family = data.label("family").orElseThrow().clone();
        family[4] = "gpt";
        assertThatThrownBy(() -> fit.predict(data.withLabel("family", family))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 5").hasMessageContaining("family \"gpt\" is not a level")
                .hasMessageContaining("llama, qwen, pythia");
    }

    @Test
    void declaringTheBaseNameBoundsEveryLevelAndOneLevelCanBeFixed() {
        Dataset data = ladder(5);
        Law law = FormulaLaw.fromFormula("u[family] + A * x^-alpha", columnsOf(data)).withTarget(Target.PLAIN);
        law = law.withParameters(ParameterDeclaration.applyAll(law.parameters(), List.of("u in [0, 2]"), law.name()));
        Law bound = LevelLaw.bind(law, data);
        for (String f : FAMILIES) {
            Parameter p = bound.parameters().get(bound.parameterIndex("u[" + f + "]"));
            assertThat(p.lower()).isEqualTo(0);
            assertThat(p.upper()).isEqualTo(2);
        }
        Law fixed = bound.withParameters(ParameterDeclaration.applyAll(bound.parameters(), List.of("u[qwen] = 0.5"),
                bound.name()));
        assertThat(fixed.parameters().get(fixed.parameterIndex("u[qwen]")).fixed().getAsDouble()).isEqualTo(0.5);
        Fit fit = Fitter.fit(fixed, data, "y", FitOptions.defaults().withThreads(1));
        assertThat(fit.value("u[qwen]")).isEqualTo(0.5);
        assertThat(fit.parameter("u[qwen]").orElseThrow().standardError()).isNaN();
    }

    @Test
    void aColumnThatIsNotTextOrNotThereIsRefused() {
        Dataset data = ladder(1);
        assertThatThrownBy(() -> FormulaLaw.fromFormula("u[fam] + A * x^-alpha", columnsOf(data)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such column");
        Law numeric = FormulaLaw.fromFormula("u[x] + A * x^-alpha", columnsOf(data));
        assertThatThrownBy(() -> Fitter.fit(numeric, data, "y", FitOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'x', which is not a text column (it holds numbers)");
    }

    @Test
    void aTextColumnUsedAsANumberDoesNotBecomeAParameter() {
        Dataset data = ladder(1);
        Law law = FormulaLaw.fromFormula("family + A * x^-alpha", columnsOf(data));
        assertThat(law.parameters().stream().map(Parameter::name).toList()).containsExactly("A", "alpha");
        assertThatThrownBy(() -> Fitter.fit(law, data, "y", FitOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("family");
    }

    @Provide
    Arbitrary<String> levelNames() {
        return Arbitraries.strings().withChars("abcXYZ019 -_.:/()").ofMinLength(1).ofMaxLength(8);
    }

    /** Any level text (spaces, dots, brackets of the other kind) names its parameter and evaluates to it. */
    @Property(tries = 200)
    void anyLevelTextBindsToItsOwnParameter(@ForAll("levelNames") String a, @ForAll("levelNames") String b) {
        net.jqwik.api.Assume.that(!a.equals(b));
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("x", new double[]{1, 2, 3});
        Dataset data = Dataset.of("t", cols).withLabel("g", new String[]{a, b, a});
        Law law = LevelLaw.bind(FormulaLaw.fromFormula("v[g] * x", List.of("x", "g")), data);
        assertThat(law.parameters().stream().map(Parameter::name).toList()).containsExactly("v[" + a + "]", "v[" + b + "]");
        double[] out = new double[3];
        law.evaluator(data).evaluate(new double[]{2, -1}, out, null);
        assertThat(out).containsExactly(2, -2, 6);
    }
}
