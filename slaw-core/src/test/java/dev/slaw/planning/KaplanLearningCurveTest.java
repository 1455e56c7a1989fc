package dev.slaw.planning;

import dev.slaw.law.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden numbers of Kaplan et al. 2020's learning-curve law L(N, S_min) (the catalogue's
 * {@code kaplan-ns}, eq. 1.6 / 5.6), from the constants of its Table 3, as the paper's Appendix B
 * derives them (docs/reference.md s.10). Each is computed from the catalogue law itself: the
 * steps a model needs to reach a loss are found by solving the law for S.
 */
class KaplanLearningCurveTest {
    private static final double A_N = 0.077;
    private static final double A_S = 0.76;
    private static final OptimalHyperparameters.Source TABLE_3 = new OptimalHyperparameters.Source("Table 3",
            Catalogue.builtIn().find("kaplan-ns").orElseThrow(),
            Map.of("Nc", 6.5e13, "Sc", 2.1e3, "aN", A_N, "aS", A_S));

    private static double loss(double n, double s) {
        return TABLE_3.at(Map.of("N", n, "S", s));
    }

    /** The fewest steps at which a model of n parameters reaches {@code target}: the law solved for S (it falls in S). */
    private static double stepsToReach(double n, double target) {
        double lo = Math.log(1e-3);
        double hi = Math.log(1e30);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (loss(n, Math.exp(mid)) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    /** The converged loss of a model of n parameters, (Nc / N)^aN: the law at S far beyond any run. */
    private static double converged(double n) {
        return loss(n, 1e300);
    }

    /**
     * Eq. (B.12)-(B.14): to reach one loss, training to f = aN / aS (about 10 %) above the
     * converged loss rather than f' = 2 % takes a model 2.7 times larger, 0.13 times the steps and
     * 0.35 times the compute ("7.7x fewer parameter updates, 2.7x more parameters, and 65% less
     * compute").
     */
    @Test
    void computeEfficientTrainingStopsTenPercentAboveConvergence() {
        double f = A_N / A_S;
        assertThat(f).isCloseTo(0.10, within(0.005)); // eq. (B.5): "about 10 %"
        double target = 3.0;
        // the model whose converged loss is target / (1 + f), and the one whose is target / 1.02
        double nEfficient = sizeConvergingTo(target / (1 + f));
        double nTypical = sizeConvergingTo(target / 1.02);
        double sizes = nEfficient / nTypical;
        double steps = stepsToReach(nEfficient, target) / stepsToReach(nTypical, target);
        assertThat(sizes).isCloseTo(2.7, within(0.05));
        assertThat(steps).isCloseTo(0.13, within(0.005));
        assertThat(1 / steps).isCloseTo(7.7, within(0.1));
        // C = 6 N B S at one loss, so B_crit(L) is the same for both
        assertThat(sizes * steps).isCloseTo(0.35, within(0.01));
    }

    /**
     * Eq. (B.17): "a 2.2x larger model requires 45% fewer steps at a cost of 20% more training
     * compute" than the compute-efficient size for the same loss.
     */
    @Test
    void aModelTwoPointTwoTimesTheEfficientSizeTakesFewerStepsAndMoreCompute() {
        double target = 3.0;
        double nEfficient = sizeConvergingTo(target / (1 + A_N / A_S));
        double steps = stepsToReach(2.2 * nEfficient, target) / stepsToReach(nEfficient, target);
        assertThat(1 - steps).isCloseTo(0.45, within(0.01));
        assertThat(2.2 * steps).isCloseTo(1.20, within(0.01));
    }

    /**
     * Eq. (B.7) / (6.4): the exponent of the loss in compute-efficient compute,
     * 1 / (1/aS + 1/aB + 1/aN), "approximately 0.052" with Table 3's exponents and the critical
     * batch size's aB = 0.21 (the catalogue's kaplan-bcrit).
     */
    @Test
    void theComputeExponentFollowsFromTheThreeExponents() {
        double aB = 0.21;
        assertThat(1 / (1 / A_S + 1 / aB + 1 / A_N)).isCloseTo(0.052, within(0.0005));
    }

    /** The model size whose converged loss is {@code l}: (Nc / N)^aN = l solved for N on the law. */
    private static double sizeConvergingTo(double l) {
        double lo = Math.log(1);
        double hi = Math.log(1e30);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (converged(Math.exp(mid)) > l) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }
}
