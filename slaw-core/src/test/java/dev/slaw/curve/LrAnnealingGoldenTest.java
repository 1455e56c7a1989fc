package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LR-annealing law (Tissue et al. 2024, arXiv:2408.11029) on the two curves of its example
 * fit (examples/fixtures/lr_annealing_example.csv; REFERENCE.md section 2): 20k steps, peak 2e-4,
 * a 500-step warmup treated as the peak, cosine to 0 at 20000 against constant; one parameter set.
 */
class LrAnnealingGoldenTest {
    static final Map<String, Schedule> SCHEDULES = Map.of(
            "cosine", Schedule.parse("warmup(500, shape=constant)+cosine(peak=2e-4, end=0, total=20000)"),
            "constant", Schedule.parse("warmup(500, shape=constant)+constant(2e-4)"));

    static Dataset rows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "fixtures", "lr_annealing_example.csv"));
        int n = lines.size() - 1;
        String[] runs = new String[n];
        double[] steps = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            runs[i] = cells[0];
            steps[i] = Double.parseDouble(cells[1]);
            loss[i] = Double.parseDouble(cells[2]);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put(CurveLaw.STEP, steps);
        cols.put(CurveLaw.LOSS, loss);
        return Dataset.of("lr_annealing_example.csv", cols).withLabel(CurveLaw.RUN, runs);
    }

    @Test
    void oneParameterSetFollowsBothCurvesWithinAThirdOfAPercent() throws IOException {
        Fit fit = CurveProtocol.CONVERGED.fit(LrAnnealingLaw.of(SCHEDULES), rows(), CurveLaw.LOSS, 0,
                FitOptions.defaults());
        Map<String, CurveMetrics> runs = CurveMetrics.byRun((CurveLaw) fit.law(), fit.values(), rows(), CurveLaw.LOSS);
        assertThat(runs).containsOnlyKeys("cosine", "constant");
        runs.forEach((run, m) -> assertThat(m.meanRelativeError()).as(run).isLessThanOrEqualTo(0.003));
        assertThat(fit.value("alpha")).isBetween(0.1, 1.5);
        assertThat(fit.value("C")).isPositive();
    }
}
