package dev.slaw.mixture;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.MixtureLaw;
import dev.slaw.law.MixtureVariables;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 15, must-show 1 for Shukor et al. 2025's laws (arXiv:2507.09404): recovery on noisy
 * synthetic runs with the catalogue's defaults, the mixtures drawn so that about a quarter of
 * the proportions are exactly 0 (as in RegMix), where h^gamma and its derivative must stay finite.
 */
class ShukorMixtureLawsTest {
    private static final List<String> DOMAINS = List.of("mix_web", "mix_code", "mix_books", "mix_wiki");
    private static final double E = 2.0;
    private static final double[] C = {1.5, 0.8, 0.5, 1.0};
    private static final double[] GAMMA = {0.6, 0.9, 0.4, 0.7};

    private static MixtureVariables mixture() {
        return new MixtureVariables(Map.of("r", DOMAINS));
    }

    private static FormulaLaw law(String name) {
        return ((MixtureLaw) Catalogue.builtIn().find(name).orElseThrow()).bind(mixture());
    }

    /** A mixture from a flat Dirichlet, each domain but the first left out with probability 1/4. */
    private static double[] mixture(SplittableRandom rnd) {
        double[] e = new double[DOMAINS.size()];
        double sum = 0;
        for (int j = 0; j < e.length; j++) {
            e[j] = j > 0 && rnd.nextDouble() < 0.25 ? 0 : -Math.log(1 - rnd.nextDouble());
            sum += e[j];
        }
        for (int j = 0; j < e.length; j++) {
            e[j] /= sum;
        }
        return e;
    }

    private static double mixtureTerm(double[] h) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
            s += h[j] > 0 ? C[j] * Math.pow(h[j], GAMMA[j]) : 0;
        }
        return 1 / s;
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static Dataset table(String name, double[][] h, Map<String, double[]> scalars, double[] loss) {
        Map<String, double[]> cols = new LinkedHashMap<>(scalars);
        for (int j = 0; j < DOMAINS.size(); j++) {
            double[] col = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                col[i] = h[i][j];
            }
            cols.put(DOMAINS.get(j), col);
        }
        cols.put("loss", loss);
        return Dataset.of(name, cols);
    }

    /** One model size and token count: L = E + 1 / sum_j C_j h_j^gamma_j, 0.2 % noise. */
    private static Dataset oneScale(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] h = new double[rows][];
        double[] loss = new double[rows];
        for (int i = 0; i < rows; i++) {
            h[i] = mixture(rnd);
            loss[i] = (E + mixtureTerm(h[i])) * (1 + 0.002 * gaussian(rnd));
        }
        return table("one-scale", h, Map.of(), loss);
    }

    @Test
    void sumpowIsWrittenOutOverEveryDomain() {
        MixtureVariables m = new MixtureVariables(Map.of("r", List.of("mix_web", "mix_code")));
        // a proportion of 0 keeps its power at 0 and the power's derivative in g finite
        assertThat(m.expand("E + 1 / sumpow(C, r, g)")).isEqualTo("E + 1 / (C_web * (mix_web > 0) * max(mix_web, 1e-300) ^ g_web"
                + " + C_code * (mix_code > 0) * max(mix_code, 1e-300) ^ g_code)");
        assertThat(m.expand("sumpow(a, r, 1)^p")).isEqualTo("(a_web * mix_web + a_code * mix_code)^p");
        assertThat(MixtureVariables.vectorParameters("E + 1 / sumpow(C, r, g) + sumpow(a, r, 1)")).containsExactly("C", "g", "a");
    }

    @Test
    void recoversTheOneScaleAdditiveLawWithDefaults() {
        FormulaLaw law = law("mixture-power");
        // every domain has its own coefficient and exponent: a sum of powers has no redundant term
        assertThat(law.parameters().stream().map(p -> p.name()).toList()).containsExactly("E",
                "C_web", "gamma_web", "C_code", "gamma_code", "C_books", "gamma_books", "C_wiki", "gamma_wiki");
        assertThat(law.metadata().citation()).contains("arXiv:2507.09404");
        Fit fit = Fitter.fit(law, oneScale(120, 3), "loss", FitOptions.defaults());
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.value("E")).isCloseTo(E, within(0.1 * E));
        String[] names = {"web", "code", "books", "wiki"};
        for (int j = 0; j < names.length; j++) {
            assertThat(fit.value("C_" + names[j])).as("C_" + names[j]).isCloseTo(C[j], within(0.15 * C[j]));
            assertThat(fit.value("gamma_" + names[j])).as("gamma_" + names[j]).isCloseTo(GAMMA[j], within(0.1));
        }
        assertThat(fit.parameters()).allSatisfy(p -> assertThat(p.standardError()).isFinite());
        Dataset held = oneScale(60, 4);
        assertThat(RankAgreement.spearman(fit.predict(held), held.column("loss"))).isGreaterThan(0.99);
    }

    private static final double A = 400;
    private static final double ALPHA = 0.34;
    private static final double B = 300;
    private static final double BETA = 0.28;
    private static final double[] SIZES = {2e7, 6e7, 2e8, 6e8};
    private static final double[] TOKENS = {1e9, 4e9, 1.6e10};

    /** 12 mixtures at each of 4 model sizes x 3 token counts, from the additive law. */
    private static Dataset scales(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = SIZES.length * TOKENS.length * 12;
        double[][] h = new double[rows][];
        double[] n = new double[rows];
        double[] d = new double[rows];
        double[] loss = new double[rows];
        int i = 0;
        for (double size : SIZES) {
            for (double tokens : TOKENS) {
                for (int k = 0; k < 12; k++, i++) {
                    h[i] = mixture(rnd);
                    n[i] = size;
                    d[i] = tokens;
                    double an = A / Math.pow(size, ALPHA);
                    double bd = B / Math.pow(tokens, BETA);
                    loss[i] = (E + mixtureTerm(h[i]) + an + bd) * (1 + 0.002 * gaussian(rnd));
                }
            }
        }
        Map<String, double[]> scalars = new LinkedHashMap<>();
        scalars.put("N", n);
        scalars.put("D", d);
        return table("additive", h, scalars, loss);
    }

    private static double dot(double[] a, double[] h) {
        double s = 0;
        for (int j = 0; j < h.length; j++) {
            s += a[j] * h[j];
        }
        return s;
    }

    @Test
    void recoversTheAdditiveLawWithDefaults() {
        FormulaLaw law = law("mixture-additive");
        assertThat(law.variables()).startsWith("N", "D").containsAll(DOMAINS);
        Fit fit = Fitter.fit(law, scales(5), "loss", FitOptions.defaults());
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.value("alpha")).isCloseTo(ALPHA, within(0.05));
        assertThat(fit.value("beta")).isCloseTo(BETA, within(0.05));
        assertThat(fit.value("gamma_web")).isCloseTo(GAMMA[0], within(0.1));
        assertThat(fit.value("C_web")).isCloseTo(C[0], within(0.2 * C[0]));
        Dataset held = scales(6);
        assertThat(RankAgreement.spearman(fit.predict(held), held.column("loss"))).isGreaterThan(0.99);
    }
}
