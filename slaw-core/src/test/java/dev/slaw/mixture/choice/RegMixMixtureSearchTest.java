package dev.slaw.mixture.choice;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.law.FormulaLaw;
import dev.slaw.law.Law;
import dev.slaw.law.ParameterDeclaration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search on RegMix's 17 Pile domains (Liu et al. 2024, arXiv:2407.01492; data in
 * examples/regmix/): the data mixing law of Ye et al. 2024, {@code L = c + k exp(sum_j t_j r_j)}
 * with the last domain's t fixed at 0 (the proportions sum to 1, so one t is redundant), fitted
 * to the Pile-CC validation loss of the 512 training mixtures of 1M models. The search's best
 * predicted loss must be no worse than RegMix's own search: 100,000 Dirichlet samples with the
 * domain token distribution as concentration (../shared REFERENCE.md section 7; drawn here from
 * a seeded SplittableRandom, not numpy's stream).
 */
class RegMixMixtureSearchTest {
    static final Path DIR = Path.of("..", "examples", "regmix");
    /** The domains in the files' column order, with RegMix's token distribution. */
    static final Map<String, Double> TOKENS = new LinkedHashMap<>();

    static {
        TOKENS.put("arxiv", .11328527);
        TOKENS.put("freelaw", .07960865);
        TOKENS.put("nih_exporter", .00391349);
        TOKENS.put("pubmed_central", .1853759);
        TOKENS.put("wikipedia_en", .05108136);
        TOKENS.put("dm_mathematics", .01596293);
        TOKENS.put("github", .10175077);
        TOKENS.put("philpapers", .00370752);
        TOKENS.put("stackexchange", .06652935);
        TOKENS.put("enron_emails", .00175077);
        TOKENS.put("gutenberg_pg_19", .02708548);
        TOKENS.put("pile_cc", .23686921);
        TOKENS.put("ubuntu_irc", .01184346);
        TOKENS.put("europarl", .00792997);
        TOKENS.put("hackernews", .00803296);
        TOKENS.put("pubmed_abstracts", .03882595);
        TOKENS.put("uspto_backgrounds", .04644696);
    }

    static List<String> sources;
    static Fit fit;

    @BeforeAll
    static void fitTheMixingLaw() throws IOException {
        // the 512 training runs: index, the 17 proportions, then the 13 validation losses by domain
        List<String> lines = Files.readAllLines(DIR.resolve("train_1m.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        sources = header.subList(1, 18);
        assertThat(sources).allMatch(name -> name.startsWith("train_the_pile_"));
        int target = header.indexOf("pile_cc");
        int rows = lines.size() - 1;
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String s : sources) {
            columns.put(s, new double[rows]);
        }
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int j = 0; j < sources.size(); j++) {
                columns.get(sources.get(j))[r] = Double.parseDouble(cells[j + 1]);
            }
            y[r] = Double.parseDouble(cells[target]);
        }
        columns.put("pile_cc_loss", y);
        Dataset data = Dataset.of("examples/regmix (train, 1M)", columns);
        assertThat(data.rowCount()).isEqualTo(512);
        fit = Fitter.fit(mixingLaw(columns.keySet()), data, "pile_cc_loss", FitOptions.defaults());
    }

    /** {@code pile_cc_loss = c + k*exp(t1*r1 + ... + t17*r17)}, t17 = 0. */
    static Law mixingLaw(java.util.Collection<String> columns) {
        StringBuilder sum = new StringBuilder();
        for (int j = 0; j < sources.size(); j++) {
            sum.append(j == 0 ? "" : " + ").append("t").append(j + 1).append('*').append(sources.get(j));
        }
        FormulaLaw law = FormulaLaw.fromFormula("pile_cc_loss = c + k*exp(" + sum + ")", columns);
        return law.withParameters(ParameterDeclaration.applyAll(law.parameters(), List.of("t17 = 0"), law.name()));
    }

    static MixtureFunction pileCcLoss() {
        return MixtureFunction.of(fit.law(), fit.values(), sources, Map.of());
    }

    /**
     * Dirichlet draws with the given concentrations: normalised Gamma draws, in logs, since a
     * concentration of 0.002 makes a Gamma draw underflow (Gamma(a) = Gamma(a + 1) U^(1/a)).
     */
    static double[][] dirichlet(double[] alpha, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[count][alpha.length];
        double[] logs = new double[alpha.length];
        for (int k = 0; k < count; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < alpha.length; j++) {
                logs[j] = Math.log(gamma(alpha[j] + 1, random)) + Math.log(1 - random.nextDouble()) / alpha[j];
                max = Math.max(max, logs[j]);
            }
            double sum = 0;
            for (int j = 0; j < alpha.length; j++) {
                out[k][j] = Math.exp(logs[j] - max);
                sum += out[k][j];
            }
            for (int j = 0; j < alpha.length; j++) {
                out[k][j] /= sum;
            }
        }
        return out;
    }

    /** Marsaglia and Tsang 2000, shape >= 1. */
    static double gamma(double shape, SplittableRandom random) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double normal(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void theSearchBeatsOneHundredThousandDirichletSamples() {
        MixtureFunction f = pileCcLoss();
        long t0 = System.nanoTime();
        MixtureOptimum optimum = MixtureSearch.withDefaults().minimize(f, MixtureSpace.simplex(sources));
        double[] alpha = TOKENS.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] samples = dirichlet(alpha, 100_000, 42);
        long t1 = System.nanoTime();
        double[] predicted = f.values(samples);
        System.out.printf("search %.1f ms (%d evaluations), sampler %.1f ms%n", (t1 - t0) / 1e6, optimum.evaluations(), (System.nanoTime() - t1) / 1e6);
        double bestSample = Double.POSITIVE_INFINITY;
        int best = -1;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < bestSample) {
                bestSample = predicted[i];
                best = i;
            }
        }
        StringBuilder report = new StringBuilder("search " + optimum.value() + ", best of 100,000 Dirichlet samples "
                + bestSample + "\n");
        for (int j = 0; j < sources.size(); j++) {
            report.append(String.format("  %-36s search %.4f  sample %.4f%n", sources.get(j), optimum.proportions()[j],
                    samples[best][j]));
        }
        System.out.println(report);
        assertThat(optimum.value()).isLessThanOrEqualTo(bestSample);
        assertThat(MixtureSpace.simplex(sources).contains(optimum.proportions(), 1e-12)).isTrue();
    }
}
