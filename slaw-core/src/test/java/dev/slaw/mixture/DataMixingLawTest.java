package dev.slaw.mixture;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.Catalogue;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.MixtureLaw;
import dev.slaw.law.MixtureVariables;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DataMixingLawTest {
    private static final List<String> DOMAINS = List.of("mix_web", "mix_code", "mix_books", "mix_wiki");
    // coefficients relative to the reference domain (the last, mix_wiki), whose own is 0
    private static final double C = 2.0;
    private static final double K = 1.5;
    private static final double[] T = {-1.0, 0.5, -2.0, 0.0};

    /** Mixtures drawn uniformly on the simplex (seeded), loss from the law with 0.2 % noise. */
    private static Dataset synthetic(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] r = new double[DOMAINS.size()][rows];
        double[] loss = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            double[] e = new double[DOMAINS.size()];
            for (int j = 0; j < e.length; j++) {
                e[j] = -Math.log(1 - rnd.nextDouble());
                sum += e[j];
            }
            double dot = 0;
            for (int j = 0; j < e.length; j++) {
                r[j][i] = e[j] / sum;
                dot += T[j] * r[j][i];
            }
            loss[i] = (C + K * Math.exp(dot)) * (1 + 0.002 * rnd.nextGaussian());
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int j = 0; j < DOMAINS.size(); j++) {
            cols.put(DOMAINS.get(j), r[j]);
        }
        cols.put("loss", loss);
        return Dataset.of("synthetic", cols);
    }

    private static MixtureVariables mixture() {
        return new MixtureVariables(Map.of("r", DOMAINS));
    }

    @Test
    void recoversTheDataMixingLawWithDefaults() {
        Law template = Catalogue.builtIn().find("data-mixing").orElseThrow();
        assertThat(template).isInstanceOf(MixtureLaw.class);
        FormulaLaw law = ((MixtureLaw) template).bind(mixture());
        // the reference domain has no coefficient: the full law's Hessian would be singular
        assertThat(law.parameters().stream().map(p -> p.name()).toList())
                .containsExactly("c", "k", "t_web", "t_code", "t_books");
        assertThat(law.variables()).containsExactlyElementsOf(DOMAINS);
        Dataset data = synthetic(80, 7);
        Fit fit = Fitter.fit(law, data, "loss", FitOptions.defaults());
        assertThat(fit.convergence().converged()).isTrue();
        assertThat(fit.value("c")).isCloseTo(C, within(0.05 * C));
        assertThat(fit.value("k")).isCloseTo(K, within(0.05 * K));
        assertThat(fit.value("t_web")).isCloseTo(T[0], within(0.05));
        assertThat(fit.value("t_code")).isCloseTo(T[1], within(0.05));
        assertThat(fit.value("t_books")).isCloseTo(T[2], within(0.1));
        Dataset held = synthetic(40, 8);
        double rho = RankAgreement.spearman(fit.predict(held), held.column("loss"));
        assertThat(rho).isGreaterThan(0.99);
        assertThat(fit.parameters()).allSatisfy(p -> assertThat(p.standardError()).isFinite());
    }

    @Test
    void aUserFormulaSumsOverTheMixtureToo() {
        MixtureVariables m = mixture();
        assertThat(m.expand("b + dot(w, r)"))
                .isEqualTo("b + (w_web * mix_web + w_code * mix_code + w_books * mix_books)");
        Law linear = m.resolve("b + dot(w, r)", Catalogue.builtIn(), List.of("mix_web", "mix_code", "mix_books",
                "mix_wiki", "loss"));
        assertThat(linear.name()).isEqualTo("b + dot(w, r)");
        assertThat(linear.variables()).containsExactlyElementsOf(DOMAINS);
    }

    @Test
    void proportionsAreCheckedAndRenormalised() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a", new double[]{0.5, 0.499, 0.2});
        cols.put("b", new double[]{0.5, 0.503, 0.8});
        Proportions p = Proportions.check(Dataset.of("t.csv", cols), List.of("a", "b"), 0.01);
        assertThat(p.renormalised()).isEqualTo(1);
        assertThat(p.data().column("a")[1] + p.data().column("b")[1]).isCloseTo(1.0, within(1e-15));
        assertThat(p.note()).contains("renormalised 1 of 3 rows", "1.0000-1.0020");

        cols.put("b", new double[]{0.5, 0.4, 0.8});
        assertThatThrownBy(() -> Proportions.check(Dataset.of("t.csv", cols), List.of("a", "b"), 0.01))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 2").hasMessageContaining("sum to 0.899");
        cols.put("b", new double[]{0.5, 0.501, 0.8});
        cols.put("a", new double[]{0.5, 0.499, -0.2});
        assertThatThrownBy(() -> Proportions.check(Dataset.of("t.csv", cols), List.of("a", "b"), 0.01))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 3, column \"a\": -0.2 is not a proportion");
    }

    @Test
    void aMixtureNeedsColumns() {
        assertThatThrownBy(() -> MixtureVariables.parse(List.of("r=")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bound to no columns");
        assertThatThrownBy(() -> mixture().expand("c + dot(t, q)"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--mixture q=");
    }

    @Test
    void spearmanGivesTiesTheirMeanRank() {
        assertThat(RankAgreement.ranks(new double[]{3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(RankAgreement.spearman(new double[]{1, 2, 3}, new double[]{10, 20, 30})).isEqualTo(1.0);
        assertThat(RankAgreement.spearman(new double[]{1, 2, 3}, new double[]{3, 2, 1})).isEqualTo(-1.0);
    }
}
