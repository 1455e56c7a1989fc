package dev.slaw.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tabulated normal CDF of the kernel-smoothed curvature against erfc. */
class NormalCdfTest {
    @Test
    void agreesWithErfcEverywhereToWellBelowPrintedDigits() {
        double worst = 0;
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double z = -12 + 24 * random.nextDouble();
            worst = Math.max(worst, Math.abs(Fitter.normalCdf(z) - Fitter.exactNormalCdf(z)));
        }
        assertTrue(worst < 1e-14, "worst absolute error " + worst);
        assertEquals(0.5, Fitter.normalCdf(0), 1e-16);
        assertEquals(Fitter.exactNormalCdf(-10 + 1.0 / 64), Fitter.normalCdf(-10 + 1.0 / 64), 0);
        assertEquals(1, Fitter.normalCdf(10), 0);
        assertEquals(0, Fitter.normalCdf(-10.5), 0);
    }
}
