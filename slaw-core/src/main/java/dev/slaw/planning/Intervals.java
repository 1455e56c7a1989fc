package dev.slaw.planning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Intervals of a plan's quantities over bootstrap replicates, with the count of replicates used
 * and of those that failed (a replicate whose plan cannot be computed, e.g. a target loss below
 * its irreducible term, is counted, never silently dropped).
 *
 * @param byQuantity interval per quantity name (empty when there were no replicates)
 * @param replicates replicates that produced a plan
 * @param failed     replicates that did not
 */
public record Intervals(Map<String, Interval> byQuantity, int replicates, int failed) {
    /** No replicates were given. */
    public static final Intervals NONE = new Intervals(Map.of(), 0, 0);

    public Intervals {
        byQuantity = Collections.unmodifiableMap(new LinkedHashMap<>(byQuantity));
    }

    public Optional<Interval> of(String quantity) {
        return Optional.ofNullable(byQuantity.get(quantity));
    }

    public boolean isEmpty() {
        return byQuantity.isEmpty();
    }
}
