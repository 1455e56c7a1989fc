package dev.slaw.curve.bench;

import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.MultiPowerLaw;
import dev.slaw.curve.MultipowerData;
import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's fitting engine (L-BFGS-B, Huber) on the three-curve multi-power fit. */
public final class EngineFit {
    public static void main(String[] args) {
        String size = args.length > 0 ? args[0] : "25";
        Dataset rows = MultipowerData.curves(size, MultipowerData.FIT);
        MultiPowerLaw law = MultiPowerLaw.of(MultipowerData.schedules(MultipowerData.FIT));
        Map<String, Double> start = new LinkedHashMap<>();
        double[] s = {3.0, 0.5, 0.5, 300, 1, 0.5, 0.5};
        for (int j = 0; j < 7; j++) {
            start.put(MultiPowerLaw.PARAMETER_NAMES.get(j), s[j]);
        }
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Fit fit = Fitter.fit(law, rows, CurveLaw.LOSS, FitOptions.defaults().withStarts(Starts.at(List.of(start)))
                    .withThreads(1));
            long t1 = System.nanoTime();
            System.out.printf("%.0f ms objective %.6g %s %s%n", (t1 - t0) / 1e6, fit.objectiveValue(), fit.valueMap(),
                    fit.convergence());
        }
    }
}
