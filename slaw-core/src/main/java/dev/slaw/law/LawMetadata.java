package dev.slaw.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a catalogue entry says about a law besides its formula.
 *
 * @param description    one sentence on what the law models
 * @param citation       the paper it comes from
 * @param variables      meaning of each variable (e.g. N: parameters)
 * @param startGrid      default start values per parameter, in parameter units; the fitter
 *                       takes their Cartesian product
 */
public record LawMetadata(String description, String citation, Map<String, String> variables,
                          Map<String, List<Double>> startGrid) {
    public LawMetadata {
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Map<String, List<Double>> g = new LinkedHashMap<>();
        startGrid.forEach((k, v) -> g.put(k, List.copyOf(v)));
        startGrid = java.util.Collections.unmodifiableMap(g);
    }

    public static LawMetadata none() {
        return new LawMetadata("", "", Map.of(), Map.of());
    }
}
