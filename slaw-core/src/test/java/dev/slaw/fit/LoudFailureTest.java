package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fit that may be wrong says so in its warnings; a law that cannot mean what was meant is refused. */
class LoudFailureTest {
    private static final double[] N = {1e6, 1e7, 1e8, 1e9, 1e10, 1e11};

    private static Dataset data(double[] loss) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("N", N);
        m.put("loss", loss);
        return Dataset.of("runs.csv", m);
    }

    @Test
    void aFlatTargetIsFittedWithAWarningThatRSquaredIsUndefined() {
        Dataset d = data(new double[]{2.5, 2.5, 2.5, 2.5, 2.5, 2.5});
        Law law = FormulaLaw.fromFormula("E + A * N^-alpha", List.of("N", "loss"));
        Fit fit = Fitter.fit(law, d, "loss", FitOptions.defaults());
        assertThat(Double.isNaN(fit.statistics().rSquared())).isTrue();
        assertThat(fit.warnings()).anyMatch(w -> w.startsWith("r-squared is undefined: the target does not vary"));
    }

    @Test
    void aSingleStartAndALawWorseThanTheMeanAreBothSaid() {
        Dataset d = data(new double[]{3.0, 2.2, 3.1, 2.0, 3.2, 1.9});
        Law power = Catalogue.builtIn().find("power").orElseThrow();
        Dataset x = Dataset.of("runs.csv", Map.of("x", N, "loss", d.column("loss")));
        Fit fit = Fitter.fit(power, x, "loss", FitOptions.defaults()
                .withStarts(Starts.at(List.of(Map.of("A", 5.0, "alpha", -0.5)))));
        assertThat(fit.warnings()).contains(
                "fitted from a single start: nothing confirms that it found the best optimum (use more starts)");
        assertThat(fit.statistics().rSquared()).isLessThan(0.1);
    }

    @Test
    void aParameterTheDataDoNotReachIsSaidToHaveNeverMoved() {
        // c multiplies a column of zeros: the objective does not depend on it
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("N", N);
        m.put("Z", new double[6]);
        m.put("loss", new double[]{3.0, 2.6, 2.4, 2.3, 2.25, 2.22});
        Law law = FormulaLaw.fromFormula("E + A * N^-alpha + c * Z", List.of("N", "Z", "loss"));
        Fit fit = Fitter.fit(law, Dataset.of("runs.csv", m), "loss", FitOptions.defaults());
        assertThat(fit.warnings()).anyMatch(w -> w.startsWith("c never moved from its start value"));
    }

    @Test
    void aVariableWithOneValueInEveryRowIsNamedAsTheCause() {
        // every Pythia model saw the same tokens: D cannot be told from the constant
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("N", N);
        m.put("D", new double[]{3e11, 3e11, 3e11, 3e11, 3e11, 3e11});
        m.put("loss", new double[]{3.0, 2.6, 2.4, 2.3, 2.25, 2.22});
        Fit fit = Fitter.fit(Catalogue.builtIn().find("chinchilla").orElseThrow(),
                Dataset.of("runs.csv", m), "loss", FitOptions.defaults().withStarts(Starts.latinHypercube(20, 1)));
        assertThat(fit.warnings()).contains("D is 3e11 in every row: the law's terms in D cannot be told apart from its"
                + " constant (fit a law without D, or add rows where D varies)");
    }

    @Test
    void zeroWeightsAreSaid() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("x", N);
        m.put("w", new double[6]);
        m.put("loss", new double[]{3.0, 2.6, 2.4, 2.3, 2.25, 2.22});
        Law power = Catalogue.builtIn().find("power").orElseThrow();
        Fit fit = Fitter.fit(power, Dataset.of("runs.csv", m), "loss",
                FitOptions.defaults().withObjective(Objective.huber().withWeights("w")));
        assertThat(fit.warnings()).contains(
                "every weight is zero: the objective is 0 whatever the parameters, so the fit is its start");
    }

    @Test
    void aParameterNamedLikeAColumnButForItsCaseIsAnError() {
        assertThatThrownBy(() -> FormulaLaw.fromFormula("E + A * n^-alpha", List.of("N", "loss")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("formula \"E + A * n^-alpha\": 'n' is not a column, but 'N' is (names are "
                        + "case-sensitive): write N, or name the parameter otherwise");
    }

    @Test
    void aFormulaThatUsesNoColumnIsAnError() {
        assertThatThrownBy(() -> FormulaLaw.fromFormula("E + A * M^-alpha", List.of("N", "loss")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("formula \"E + A * M^-alpha\" uses no column of the data");
    }

    @Test
    void aLawThatReadsItsOwnTargetIsAnError() {
        Dataset d = data(new double[]{3.0, 2.6, 2.4, 2.3, 2.25, 2.22});
        Law law = FormulaLaw.fromFormula("E + A * loss^-alpha + 0 * N", List.of("N", "loss"));
        assertThatThrownBy(() -> Fitter.fit(law, d, "loss", FitOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("law E + A * loss^-alpha + 0 * N reads the target column 'loss' on its right-hand side: "
                        + "it would predict loss from itself");
    }

    @Test
    void onlyAValueOnABoundIsAtTheBoundNotASmallRateAboveZero() {
        FittedParameter.State free = FittedParameter.State.FREE;
        double inf = Double.POSITIVE_INFINITY;
        assertThat(new FittedParameter("c", 1.4e-11, 0, "", free, null, 0, inf, 1).atBound()).isFalse();
        assertThat(new FittedParameter("c", 0, 0, "", free, null, 0, inf, 1).atBound()).isTrue();
        assertThat(new FittedParameter("alpha", 3, 0, "", free, null, 0, 3, 1).atBound()).isTrue();
        assertThat(new FittedParameter("A", 1e300, 0, "", free, null, 0, inf, 1).atBound()).isFalse();
    }
}
