package dev.slaw.compare;

import dev.slaw.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The warning that the compared axis does not fix the point compared: IsoFLOP rows, held variables. */
class AxisSpreadTest {
    /** An IsoFLOP sweep: at each compute, model sizes a factor 16 apart and the loss that follows. */
    private static Dataset isoFlop(String sizeColumn) {
        double[] c = new double[15];
        double[] n = new double[15];
        double[] loss = new double[15];
        int k = 0;
        for (double compute : new double[]{1e18, 1e19, 1e20}) {
            for (double f : new double[]{0.25, 0.5, 1, 2, 4}) {
                c[k] = compute;
                n[k] = f * Math.sqrt(compute / 120);
                double d = compute / (6 * n[k]);
                loss[k] = 1.7 + 400 / Math.pow(n[k], 0.34) + 410 / Math.pow(d, 0.28);
                k++;
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("x", c);
        columns.put(sizeColumn, n);
        columns.put("loss", loss);
        return Dataset.of("iso.csv", columns);
    }

    @Test
    void warnsWhenRowsOfOneComputeDifferInModelSize() {
        Optional<String> w = AxisSpread.check(Map.of("A", isoFlop("Model Size")), "x", Map.of(),
                Map.of("x", "Training FLOP"), "loss");
        assertThat(w).hasValueSatisfying(s -> assertThat(s)
                .startsWith("rows of equal Training FLOP differ in Model Size (A at Training FLOP = 1e18:")
                .contains("loss from ").contains("so Training FLOP alone does not determine loss"));
    }

    @Test
    void saysNothingWhenEachScaleHasOneSizeOrTheColumnIsNoScale() {
        Dataset iso = isoFlop("N");
        // one row per compute: the axis fixes the point
        Dataset one = iso.filter(new boolean[]{true, false, false, false, false, true, false, false, false, false,
                true, false, false, false, false});
        assertThat(AxisSpread.check(Map.of("A", one), "x", Map.of(), Map.of(), "loss")).isEmpty();
        // a column that is no scale (a learning rate, say) varies at one compute without a warning
        assertThat(AxisSpread.check(Map.of("A", isoFlop("lr")), "x", Map.of(), Map.of(), "loss")).isEmpty();
    }

    @Test
    void warnsWhenCheckpointsFromTheFirstStepShareAModelSize() {
        // every checkpoint of two models, the first at 0 tokens: along params, equal params hide the tokens
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("x", new double[]{7e7, 7e7, 7e7, 4e8, 4e8, 4e8});
        columns.put("tokens", new double[]{0, 2e9, 3e11, 0, 2e9, 3e11});
        columns.put("ppl", new double[]{3e6, 900, 30, 3e6, 400, 10});
        Optional<String> w = AxisSpread.check(Map.of("standard", Dataset.of("ckpt.csv", columns)), "x", Map.of(),
                Map.of("x", "params"), "ppl");
        assertThat(w).hasValueSatisfying(s -> assertThat(s)
                .startsWith("rows of equal params differ in tokens (standard at params = 7e7: tokens from 0 to 3e11"));
    }

    @Test
    void warnsWhenAHeldVariableVariesInTheData() {
        Dataset iso = isoFlop("N");
        Optional<String> w = AxisSpread.check(Map.of("A", iso), "x", Map.of("N", 1e9), Map.of(), "loss");
        assertThat(w).hasValueSatisfying(s -> assertThat(s).startsWith("the comparison holds N = 1e9, but the data's N"));
    }

    @Test
    void namesAColumnInTheUsersWords() {
        assertThat(AxisSpread.name("C", Map.of("C", "flops"))).isEqualTo("flops");
        assertThat(AxisSpread.name("C", Map.of())).isEqualTo("C");
    }
}
