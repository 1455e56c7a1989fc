package dev.slaw.planning;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IsoFlopAnalysisTest {

    @Test
    void exactIsoFlopSlicesOfAChinchillaLawRecoverItsExponents() {
        ChinchillaForm law = ComputeOptimalTest.epoch().closedForm().orElseThrow();
        List<double[]> runs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k = 18; k <= 22; k++) {
            double c = Math.pow(10, k);
            double nOpt = law.optimalParameters(c);
            for (int j = -4; j <= 4; j++) {
                double n = nOpt * Math.pow(10, 0.15 * j);
                double d = c / (6 * n);
                runs.add(new double[]{n, d, c, law.loss(n, d)});
                labels.add("1e" + k);
            }
        }
        double[][] cols = columns(runs);
        IsoFlopResult r = IsoFlopAnalysis.defaults().withResamples(200)
                .analyse(cols[0], cols[1], cols[2], cols[3], labels.toArray(String[]::new));
        assertThat(r.usedGroups()).isEqualTo(5);
        // a parabola is only a local model of the loss in log N: exponents to 1e-2
        assertThat(r.parameters().exponent()).isCloseTo(law.parameterExponent(), within(1e-2));
        assertThat(r.tokens().exponent()).isCloseTo(law.tokenExponent(), within(1e-2));
        assertThat(r.parameters().exponent() + r.tokens().exponent()).isCloseTo(1, within(1e-12));
        // the same analysis by compute bins instead of labels finds the same groups
        IsoFlopResult binned = IsoFlopAnalysis.defaults().withResamples(0).analyse(cols[0], cols[1], cols[2], cols[3],
                null);
        assertThat(binned.parameters().exponent()).isCloseTo(r.parameters().exponent(), within(1e-12));
        assertThat(binned.parameterExponentInterval()).isEmpty();
    }

    @Test
    void misfittingLadderGivesExponentsWithIntervals() throws IOException {
        double[][] c = misfittingFinalCheckpoints();
        IsoFlopResult r = IsoFlopAnalysis.defaults().analyse(c[0], c[1], c[2], c[3], null);
        // 261 runs, of which the learning-rate sweep repeats (N, D): the tuned run of each is kept
        assertThat(r.runs()).isEqualTo(261);
        assertThat(r.mergedDuplicates()).isGreaterThan(100);
        assertThat(r.usedGroups()).isGreaterThanOrEqualTo(3);
        Interval a = r.parameterExponentInterval().orElseThrow();
        Interval b = r.tokenExponentInterval().orElseThrow();
        assertThat(a.contains(r.parameters().exponent())).isTrue();
        assertThat(b.contains(r.tokens().exponent())).isTrue();
        assertThat(r.parameters().exponent()).isBetween(0.2, 0.8);
        assertThat(r.replicates().size() + r.failedResamples()).isEqualTo(1000);
        // reproducible from the seed
        IsoFlopResult again = IsoFlopAnalysis.defaults().analyse(c[0], c[1], c[2], c[3], null);
        assertThat(again.parameterExponentInterval()).isEqualTo(r.parameterExponentInterval());
        Allocation at = r.at(5.88e23);
        assertThat(at.intervals().of("tokensPerParameter").orElseThrow().contains(at.tokensPerParameter())).isTrue();
    }

    @Test
    void lossEnvelopeOfCheckpointsFollowsTheLowestLoss() {
        ChinchillaForm law = ComputeOptimalTest.epoch().closedForm().orElseThrow();
        List<double[]> rows = new ArrayList<>();
        for (double n : new double[]{1e7, 3e7, 1e8, 3e8, 1e9}) {
            for (double d = 1e8; d <= 1e11; d *= 1.2) {
                rows.add(new double[]{n, d, 6 * n * d, law.loss(n, d)});
            }
        }
        double[][] c = columns(rows);
        LossEnvelope.Result r = LossEnvelope.of(c[0], c[1], c[2], c[3], 5, 0.95);
        assertThat(r.parameters().exponent()).isBetween(0.3, 0.7);
        assertThat(r.parameters().exponentInterval()).isNotNull();
        for (LossEnvelope.Point p : r.points()) {
            assertThat(p.loss()).isGreaterThanOrEqualTo(law.computeOptimal(p.computeFlops()).loss() - 1e-12);
        }
    }

    /** N, D, C and loss of examples/misfitting/scaling_results_last_ckpt_only.csv (Li et al. 2025). */
    static double[][] misfittingFinalCheckpoints() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "examples", "misfitting",
                "scaling_results_last_ckpt_only.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int[] idx = {header.indexOf("N"), header.indexOf("D"), header.indexOf("C"), header.indexOf("loss")};
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new double[]{Double.parseDouble(f[idx[0]]), Double.parseDouble(f[idx[1]]),
                    Double.parseDouble(f[idx[2]]), Double.parseDouble(f[idx[3]])});
        }
        return columns(rows);
    }

    static double[][] columns(List<double[]> rows) {
        double[][] c = new double[rows.get(0).length][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < c.length; j++) {
                c[j][i] = rows.get(i)[j];
            }
        }
        return c;
    }
}
