package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOptimizerTest {
    private static final Law CHINCHILLA = Catalogue.builtIn().find("chinchilla").orElseThrow();
    private static final Dataset DATA = ChinchillaData.load();
    private static final Starts ONE_START = Starts.at(List.of(Map.of("E", 1.8, "A", 400.0, "B", 2000.0,
            "alpha", 0.34, "beta", 0.37)));

    @Test
    void commandLineNamesStandForTheThreeOptimisers() {
        assertThat(LocalOptimizer.parse("lbfgsb")).isEqualTo(LocalOptimizer.LBFGSB);
        assertThat(LocalOptimizer.parse("L-BFGS-B")).isEqualTo(LocalOptimizer.LBFGSB);
        assertThat(LocalOptimizer.parse("bfgs")).isEqualTo(LocalOptimizer.BFGS);
        assertThat(LocalOptimizer.parse("lm")).isEqualTo(LocalOptimizer.LEVENBERG_MARQUARDT);
        assertThatThrownBy(() -> LocalOptimizer.parse("adam")).isInstanceOf(BadInputException.class)
                .hasMessage("--optimizer adam: expected lbfgsb, bfgs or lm");
    }

    @Test
    void aToleranceTheOptimiserDoesNotUseIsAWarningNotSilence() {
        FitOptions lm = FitOptions.defaults().withObjective(Objective.of(Loss.SQUARED)).withStarts(ONE_START)
                .withOptimizer(LocalOptimizer.LEVENBERG_MARQUARDT).withTolerances(1e-12, 1e-8);
        Fit fit = Fitter.fit(CHINCHILLA, DATA, "loss", lm);
        assertThat(fit.warnings()).contains("ftol 1e-12 and gtol 1e-08 not used: levenberg_marquardt stops by its"
                + " own rules");
        assertThat(fit.provenance().optimizer()).isEqualTo("levenberg_marquardt");

        Fit bfgs = Fitter.fit(CHINCHILLA, DATA, "loss", FitOptions.defaults().withStarts(ONE_START)
                .withOptimizer(LocalOptimizer.BFGS).withTolerances(1e-12, 1e-8));
        assertThat(bfgs.warnings()).contains("ftol 1e-12 not used: bfgs stops by its own rules");
        assertThat(bfgs.provenance().optimizer()).isEqualTo("bfgs (relative stop: gtol 1e-08 of |f|)");
    }

    @Test
    void tolerancesLbfgsbUsesRaiseNoWarning() {
        Fit fit = Fitter.fit(CHINCHILLA, DATA, "loss", FitOptions.defaults().withStarts(ONE_START)
                .withTolerances(1e-12, 1e-8));
        assertThat(fit.warnings()).noneMatch(w -> w.contains("not used"));
        assertThat(fit.provenance().optimizer()).isEqualTo("lbfgsb (relative stop: ftol 1e-12, gtol 1e-08 of |f|)");
    }

    @Test
    void levenbergMarquardtRefusesALossOtherThanSquares() {
        assertThatThrownBy(() -> Fitter.fit(CHINCHILLA, DATA, "loss", FitOptions.defaults().withStarts(ONE_START)
                .withOptimizer(LocalOptimizer.LEVENBERG_MARQUARDT))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Levenberg-Marquardt minimises squared residuals");
    }
}
