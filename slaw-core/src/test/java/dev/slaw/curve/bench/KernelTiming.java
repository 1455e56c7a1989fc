package dev.slaw.curve.bench;

import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.curve.MultipowerData;
import dev.slaw.data.Dataset;
import dev.slaw.law.LawEvaluator;

import java.util.List;

public final class KernelTiming {
    public static void main(String[] args) {
        List<String> names = args.length > 0 ? MultipowerData.HELD_OUT : MultipowerData.FIT;
        Dataset d = MultipowerData.curves("25", names);
        MultiPowerLaw law = MultiPowerLaw.of(MultipowerData.schedules(names));
        long b0 = System.nanoTime();
        LawEvaluator quad = law.evaluator(d);
        long b1 = System.nanoTime();
        LawEvaluator exact = law.withLossDropSum(MultiPowerLaw.LossDropSum.EXACT).evaluator(d);
        System.out.printf("bind quadrature %.1f ms%n", (b1 - b0) / 1e6);
        double[] p = {3.0405, 0.5247, 0.5079, 363.79, 2.0656, 0.5828, 0.6414};
        int n = d.rowCount();
        double[] v = new double[n];
        double[] w = new double[n];
        double[][] j = new double[7][n];
        java.util.Random r = new java.util.Random(1);
        double worst = 0;
        for (int trial = 0; trial < 20; trial++) {
            double[] q = p.clone();
            for (int k = 0; k < 7; k++) {
                q[k] *= Math.exp(0.5 * r.nextGaussian());
            }
            quad.evaluate(q, v, null);
            exact.evaluate(q, w, null);
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(v[i] - w[i]));
            }
        }
        System.out.printf("max |quadrature - exact| over 20 parameter sets: %.3g%n", worst);
        for (LawEvaluator e : new LawEvaluator[] {quad, exact}) {
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                int m = e == quad ? 400 : 10;
                for (int i = 0; i < m; i++) {
                    p[6] = 0.6414 + i * 1e-9;
                    e.evaluate(p, v, j);
                }
                long t1 = System.nanoTime();
                System.out.printf("%s rows %d  with jacobian %.3f ms%n", e == quad ? "quadrature" : "exact", n,
                        (t1 - t0) / 1e6 / m);
            }
        }
    }
}
