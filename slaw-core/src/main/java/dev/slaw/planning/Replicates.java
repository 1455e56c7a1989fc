package dev.slaw.planning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bootstrap replicates of a law's parameters: one map from parameter name to value per
 * replicate (the uncertainty package produces them, e.g. 4,000 refits on resampled rows as in
 * Besiroglu et al. 2024). Planning recomputes every plan under each replicate and reports
 * percentile intervals ({@link PlanIntervals}).
 */
public interface Replicates {
    /** The parameter sets, one per replicate. */
    List<Map<String, Double>> parameterSets();

    default int size() {
        return parameterSets().size();
    }

    /** Replicates from a list of parameter maps (copied). */
    static Replicates of(List<Map<String, Double>> sets) {
        List<Map<String, Double>> copy = new ArrayList<>();
        for (Map<String, Double> s : sets) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(s)));
        }
        List<Map<String, Double>> frozen = Collections.unmodifiableList(copy);
        return () -> frozen;
    }
}
