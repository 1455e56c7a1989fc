package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.schedule.Schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small schedules and observation grids for kernel tests. */
final class CurveFixtures {
    private CurveFixtures() {
    }

    /** Short runs of every kind, including a decay to exactly 0 and a per-step schedule. */
    static Map<String, Schedule> schedules() {
        Map<String, Schedule> m = new LinkedHashMap<>();
        m.put("cosine", Schedule.parse("warmup(40)+cosine(peak=1e-3, end=1e-4, total=600)"));
        m.put("constant", Schedule.parse("warmup(40)+constant(1e-3)"));
        m.put("wsd", Schedule.parse("warmup(40)+wsd(peak=1e-3, end=1e-4, decay=400, total=600)"));
        m.put("twostage", Schedule.parse("warmup(40, shape=constant)+twostage(peak=1e-3, low=2e-4, at=300)"));
        m.put("tozero", Schedule.parse("warmup(40)+linear(peak=1e-3, end=0, total=500)"));
        m.put("perstep", Schedule.parse("values(1e-3, 1e-3, 8e-4, 8e-4, 5e-4, 5e-4, 5e-4, 3e-4)"));
        return m;
    }

    /** Every run observed at steps 1, 1 + every, 1 + 2 every ... up to {@code last}. */
    static Dataset rows(Map<String, Schedule> schedules, int every, int last) {
        List<String> runs = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        for (String run : schedules.keySet()) {
            for (int s = 1; s <= last; s += every) {
                runs.add(run);
                steps.add((double) s);
            }
        }
        double[] stepColumn = steps.stream().mapToDouble(Double::doubleValue).toArray();
        return Dataset.of("fixture", Map.of(CurveLaw.STEP, stepColumn))
                .withLabel(CurveLaw.RUN, runs.toArray(String[]::new));
    }
}
