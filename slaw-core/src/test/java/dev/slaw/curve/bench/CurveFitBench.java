package dev.slaw.curve.bench;

import dev.slaw.curve.CurveProtocol;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.curve.MultipowerData;
import dev.slaw.data.Dataset;

import java.util.Locale;

/**
 * Times the three-curve multi-power fit (cosine_24000, constant_24000, wsdcon_9 of the 25M
 * model: 437 rows, 61,920 schedule steps) with each protocol: the first run in a fresh JVM, then
 * the median of five warm runs. Run from slaw-core:
 * {@code java -cp target/classes:target/test-classes:HIPPARCHUS_JARS dev.slaw.curve.bench.CurveFitBench}.
 */
public final class CurveFitBench {
    public static void main(String[] args) {
        Dataset rows = MultipowerData.curves("25", MultipowerData.FIT);
        MultiPowerLaw law = MultiPowerLaw.of(MultipowerData.schedules(MultipowerData.FIT));
        for (CurveProtocol protocol : CurveProtocol.values()) {
            double[] ms = new double[6];
            Fit fit = null;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                fit = protocol.fit(law, rows, CurveLaw.LOSS, 0, FitOptions.defaults());
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double[] warm = java.util.Arrays.copyOfRange(ms, 1, ms.length);
            java.util.Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "%-20s first %.0f ms, warm median %.0f ms, %d evaluations, objective %.6g%n",
                    protocol, ms[0], warm[warm.length / 2], fit.convergence().totalEvaluations(), fit.objectiveValue());
        }
    }
}
