package dev.slaw.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to spend a training budget: N parameters on D tokens, and the loss the law predicts.
 *
 * @param computeFlops   training compute C, FLOPs
 * @param parameterCount N, parameters
 * @param tokenCount     D, training tokens
 * @param loss           the law's prediction L(N, D)
 * @param method         closed form or numeric search
 * @param warnings       what a reader should know (e.g. the optimum lies on the search's edge)
 * @param intervals      percentile intervals over bootstrap replicates, or {@link Intervals#NONE}
 */
public record Allocation(double computeFlops, double parameterCount, double tokenCount, double loss, Method method,
                         List<String> warnings, Intervals intervals) implements Plan {

    /** How an allocation was found. */
    public enum Method {
        /** Chinchilla's closed form (C = 6 N D). */
        CLOSED_FORM,
        /** Minimisation over log N with D solved from the budget. */
        NUMERIC
    }

    public Allocation {
        Objects.requireNonNull(method, "method");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(intervals, "intervals");
    }

    static Allocation of(double computeFlops, double parameterCount, double tokenCount, double loss, Method method) {
        return new Allocation(computeFlops, parameterCount, tokenCount, loss, method, List.of(), Intervals.NONE);
    }

    public Allocation withIntervals(Intervals newIntervals) {
        return new Allocation(computeFlops, parameterCount, tokenCount, loss, method, warnings, newIntervals);
    }

    public Allocation withWarning(String warning) {
        List<String> w = new java.util.ArrayList<>(warnings);
        w.add(warning);
        return new Allocation(computeFlops, parameterCount, tokenCount, loss, method, w, intervals);
    }

    @Override
    public Map<String, Double> quantities() {
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("computeFlops", computeFlops);
        q.putAll(modelSize());
        q.put("loss", loss);
        return q;
    }
}
