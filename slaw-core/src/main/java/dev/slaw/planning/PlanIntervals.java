package dev.slaw.planning;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Percentile intervals of planned quantities over bootstrap replicates: the plan is recomputed
 * with each replicate's parameters and each quantity's (1 - level)/2 and (1 + level)/2
 * percentiles are reported. This propagates the full joint uncertainty of the parameters
 * (including the strong correlation of A with alpha and B with beta), which a delta-method
 * interval from standard errors would not.
 */
public final class PlanIntervals {
    private PlanIntervals() {
    }

    /**
     * Intervals for the quantities of {@code plan} applied to each replicate of the surface's
     * law. A replicate whose plan throws (a target loss it cannot reach) or gives a non-finite
     * quantity counts as failed.
     *
     * @param surface the point estimate's surface; its law and fixed variables are reused
     * @param level   e.g. 0.95
     */
    public static Intervals of(LossSurface surface, Replicates replicates, Function<LossSurface, ? extends Plan> plan,
                               double level) {
        if (replicates == null || replicates.size() == 0) {
            return Intervals.NONE;
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        int failed = 0;
        for (Map<String, Double> parameters : replicates.parameterSets()) {
            Map<String, Double> q;
            try {
                q = plan.apply(surface.withParameters(parameters)).quantities();
            } catch (BadInputException | ArithmeticException | IllegalArgumentException e) {
                failed++;
                continue;
            }
            if (q.values().stream().anyMatch(v -> !Double.isFinite(v))) {
                failed++;
                continue;
            }
            q.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        int used = replicates.size() - failed;
        if (used == 0) {
            return new Intervals(Map.of(), 0, failed);
        }
        Map<String, Interval> out = new LinkedHashMap<>();
        values.forEach((k, list) -> out.put(k, Interval.percentile(list.stream().mapToDouble(Double::doubleValue)
                .toArray(), level)));
        return new Intervals(out, used, failed);
    }
}
