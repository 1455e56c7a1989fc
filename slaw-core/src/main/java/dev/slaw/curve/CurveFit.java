package dev.slaw.curve;

import dev.slaw.law.Numbers;
import dev.slaw.schedule.Schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loss-curve law fitted to one or more runs of a model with one parameter set.
 *
 * @param law         the law, holding the schedule of every fitted run
 * @param parameters  values in the law's parameter order
 * @param objective   the Huber objective (sum over rows of log residuals) at {@code parameters}
 * @param iterations  optimiser iterations (or AdamW steps) of the chosen start
 * @param evaluations law evaluations over all starts
 * @param rows        rows fitted (after {@link CurveFitOptions#firstStep()})
 * @param options     the options that produced the fit
 * @param runs        in-sample agreement per fitted run
 * @param notes       what a careful reader should know: rows left out, starts tried, stop reasons
 */
public record CurveFit(CurveLaw law, double[] parameters, double objective, int iterations, int evaluations,
                       int rows, CurveFitOptions options, Map<String, CurveMetrics> runs, List<String> notes) {

    public CurveFit {
        Objects.requireNonNull(law, "law");
        parameters = parameters.clone();
        runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        notes = List.copyOf(notes);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** Parameter values by name, in the law's order. */
    public Map<String, Double> valueMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            m.put(law.parameters().get(i).name(), parameters[i]);
        }
        return m;
    }

    /** A parameter's value by name. */
    public double value(String name) {
        int i = law.parameterIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException(law.name() + " has no parameter '" + name + "'");
        }
        return parameters[i];
    }

    /** The predicted loss at the given steps of a run under {@code schedule}. */
    public double[] predict(Schedule schedule, int[] steps) {
        return law.predict(parameters, schedule, steps);
    }

    /** A readable report: law, parameters, objective, per-run agreement, options and notes. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("[[Fit]] ").append(law.name()).append(": ").append(law.formula()).append('\n');
        b.append("    rows ").append(rows).append(", runs ").append(String.join(", ", runs.keySet())).append('\n');
        b.append("    objective ").append(String.format(java.util.Locale.ROOT, "%.10g", objective))
                .append(", iterations ").append(iterations).append(", evaluations ").append(evaluations).append('\n');
        b.append("[[Parameters]]\n");
        valueMap().forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, "    %-6s = %s%n", k,
                Numbers.compact(v))));
        b.append("[[Runs]]\n");
        runs.forEach((k, v) -> b.append("    ").append(k).append(": ").append(v).append('\n'));
        b.append("[[Options]]\n    ").append(options.describe()).append('\n');
        for (String n : notes) {
            b.append("    note: ").append(n).append('\n');
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveFit f && law.equals(f.law) && java.util.Arrays.equals(parameters, f.parameters)
                && objective == f.objective && options.equals(f.options);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(parameters);
    }
}
