package dev.slaw.uncertainty;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeldOutScoresTest {

    @Test
    void scoresNormaliseTheErrorsByTheSpreadOfTheObservations() {
        // mean 4; squared deviations 1 + 0 + 1 = 2, absolute deviations 2; one error of 1
        HeldOutScores s = HeldOutScores.of(new double[]{3, 4, 5}, new double[]{3, 4, 6});
        assertThat(s.nmse()).isCloseTo(0.5, within(1e-12));
        assertThat(s.rSquared()).isCloseTo(0.5, within(1e-12));
        assertThat(s.nmae()).isCloseTo(0.5, within(1e-12));
        assertThat(s.meanRelativeError()).isCloseTo(0.2 / 3, within(1e-12));
        assertThat(s.maxRelativeError()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void predictingEveryRowByTheMeanScoresZeroRSquaredAndUnitNmseAndNmae() {
        HeldOutScores s = HeldOutScores.of(new double[]{2.9, 3.0, 3.4}, new double[]{3.1, 3.1, 3.1});
        assertThat(s.rSquared()).isCloseTo(0, within(1e-12));
        assertThat(s.nmse()).isCloseTo(1, within(1e-12));
        assertThat(s.nmae()).isCloseTo(1, within(1e-12));
    }

    @Test
    void oneHeldOutValueHasNoSpreadToNormaliseBy() {
        HeldOutScores s = HeldOutScores.of(new double[]{3.0}, new double[]{3.3});
        assertThat(s.nmse()).isNaN();
        assertThat(s.nmae()).isNaN();
        assertThat(s.meanRelativeError()).isCloseTo(0.1, within(1e-12));
    }
}
