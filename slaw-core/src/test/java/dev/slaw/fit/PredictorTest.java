package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.planning.LossSurface;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The one evaluation of a law at a point, shared by fits and planning surfaces. */
class PredictorTest {
    private static final Law CHINCHILLA = Catalogue.builtIn().find("chinchilla").orElseThrow();
    // Hoffmann et al. 2022's published Approach 3 parameters
    private static final Map<String, Double> HOFFMANN_VALUES = Map.of("E", 1.69, "A", 406.4, "B", 410.7,
            "alpha", 0.34, "beta", 0.28);
    // in the law's order (the order its formula names them: E, A, alpha, B, beta)
    private static final double[] HOFFMANN = CHINCHILLA.parameters().stream()
            .mapToDouble(p -> HOFFMANN_VALUES.get(p.name())).toArray();

    @Test
    void aLawAtAPointIsItsFormulaThere() {
        double n = 70e9;
        double d = 1.4e12;
        double expected = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
        assertThat(Predictor.at(CHINCHILLA, HOFFMANN, Map.of("N", n, "D", d))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aPlanningSurfaceAndAFitPredictAsTheLawAtThePoint() {
        Map<String, Double> point = Map.of("N", 1e9, "D", 2e10);
        double atPoint = Predictor.at(CHINCHILLA, HOFFMANN, point);
        // the surface evaluates Chinchilla's form in closed form, to rounding
        assertThat(LossSurface.of(CHINCHILLA, HOFFMANN_VALUES).loss(point)).isCloseTo(atPoint, within(1e-12));
        // the same number as the law over a table whose second row is the point
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("N", new double[]{1e8, 1e9});
        columns.put("D", new double[]{2e9, 2e10});
        double[] rows = new double[2];
        CHINCHILLA.evaluator(Dataset.of("ladder", columns)).evaluate(HOFFMANN, rows, null);
        assertThat(atPoint).isEqualTo(rows[1]);
    }

    @Test
    void aPointWithoutOneOfTheLawsVariablesIsRefusedNamingIt() {
        assertThatThrownBy(() -> Predictor.at(CHINCHILLA, HOFFMANN, Map.of("N", 1e9)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("prediction needs a value for D, e.g. D=1e9 (law chinchilla reads N, D)");
        Dataset one = Predictor.pointData(CHINCHILLA, Map.of("N", 1e9, "D", 2e10, "unused", 3.0));
        assertThat(one.columnNames()).containsExactly("N", "D");
    }
}
