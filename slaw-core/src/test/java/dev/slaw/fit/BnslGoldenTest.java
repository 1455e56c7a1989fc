package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broken neural scaling law on 4-digit addition (Caballero et al. 2022; examples/fixtures):
 * fitted on the 14 rows before and through the sharp break, it extrapolates the 3 later rows
 * within 10 %, where a power law with an offset, which cannot bend, misses by more than half.
 */
class BnslGoldenTest {
    private static final Path FILE = Path.of("..", "examples", "fixtures", "bnsl_4digit_addition.csv");

    private static Dataset rows(String split) throws IOException {
        List<double[]> kept = new ArrayList<>();
        for (String line : Files.readAllLines(FILE).subList(1, 18)) {
            String[] f = line.split(",");
            if (f[2].equals(split)) {
                kept.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        return Dataset.of(FILE + " (" + split + ")", Map.of("x", kept.stream().mapToDouble(r -> r[0]).toArray(),
                "y", kept.stream().mapToDouble(r -> r[1]).toArray()));
    }

    private static double worstExtrapolationError(String lawName, Starts starts) throws IOException {
        Law law = Catalogue.builtIn().find(lawName).orElseThrow();
        Fit fit = Fitter.fit(law, rows("fit"), "y", FitOptions.defaults().withStarts(starts));
        Dataset later = rows("extrapolate");
        double[] predicted = fit.predict(later);
        double[] truth = later.column("y");
        double worst = 0;
        for (int i = 0; i < truth.length; i++) {
            worst = Math.max(worst, Math.abs(predicted[i] - truth[i]) / truth[i]);
        }
        return worst;
    }

    @Test
    void brokenPowerLawFollowsTheBreakAndPlainPowerLawDoesNot() throws IOException {
        assertThat(rows("fit").rowCount()).isEqualTo(14);
        assertThat(worstExtrapolationError("bnsl", Starts.latinHypercube(2000, 0))).isLessThan(0.10);
        assertThat(worstExtrapolationError("power-offset", Starts.lawGrid())).isGreaterThan(0.5);
    }
}
