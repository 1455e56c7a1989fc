package dev.slaw.fit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one Huber loss: its branch-free form is the textbook definition, and psi is its slope. */
class HuberTest {

    @Property(tries = 2000, seed = "1964")
    void rhoIsHalfTheSquareWithinDeltaAndLinearBeyond(@ForAll @DoubleRange(min = -10, max = 10) double r,
                                                      @ForAll @DoubleRange(min = 1e-6, max = 5) @Scale(9) double delta) {
        double a = Math.abs(r);
        double textbook = a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
        assertThat(Huber.rho(r, delta)).isCloseTo(textbook, within(1e-15 * Math.max(1, textbook)));
        assertThat(Huber.psi(r, delta)).isEqualTo(a <= delta ? r : Math.copySign(delta, r));
    }

    @Property(tries = 500, seed = "1981")
    void psiIsTheSlopeOfRho(@ForAll @DoubleRange(min = -3, max = 3) double r,
                            @ForAll @DoubleRange(min = 0.01, max = 2) double delta) {
        double h = 1e-6;
        // away from the kinks at +-delta, where the one-sided slopes differ
        if (Math.abs(Math.abs(r) - delta) > 10 * h) {
            double slope = (Huber.rho(r + h, delta) - Huber.rho(r - h, delta)) / (2 * h);
            assertThat(Huber.psi(r, delta)).isCloseTo(slope, within(1e-6));
        }
    }
}
