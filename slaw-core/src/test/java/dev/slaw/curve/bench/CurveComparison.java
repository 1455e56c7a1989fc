package dev.slaw.curve.bench;

import dev.slaw.curve.CurveProtocol;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveMetrics;
import dev.slaw.curve.LrAnnealingLaw;
import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.curve.MultipowerData;
import dev.slaw.data.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the comparison of docs/curves.md: each law and protocol fitted on cosine_24000,
 * constant_24000 and wsdcon_9, predicting the six other runs (run from slaw-core).
 */
public final class CurveComparison {
    public static void main(String[] args) {
        for (String size : List.of("25", "100")) {
            Dataset fitRows = MultipowerData.curves(size, MultipowerData.FIT);
            Map<String, CurveLaw> laws = new LinkedHashMap<>();
            laws.put("multi-power", MultiPowerLaw.of(MultipowerData.schedules(MultipowerData.FIT)));
            laws.put("lr-annealing", LrAnnealingLaw.of(MultipowerData.schedules(MultipowerData.FIT)));
            for (Map.Entry<String, CurveLaw> e : laws.entrySet()) {
                for (CurveProtocol protocol : CurveProtocol.values()) {
                    if (protocol == CurveProtocol.LUO_2025 && !(e.getValue() instanceof MultiPowerLaw)) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    Fit fit = protocol.fit(e.getValue(), fitRows, CurveLaw.LOSS, 0, FitOptions.defaults());
                    long t1 = System.nanoTime();
                    System.out.printf(Locale.ROOT, "== %sM %s %s: objective %.6g, %d evaluations, %.0f ms%n   %s%n", size,
                            e.getKey(), protocol, fit.objectiveValue(), fit.convergence().totalEvaluations(), (t1 - t0) / 1e6, fit.valueMap());
                    Map<String, CurveMetrics> held = new LinkedHashMap<>();
                    for (String name : MultipowerData.HELD_OUT) {
                        Dataset d = MultipowerData.curves(size, List.of(name));
                        CurveLaw law = e.getValue().withSchedules(MultipowerData.schedules(List.of(name)));
                        double[] f = new double[d.rowCount()];
                        law.evaluator(d).evaluate(fit.values(), f, null);
                        CurveMetrics m = CurveMetrics.of(d.column(CurveLaw.LOSS), f);
                        held.put(name, m);
                        System.out.printf(Locale.ROOT, "   %-18s %s%n", name, m);
                    }
                    System.out.printf(Locale.ROOT, "   %-18s %s%n", "average", CurveMetrics.average(held.values()));
                }
            }
        }
    }
}
