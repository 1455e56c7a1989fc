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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in law fitted back from noiseless synthetic data made with known parameters, from
 * the law's default start grid. Tolerance: every parameter within 1 % of the truth and every
 * prediction within 1e-4 relative. The objective of noiseless data tends to zero, so the
 * stopping rules are tightened (scipy's are relative to max(|f|, 1)). The two breaks of
 * {@code bnsl-2} may swap places (the law is symmetric in them), so only predictions and
 * the parameters before the breaks are checked there.
 */
class RecoveryTest {

    static Stream<Arguments> laws() {
        return Stream.of(
                Arguments.of("power", Map.of("A", 50.0, "alpha", 0.3), grid1("x", 1e6, 1e10, 20), List.of()),
                Arguments.of("power-offset", Map.of("E", 1.5, "A", 400.0, "alpha", 0.35),
                        grid1("x", 1e6, 1e11, 25), List.of()),
                Arguments.of("kaplan-nd", Map.of("Nc", 8.8e13, "Dc", 5.4e13, "aN", 0.076, "aD", 0.095),
                        grid2("N", 1e7, 1e10, "D", 1e8, 1e11, 6), List.of()),
                Arguments.of("chinchilla", Map.of("E", 1.8, "A", 480.0, "B", 2100.0, "alpha", 0.35, "beta", 0.37),
                        grid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                Arguments.of("chinchilla-tied", Map.of("E", 1.8, "A", 480.0, "B", 2100.0, "alpha", 0.35),
                        grid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                Arguments.of("bnsl", Map.of("a", 0.05, "b", 2.0, "c0", 0.1, "c1", 0.8, "d1", 1e3, "f1", 0.3),
                        grid1("x", 1, 1e6, 40), List.of()),
                Arguments.of("bnsl-2", Map.of("a", 0.05, "b", 2.0, "c0", 0.1, "c1", 0.8, "d1", 1e2, "f1", 0.3,
                        "c2", 0.6, "d2", 1e5, "f2", 0.3), grid1("x", 1, 1e9, 80), List.of("f1", "f2", "c2", "d2", "c1", "d1")),
                Arguments.of("data-constrained", Map.of("E", 1.9, "A", 400.0, "B", 1500.0, "alpha", 0.35,
                        "beta", 0.35, "RD", 15.4, "RN", 5.3), dataConstrained(), List.of()),
                Arguments.of("data-constrained-un", Map.of("E", 1.9, "A", 400.0, "B", 1500.0, "alpha", 0.35,
                        "beta", 0.35, "RD", 15.4, "RN", 5.3), dataConstrained(), List.of()),
                Arguments.of("overtrain", Map.of("E", 1.7, "a", 50.0, "b", 200.0, "eta", 0.12),
                        grid2("N", 1e7, 1e10, "D", 1e8, 1e12, 7), List.of()),
                Arguments.of("rectified", Map.of("B", 100.0, "Dl", 50.0, "beta", 0.4, "E", 1.2),
                        grid1("D", 1e2, 1e8, 30), List.of()),
                Arguments.of("loss-to-loss", Map.of("K", 0.8, "E1", 1.5, "kappa", 1.3, "E2", 1.9),
                        linear("L1", 2.5, 5, 30), List.of()),
                Arguments.of("sigmoid-link", Map.of("a", 0.7, "k", 1.5, "x0", 0.5, "b", 0.25),
                        linear("x", -4, 4, 30), List.of()),
                Arguments.of("error-exp", Map.of("eps", 0.9, "k", 3.0, "gamma", 0.8),
                        linear("L", 2, 4.5, 30), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void fitRecoversKnownParametersFromNoiselessData(String name, Map<String, Double> truth,
                                                     Map<String, double[]> variables, List<String> weak) {
        Law law = Catalogue.builtIn().find(name).orElseThrow();
        double[] p = new double[law.parameters().size()];
        for (int i = 0; i < p.length; i++) {
            String pn = law.parameters().get(i).name();
            p[i] = law.parameters().get(i).isTied() ? truth.get(law.parameters().get(i).tie()) : truth.get(pn);
        }
        Dataset data = Dataset.of("synthetic " + name, variables);
        LawEvaluator ev = law.evaluator(data);
        double[] y = new double[data.rowCount()];
        ev.evaluate(p, y, null);
        data = data.withColumn("y_observed", y);

        Fit fit = Fitter.fit(law, data, "y_observed", FitOptions.defaults()
                .withObjective(Objective.of(Loss.SQUARED))
                .withStarts(Starts.lawGrid())
                .withTolerances(1e-15, 1e-9));

        double[] predicted = fit.predict(data);
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(predicted[i] - y[i]) / Math.abs(y[i])).as("row %d of %s", i, name).isLessThan(1e-4);
        }
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            if (weak.contains(e.getKey())) {
                continue;
            }
            assertThat(fit.value(e.getKey())).as("%s of %s", e.getKey(), name)
                    .isCloseTo(e.getValue(), org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    private static Map<String, double[]> grid1(String name, double lo, double hi, int n) {
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

    private static Map<String, double[]> grid2(String a, double aLo, double aHi, String b, double bLo, double bHi,
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

    /** Models of 1e7..1e10 parameters on 1 to 40 epochs of 1e9..1e11 unique tokens. */
    private static Map<String, double[]> dataConstrained() {
        List<double[]> rows = new ArrayList<>();
        for (double n : new double[]{1e7, 1e8, 1e9, 1e10}) {
            for (double u : new double[]{1e9, 1e10, 1e11}) {
                for (double epochs : new double[]{1, 2, 4, 8, 16, 40}) {
                    double un = Math.min(n, u / 20);
                    rows.add(new double[]{n, u * epochs, u, un});
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
