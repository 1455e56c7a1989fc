package dev.slaw.fit;

import dev.slaw.data.Dataset;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "no flags" recovery suite: every built-in law and five user formulas, fitted with the
 * defaults alone (what {@code slaw fit --law L --map .. --target y} does: the law's declared
 * bounds, or none for a formula; Huber(1e-3) summed; the default starts and stopping rule) to
 * synthetic data made from known parameters with 0.2 % multiplicative noise (seeded). Tolerance:
 * every parameter within 5 % of the truth (the weakly identified ones listed per case are
 * checked through the predictions only), every prediction within 1 %, and no warning.
 */
class NoFlagsRecoveryTest {
    private static final double NOISE = 0.002;

    /** A logistic written as a formula: its mirror image is the same curve. */
    private static final String LOGISTIC = "a / (1 + exp(-k * (x - x0))) + b";

    static Stream<Arguments> cases() {
        return Stream.of(
                // user formulas: every name that is not a column is a free, unbounded parameter
                Arguments.of("A * N^-alpha", Map.of("A", 50.0, "alpha", 0.3), logGrid1("N", 1e6, 1e10, 20), List.of()),
                Arguments.of("E + A * N^-alpha", Map.of("E", 1.7, "A", 400.0, "alpha", 0.35),
                        logGrid1("N", 1e6, 1e11, 25), List.of()),
                Arguments.of("a - b * exp(-c * x)", Map.of("a", 0.9, "b", 0.6, "c", 0.5), linear("x", 0, 10, 25),
                        List.of()),
                Arguments.of("A * N^-alpha * D^-beta", Map.of("A", 2e3, "alpha", 0.3, "beta", 0.2),
                        logGrid2("N", 1e7, 1e10, "D", 1e8, 1e12, 6), List.of()),
                Arguments.of(LOGISTIC, Map.of("a", 0.6, "k", 2.0, "x0", 23.0, "b", 0.25),
                        linear("x", 21, 25, 30), List.of()),
                // built-in laws
                Arguments.of("power", Map.of("A", 50.0, "alpha", 0.3), logGrid1("x", 1e6, 1e10, 20), List.of()),
                Arguments.of("power-offset", Map.of("E", 1.5, "A", 400.0, "alpha", 0.35),
                        logGrid1("x", 1e6, 1e11, 25), List.of()),
                // the same laws on data of other scales: compute in FLOPs, a target of order 1e-3
                Arguments.of("power", Map.of("A", 3e-1, "alpha", 0.15), logGrid1("x", 1e18, 1e24, 20), List.of()),
                Arguments.of("power-offset", Map.of("E", 2e-3, "A", 5e4, "alpha", 0.3),
                        logGrid1("x", 1e18, 1e24, 25), List.of()),
                Arguments.of("sigmoid-link", Map.of("a", 0.5, "k", -3.0, "x0", 2.2, "b", 0.3),
                        linear("x", 1.8, 3.0, 30), List.of()),
                Arguments.of("kaplan-nd", Map.of("Nc", 8.8e13, "Dc", 5.4e13, "aN", 0.076, "aD", 0.095),
                        logGrid2("N", 1e7, 1e10, "D", 1e8, 1e11, 6), List.of("Nc", "Dc")),
                Arguments.of("chinchilla", Map.of("E", 1.8, "A", 480.0, "B", 2100.0, "alpha", 0.35, "beta", 0.37),
                        logGrid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                // Kaplan et al.'s learning-curve law at its Table 3 constants, models of 1M to 1B parameters
                // and 5e3 to 2.5e5 steps, as their runs (reference s.10)
                Arguments.of("kaplan-ns", Map.of("Nc", 6.5e13, "Sc", 2.1e3, "aN", 0.077, "aS", 0.76),
                        logGrid2("N", 1e6, 1e9, "S", 5e3, 2.5e5, 6), List.of("Nc")),
                Arguments.of("chinchilla-tied", Map.of("E", 1.8, "A", 480.0, "B", 2100.0, "alpha", 0.35),
                        logGrid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                Arguments.of("sigmoid-link", Map.of("a", 0.6, "k", 2.0, "x0", 23.0, "b", 0.25),
                        linear("x", 21, 25, 30), List.of()),
                Arguments.of("error-exp", Map.of("eps", 0.9, "k", 3.0, "gamma", 0.8), linear("L", 2, 4.5, 30),
                        List.of()),
                Arguments.of("rectified", Map.of("B", 100.0, "Dl", 50.0, "beta", 0.4, "E", 1.2),
                        logGrid1("D", 1e2, 1e8, 30), List.of("Dl")),
                Arguments.of("loss-to-loss", Map.of("K", 0.8, "E1", 1.5, "kappa", 1.3, "E2", 1.9),
                        linear("L1", 2.5, 5, 30), List.of("E1", "E2", "K", "kappa")),
                Arguments.of("overtrain", Map.of("E", 1.7, "a", 50.0, "b", 200.0, "eta", 0.12),
                        logGrid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                Arguments.of("bnsl", Map.of("a", 0.05, "b", 2.0, "c0", 0.1, "c1", 0.8, "d1", 1e3, "f1", 0.3),
                        logGrid1("x", 1, 1e6, 40), List.of()),
                Arguments.of("bnsl-2", Map.of("a", 0.05, "b", 2.0, "c0", 0.1, "c1", 0.8, "d1", 1e2, "f1", 0.3,
                        "c2", 0.6, "d2", 1e5, "f2", 0.3), logGrid1("x", 1, 1e9, 80),
                        List.of("a", "f1", "f2", "c2", "d2", "c1", "d1")),
                Arguments.of("data-constrained", Map.of("E", 1.9, "A", 400.0, "B", 1500.0, "alpha", 0.35,
                        // the law derives U_N itself; few rows of this grid have N beyond it, so RN is weak
                        "beta", 0.35, "RD", 15.4, "RN", 5.3), dataConstrained(), List.of("B", "RN")),
                Arguments.of("data-constrained-un", Map.of("E", 1.9, "A", 400.0, "B", 1500.0, "alpha", 0.35,
                        "beta", 0.35, "RD", 15.4, "RN", 5.3), dataConstrained(), List.of("B")),
                // Tao et al.'s published constants (their optimal_Nv_predict.py), a negative target; the
                // vocabulary term is 0.004 to 0.12 against noise of 0.2 % of |Lu| (about 0.008), so A2
                // and alpha2 are weak (alpha2 comes out 0.706 for 0.671) and checked through predictions
                Arguments.of("vocabulary", Map.of("E", 5.5328, "A1", 1.8314, "A2", 0.19584, "B", 2.1241,
                        "alpha2", 0.67074, "beta", 0.44661), vocabulary(), List.of("A2", "alpha2")),
                // Step Law's published constants (the authors' calculator; reference s.7) on a grid like theirs
                Arguments.of("step-law-lr", Map.of("k", 1.79, "a", -0.713, "b", 0.307),
                        logGrid2("N", 2e8, 1e10, "D", 2e10, 1e12, 6), List.of()),
                // DeepSeek LLM's eq. 1 at its published constants, over budgets like its fit's (1e17 to 2e19)
                Arguments.of("deepseek-lr", Map.of("k", 0.3118, "a", -0.125), logGrid1("C", 1e17, 2e19, 12),
                        List.of()),
                Arguments.of("deepseek-batch", Map.of("k", 0.292, "b", 0.3271), logGrid1("C", 1e17, 2e19, 12),
                        List.of()),
                // Kaplan et al.'s critical batch size at its published constants, over losses of 2 to 6 nats
                Arguments.of("kaplan-bcrit", Map.of("Bstar", 2e8, "alphaB", 0.21), logGrid1("L", 2, 6, 12),
                        List.of()),
                // Power Lines' timescale law at made-up values (only its form was available)
                Arguments.of("power-lines-tau", Map.of("k", 0.7, "b", -0.5),
                        logGrid2("N", 1e8, 1e10, "D", 1e9, 1e12, 6), List.of()),
                Arguments.of("step-law-batch", Map.of("k", 0.58, "b", 0.571), logGrid1("D", 2e10, 1e12, 12),
                        List.of()),
                // Goyal et al.'s top-10% T-MARS constants (reference s.21), pools of 1.28M to 12.8M samples
                // trained up to 500 epochs; a and d trade against each other in the first epoch: through predictions
                Arguments.of("data-filtering", Map.of("a", 0.025, "b", -0.16, "tau", 6.727, "d", 0.1),
                        logGrid2("n", 2e6, 640e6, "U", 1.28e6, 12.8e6, 8), List.of("a", "d")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defaultsRecoverKnownParametersFromNoisyData(String lawText, Map<String, Double> truth,
                                                     Map<String, double[]> variables, List<String> weak) {
        Fit fit = recover(lawText, truth, variables, weak);
        // the only warning allowed says that parameters this case already knows to be weak are weak
        assertThat(fit.warnings()).allSatisfy(w -> {
            assertThat(w).startsWith("weakly determined:");
            for (FittedParameter p : fit.parameters()) {
                if (w.contains(" " + p.name() + " (")) {
                    assertThat(weak).contains(p.name());
                }
            }
        });
    }

    /**
     * A formula's free, unbounded scale A = 5e4 next to exponent 0.3 on compute of 1e18 to 1e24
     * FLOPs is badly scaled for the optimiser: the fit is right, and says that few starts agreed.
     */
    @org.junit.jupiter.api.Test
    void aFormulaOnFlopsIsRecoveredAndSaysWhenFewStartsAgreed() {
        Fit fit = recover("E + A * N^-alpha", Map.of("E", 2e-3, "A", 5e4, "alpha", 0.3),
                logGrid1("N", 1e18, 1e24, 25), List.of());
        if (fit.starts().reachedBest() < 2) {
            assertThat(fit.warnings()).contains("only one of " + fit.starts().total()
                    + " starts reached the best objective: the optimum may be fragile");
        }
    }

    /** Fits synthetic data made from {@code truth}, checks predictions and parameters, returns the fit. */
    private static Fit recover(String lawText, Map<String, Double> truth, Map<String, double[]> variables,
                               List<String> weak) {
        Dataset grid = Dataset.of("synthetic", variables);
        Law law = law(lawText, variables);
        double[] clean = clean(law, truth, grid);
        Dataset data = noisy(law, truth, variables);

        Fit fit = Fitter.fit(law, data, "y", FitOptions.defaults());
        double[] y = data.column("y");

        double[] predicted = fit.predict(grid);
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(predicted[i] / clean[i] - 1)).as("%s row %d", lawText, i).isLessThan(0.01);
        }
        Map<String, Double> fitted = new java.util.HashMap<>();
        for (String name : truth.keySet()) {
            fitted.put(name, fit.value(name));
        }
        if (lawText.equals(LOGISTIC) && fitted.get("k") < 0) {
            // a / (1 + exp(-k (x - x0))) + b with (-a, -k, a + b) is the same curve: no data tell them apart
            fitted.put("b", fitted.get("b") + fitted.get("a"));
            fitted.put("a", -fitted.get("a"));
            fitted.put("k", -fitted.get("k"));
        }
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (!weak.contains(e.getKey())) {
                assertThat(fitted.get(e.getKey())).as("%s of %s", e.getKey(), lawText)
                        .isCloseTo(e.getValue(), org.assertj.core.data.Percentage.withPercentage(5));
            }
        }
        return fit;
    }

    /** The case's law, resolved against its columns and the target y. */
    static Law law(String lawText, Map<String, double[]> variables) {
        List<String> columns = new ArrayList<>(variables.keySet());
        columns.add("y");
        return Catalogue.builtIn().resolve(lawText, columns);
    }

    private static double[] clean(Law law, Map<String, Double> truth, Dataset grid) {
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            var d = law.parameters().get(i);
            p[i] = d.isTied() ? truth.get(d.tie()) : truth.get(d.name());
        }
        LawEvaluator ev = law.evaluator(grid);
        double[] clean = new double[grid.rowCount()];
        ev.evaluate(p, clean, null);
        return clean;
    }

    /** The case's rows: the law at the truth with 0.2 % multiplicative noise (seeded) in column y. */
    static Dataset noisy(Law law, Map<String, Double> truth, Map<String, double[]> variables) {
        Dataset grid = Dataset.of("synthetic", variables);
        double[] clean = clean(law, truth, grid);
        SplittableRandom random = new SplittableRandom(7);
        double[] y = new double[clean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = clean[i] * (1 + NOISE * gaussian(random));
        }
        return grid.withColumn("y", y);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: a seeded normal draw without java.util.Random
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static Map<String, double[]> logGrid1(String name, double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
        }
        return Map.of(name, x);
    }

    private static Map<String, double[]> linear(String name, double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1.0);
        }
        return Map.of(name, x);
    }

    private static Map<String, double[]> logGrid2(String a, double aLo, double aHi, String b, double bLo, double bHi,
                                                  int n) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows.add(new double[]{aLo * Math.pow(aHi / aLo, i / (n - 1.0)), bLo * Math.pow(bHi / bLo, j / (n - 1.0))});
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(a, rows.stream().mapToDouble(r -> r[0]).toArray());
        m.put(b, rows.stream().mapToDouble(r -> r[1]).toArray());
        return m;
    }

    /** Tao et al.'s ladder: 33M to 2.8B non-vocabulary parameters, vocabularies of 4K to 96K, 1 to 64B tokens. */
    private static Map<String, double[]> vocabulary() {
        List<double[]> rows = new ArrayList<>();
        double[][] models = {{33e6, 512}, {85e6, 768}, {300e6, 1024}, {600e6, 1536}, {1.1e9, 2048}, {2.8e9, 3200}};
        for (double[] model : models) {
            for (double v : new double[]{4096, 8192, 16384, 32768, 65536, 98304}) {
                for (double d : new double[]{1e9, 4e9, 16e9, 64e9}) {
                    rows.add(new double[]{model[0], v * model[1], d});
                }
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        String[] names = {"Nnv", "Nv", "D"};
        for (int k = 0; k < 3; k++) {
            final int kk = k;
            m.put(names[k], rows.stream().mapToDouble(r -> r[kk]).toArray());
        }
        return m;
    }

    /** Models of 1e7..1e10 parameters on 1 to 40 epochs of 1e9..1e11 unique tokens. */
    private static Map<String, double[]> dataConstrained() {
        List<double[]> rows = new ArrayList<>();
        for (double n : new double[]{1e7, 1e8, 1e9, 1e10}) {
            for (double u : new double[]{1e9, 1e10, 1e11}) {
                for (double epochs : new double[]{1, 2, 4, 8, 16, 40}) {
                    rows.add(new double[]{n, u * epochs, u, Math.min(n, u / 20)});
                }
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        String[] names = {"N", "D", "U", "UN"};
        for (int k = 0; k < 4; k++) {
            final int kk = k;
            m.put(names[k], rows.stream().mapToDouble(r -> r[kk]).toArray());
        }
        return m;
    }
}
