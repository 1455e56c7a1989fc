package dev.slaw.planning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LossEnvelopeTest {
    private static LossEnvelope.Result envelope(double... losses) {
        int n = losses.length;
        double[] nn = new double[n];
        double[] d = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            nn[i] = 1e8 * Math.pow(2, i);
            d[i] = 2e9 * Math.pow(2, i);
            c[i] = 6 * nn[i] * d[i];
        }
        return LossEnvelope.of(nn, d, c, losses, 5, 0.95);
    }

    @Test
    void anEnvelopeThatFallsWithComputeSaysNothing() {
        assertThat(envelope(4.0, 3.6, 3.3, 3.1, 3.0).warnings()).isEmpty();
    }

    /** A bin whose lowest loss is far below the next budget's (an early or lucky checkpoint) is named. */
    @Test
    void anEnvelopeThatRisesWithComputeSaysWhere() {
        var warnings = envelope(4.0, 3.2, 3.9, 3.5, 3.0).warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("rises with compute at 1 of its 4 steps from a bin to the next", "from 3.200", "to 3.900");
    }
}
