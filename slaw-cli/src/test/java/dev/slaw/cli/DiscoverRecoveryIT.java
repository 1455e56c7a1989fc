package dev.slaw.cli;

import dev.slaw.data.Dataset;
import dev.slaw.discover.Discovery;
import dev.slaw.discover.Search;
import dev.slaw.discover.SearchOptions;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.uncertainty.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20's recovery check: data sampled at small scales, with 0.5% multiplicative noise, from
 * twelve known laws of different shapes; the search must pick the generating form (or an
 * equivalent one: the same canonical form) in at least 10 of 12, and its prediction at ten
 * times the largest value of the extrapolated variable must lie within twice the noise of the
 * true law there.
 */
class DiscoverRecoveryIT {
    static final double NOISE = 0.005;

    /** One generating law: its canonical form, its variables and their sampled values, the law. */
    record Case(String name, String form, List<String> vars, double[][] grid, ToDoubleFunction<double[]> law) {
    }

    static double[] logSpaced(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
        }
        return out;
    }

    static double[] linear(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * i / (n - 1);
        }
        return out;
    }

    static List<Case> cases() {
        double[] n1 = logSpaced(1e7, 1e9, 16);
        double[] n2 = logSpaced(1e7, 1e9, 6);
        double[] d2 = logSpaced(1e9, 1e11, 6);
        List<Case> out = new ArrayList<>();
        out.add(new Case("power", "P(N)", List.of("N"), new double[][]{n1},
                v -> 5 * Math.pow(v[0] / 1e8, -0.3)));
        out.add(new Case("power with irreducible", "E+P(N)", List.of("N"), new double[][]{n1},
                v -> 1.5 + 3 * Math.pow(v[0] / 1e8, -0.35)));
        out.add(new Case("offset power", "E+O(N)", List.of("N"), new double[][]{n1},
                v -> 1.8 + 2 * Math.pow(v[0] / 1e8 + 0.3, -0.8)));
        out.add(new Case("logarithm", "E+L(N)", List.of("N"), new double[][]{n1},
                v -> 4 - 0.2 * Math.log(v[0] / 1e8)));
        out.add(new Case("exponential saturation", "E+X(x)", List.of("x"), new double[][]{linear(0.5, 6, 16)},
                v -> 2 + 1.5 * Math.exp(-0.6 * v[0])));
        out.add(new Case("broken power law", "E+B(N)", List.of("N"), new double[][]{n1},
                v -> 1 + 2 * Math.pow(v[0] / 1e8, -0.1) * Math.pow(1 + v[0] / 1e8, -0.6)));
        out.add(new Case("log-quadratic", "Q(N)", List.of("N"), new double[][]{n1},
                v -> 3 * Math.exp(-0.1 * Math.log(v[0] / 1e8) - 0.02 * Math.pow(Math.log(v[0] / 1e8), 2))));
        out.add(new Case("logit (an accuracy)", "G(N)", List.of("N"), new double[][]{n1},
                v -> 1 / (1 + Math.exp(-(-1 + 0.4 * Math.log(v[0] / 1e8))))));
        out.add(new Case("chinchilla", "E+P(D)+P(N)", List.of("N", "D"), new double[][]{n2, d2},
                v -> 1.7 + 0.8 * Math.pow(v[0] / 1e8, -0.34) + 0.9 * Math.pow(v[1] / 1e10, -0.28)));
        out.add(new Case("interaction N^a D^b", "E+M(N,D)", List.of("N", "D"), new double[][]{n2, d2},
                v -> 2 + 1.2 * Math.pow(v[0] / 1e8, -0.3) * Math.pow(v[1] / 1e10, -0.2)));
        out.add(new Case("shared exponent", "E+S(N,D)", List.of("N", "D"), new double[][]{n2, d2},
                v -> 1.8 + 0.7 * Math.pow(v[0] / 1e8, -0.3) + 0.9 * Math.pow(v[1] / 1e10, -0.3)));
        out.add(new Case("exponent moving with D", "E+V(N|D)", List.of("N", "D"), new double[][]{n2, d2},
                v -> 2 + 1.5 * Math.pow(v[0] / 1e8, -(0.3 + 0.08 * Math.log(v[1] / 1e10)))));
        return out;
    }

    static Dataset sample(Case c, long seed) {
        Random random = new Random(seed);
        List<double[]> points = new ArrayList<>();
        if (c.grid().length == 1) {
            for (double x : c.grid()[0]) {
                points.add(new double[]{x});
            }
        } else {
            for (double x : c.grid()[0]) {
                for (double y : c.grid()[1]) {
                    points.add(new double[]{x, y});
                }
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int j = 0; j < c.vars().size(); j++) {
            int jj = j;
            columns.put(c.vars().get(j), points.stream().mapToDouble(p -> p[jj]).toArray());
        }
        columns.put("y", points.stream().mapToDouble(p -> c.law().applyAsDouble(p) * Math.exp(NOISE * random.nextGaussian()))
                .toArray());
        return Dataset.of("synthetic " + c.name(), columns);
    }

    @Test
    void recoversTenOfTwelveGeneratingForms() {
        List<Case> cases = cases();
        String only = System.getProperty("discover.cases", "");
        int recovered = 0;
        int predicted = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (!only.isEmpty() && !only.contains("," + i + ",")) {
                continue;
            }
            Dataset data = sample(c, 20 + i);
            String along = c.vars().get(0);
            SearchOptions options = SearchOptions.defaults(along, FitOptions.defaults()).withMaxParameters(6);
            Discovery d = Search.run(data, "y", c.vars(), options, ProgressListener.NONE);
            Fit winner = d.winnerFit().orElseThrow();
            String form = d.ranked().get(0).candidate().canonical();
            Map<String, Double> far = new LinkedHashMap<>();
            double[] point = new double[c.vars().size()];
            for (int j = 0; j < point.length; j++) {
                double[] g = c.grid()[j];
                point[j] = g[g.length - 1] * (j == 0 ? 10 : 1);
                far.put(c.vars().get(j), point[j]);
            }
            double truth = c.law().applyAsDouble(point);
            double error = Math.abs(winner.predict(far) - truth) / truth;
            boolean same = form.equals(c.form());
            recovered += same ? 1 : 0;
            predicted += same && error <= 2 * NOISE ? 1 : 0;
            report.append(String.format(Locale.ROOT, "%-26s %-12s winner %-14s %-50s error at 10x %.2f%% (%d candidates)%n",
                    c.name(), c.form(), form, d.ranked().get(0).candidate().formula(), 100 * error, d.evaluated()));
            if (!same) {
                for (var r : d.ranked()) {
                    if (r.candidate().canonical().equals(c.form()) || d.ranked().indexOf(r) < 3) {
                        report.append(String.format(Locale.ROOT, "      %d. %s %.3f%% params %d aic %.1f %s %s%n", d.ranked().indexOf(r) + 1,
                                r.candidate().canonical(), 100 * r.score(), r.candidate().parameters(),
                                r.fit() == null ? Double.NaN : r.fit().statistics().aic(), r.failure(), r.fit()));
                    }
                }
            }
        }
        System.out.print(report);
        assertTrue(recovered >= 10, "recovered " + recovered + " of 12:\n" + report);
        assertTrue(predicted >= 10, "recovered and predicted within twice the noise at 10x: " + predicted + " of 12:\n" + report);
    }
}
