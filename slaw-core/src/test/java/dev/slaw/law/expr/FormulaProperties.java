package dev.slaw.law.expr;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random formulas: printing parses back to the same function, and symbolic derivatives agree
 * with finite differences.
 */
class FormulaProperties {

    /** 40 rows: x takes 5 distinct values (computed once per value), y 40. */
    private static final double[] X = new double[40];
    private static final double[] Y = new double[40];

    static {
        double[] xs = {0.5, 1.3, 2.0, 7.5, 3.1};
        for (int i = 0; i < 40; i++) {
            X[i] = xs[(i * 7) % 5];
            Y[i] = 0.2 + 0.37 * i;
        }
    }

    @Provide
    Arbitrary<String> formulas() {
        return expression(4);
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.of("x", "y", "p0", "p1", "p2"),
                Arbitraries.doubles().between(0.1, 3).map(d -> String.valueOf(Math.round(d * 100) / 100.0)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, Combinators.combine(sub, sub, Arbitraries.of("+", "-", "*", "/"))
                        .as((a, b, op) -> "(" + a + " " + op + " " + b + ")")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, Arbitraries.of("exp", "softplus", "sigmoid", "abs", "-"))
                        .as((a, f) -> f.equals("-") ? "-(" + a + ")" : f + "(" + a + " / 3)")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "log(1 + (" + a + ")^2)")),
                net.jqwik.api.Tuple.of(1, sub.map(a -> "x^(" + a + " / 5)")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as((a, b) -> "max(" + a + ", " + b + ")")));
    }

    @Property(tries = 300)
    void printedFormulaParsesBackToTheSameFunction(@ForAll("formulas") String text) {
        Formula f = Formula.parse(text);
        Formula again = Formula.parse(f.expression().toString());
        Map<String, double[]> cols = Map.of("x", X, "y", Y, "p0", filled(0.3), "p1", filled(1.7), "p2", filled(-0.4));
        double[] a = f.evaluate(cols);
        double[] b = again.evaluate(cols);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isEqualTo(a[i]);
        }
    }

    private static double[] filled(double v) {
        double[] c = new double[X.length];
        java.util.Arrays.fill(c, v);
        return c;
    }

    @Property(tries = 300)
    void compiledValuesEqualColumnEvaluation(@ForAll("formulas") String text) {
        Formula f = Formula.parse(text);
        Program program = f.compile(Map.of("x", X, "y", Y), List.of("p0", "p1", "p2"), X.length);
        program.run(new double[]{0.3, 1.7, -0.4});
        double[] compiled = new double[X.length];
        program.output(0, compiled);
        double[] direct = f.evaluate(Map.of("x", X, "y", Y, "p0", filled(0.3), "p1", filled(1.7), "p2", filled(-0.4)));
        for (int i = 0; i < X.length; i++) {
            if (Double.isNaN(direct[i])) {
                assertThat(compiled[i]).isNaN();
            } else {
                assertThat(compiled[i]).as("row %d of %s", i, text)
                        .isCloseTo(direct[i], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(direct[i]))));
            }
        }
    }

    @Property(tries = 300)
    void derivativesAgreeWithFiniteDifferences(@ForAll("formulas") String text) {
        Formula f = Formula.parse(text);
        List<String> params = List.of("p0", "p1", "p2");
        Program program = f.compile(Map.of("x", X, "y", Y), params, X.length);
        double[] p = {0.3, 1.7, -0.4};
        program.run(p);
        double[] value = new double[X.length];
        program.output(0, value);
        for (int j = 0; j < 3; j++) {
            double[] analytic = new double[X.length];
            program.output(1 + j, analytic);
            double h = 1e-6 * Math.max(1, Math.abs(p[j]));
            double[] up = p.clone();
            double[] down = p.clone();
            up[j] += h;
            down[j] -= h;
            double[] vu = new double[X.length];
            double[] vd = new double[X.length];
            program.run(up);
            program.output(0, vu);
            program.run(down);
            program.output(0, vd);
            program.run(p);
            for (int i = 0; i < X.length; i++) {
                double numeric = (vu[i] - vd[i]) / (2 * h);
                if (!Double.isFinite(numeric) || !Double.isFinite(analytic[i]) || Math.abs(numeric) > 1e6) {
                    continue; // a pole or overflow: finite differences say nothing there
                }
                // kinks (abs, max) make one-sided differences disagree: skip points next to one
                double left = (value[i] - vd[i]) / h;
                double right = (vu[i] - value[i]) / h;
                if (Math.abs(left - right) > 1e-3 * (1 + Math.abs(left))) {
                    continue;
                }
                assertThat(analytic[i]).as("d/d%s at x=%s of %s", params.get(j), X[i], text)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(numeric))));
            }
        }
    }
}
