package dev.slaw.mixture;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 15, must-show 1 for the D-CPT Law: recovery on noisy synthetic runs with the catalogue's defaults. */
class DcptLawTest {
    // a domain loss of the D-CPT form with every term contributing 0.1-1 nat over the grid below
    private static final double E = 1.8;
    private static final double A = 400;
    private static final double ALPHA = 0.3;
    private static final double B = 2000;
    private static final double ETA = 0.4;
    private static final double BETA = 0.35;
    private static final double C = 0.15;
    private static final double EPS = 0.05;
    private static final double GAMMA = 0.5;

    static double law(double n, double d, double r) {
        return E + A / Math.pow(n, ALPHA) + B * Math.pow(r, ETA) / Math.pow(d, BETA) + C / Math.pow(r + EPS, GAMMA);
    }

    /** Continual pre-training runs at 4 model sizes x 5 token counts x 9 domain ratios, with relative noise. */
    static Dataset synthetic(long seed, double noise) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (double n : new double[]{0.5e9, 1.8e9, 4e9, 7e9}) {
            for (double d : new double[]{0.5e9, 1e9, 2e9, 5e9, 10e9}) {
                for (double r : new double[]{0.02, 0.05, 0.1, 0.2, 0.33, 0.5, 0.67, 0.8, 0.9}) {
                    double z = gaussian(rnd);
                    rows.add(new double[]{n, d, r, law(n, d, r) * (1 + noise * z)});
                }
            }
        }
        String[] names = {"N", "D", "r", "domain_loss"};
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[c];
            }
            cols.put(names[c], col);
        }
        return Dataset.of("dcpt-synthetic", cols);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void recoversTheDcptLawWithDefaults() {
        Law law = Catalogue.builtIn().find("dcpt").orElseThrow();
        assertThat(law.variables()).containsExactly("N", "D", "r");
        assertThat(law.metadata().citation()).contains("arXiv:2406.01375");
        Fit fit = Fitter.fit(law, synthetic(15, 0.001), "domain_loss", FitOptions.defaults());
        assertThat(fit.convergence().converged()).isTrue();
        // the exponents of N, D and r in the data term are pinned down to a few percent; the
        // saturating term C / (r + eps)^gamma trades C, eps and gamma against each other
        assertThat(fit.value("alpha")).isCloseTo(ALPHA, within(0.03));
        assertThat(fit.value("beta")).isCloseTo(BETA, within(0.03));
        assertThat(fit.value("eta")).isCloseTo(ETA, within(0.03));
        assertThat(fit.value("E")).isCloseTo(E, within(0.1 * E));
        assertThat(fit.value("A")).isCloseTo(A, within(0.3 * A));
        assertThat(fit.value("B")).isCloseTo(B, within(0.2 * B));
        assertThat(fit.value("gamma")).isCloseTo(GAMMA, within(0.25));
        assertThat(fit.value("eps")).isCloseTo(EPS, within(0.05));
        assertThat(fit.value("C")).isCloseTo(C, within(0.1));
        assertThat(fit.parameters()).allSatisfy(p -> assertThat(p.standardError()).isFinite());
        // each estimate within 3 of its standard errors of the truth
        Map<String, Double> truth = Map.of("E", E, "A", A, "alpha", ALPHA, "B", B, "eta", ETA, "beta", BETA,
                "C", C, "eps", EPS, "gamma", GAMMA);
        assertThat(fit.parameters()).allSatisfy(p -> assertThat(Math.abs(p.value() - truth.get(p.name())))
                .isLessThanOrEqualTo(3 * p.standardError()));
        // and it predicts runs it has not seen, at another seed
        Dataset held = synthetic(16, 0.001);
        double[] pred = fit.predict(held);
        double[] obs = held.column("domain_loss");
        for (int i = 0; i < pred.length; i++) {
            assertThat(pred[i] / obs[i]).isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void saysWhenTheDataDoNotDetermineTheSaturatingTerm() {
        // six times the noise: the three parameters of C / (r + eps)^gamma trade against each other
        Fit fit = Fitter.fit(Catalogue.builtIn().find("dcpt").orElseThrow(), synthetic(2, 0.006), "domain_loss",
                FitOptions.defaults());
        assertThat(fit.warnings()).anySatisfy(w -> assertThat(w).startsWith("weakly determined:").contains("C ("));
    }
}
