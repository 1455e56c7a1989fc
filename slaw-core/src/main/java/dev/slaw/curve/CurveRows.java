package dev.slaw.curve;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.schedule.Schedule;
import dev.slaw.schedule.ScheduleProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a dataset grouped by run, each run with its schedule materialised up to its
 * last observed step. Shared by the curve kernels; checks the data once, naming rows.
 */
final class CurveRows {
    /** One run: its schedule's rates and prefix sums, and the rows (indices into the dataset) observing it. */
    record Run(String name, ScheduleProfile profile, int[] rows, int[] steps) {
    }

    private CurveRows() {
    }

    static List<Run> bind(Dataset data, Map<String, Schedule> schedules, String runColumn, String stepColumn,
                          String lawName) {
        if (!data.hasColumn(stepColumn)) {
            throw new BadInputException(data.source() + ": law " + lawName + " needs a step column '" + stepColumn
                    + "' (columns: " + String.join(", ", data.columnNames()) + ")");
        }
        double[] stepValues = data.column(stepColumn);
        int n = data.rowCount();
        String[] runs;
        if (data.label(runColumn).isPresent()) {
            runs = data.label(runColumn).get();
        } else if (schedules.size() == 1) {
            runs = new String[n];
            java.util.Arrays.fill(runs, schedules.keySet().iterator().next());
        } else {
            throw new BadInputException(data.source() + ": law " + lawName + " needs a run label column '"
                    + runColumn + "' to tell the " + schedules.size() + " curves apart (runs with schedules: "
                    + String.join(", ", schedules.keySet()) + ")");
        }
        Map<String, List<Integer>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double s = stepValues[i];
            if (!(s >= 0) || s != Math.rint(s) || s >= Integer.MAX_VALUE) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ", column \"" + stepColumn
                        + "\": " + s + " is not a step (a whole number counted from 0)");
            }
            if (!schedules.containsKey(runs[i])) {
                throw new BadInputException(data.source() + ": row " + data.rowNumber(i) + ": run '" + runs[i]
                        + "' has no schedule (schedules given for: " + String.join(", ", schedules.keySet()) + ")");
            }
            byRun.computeIfAbsent(runs[i], k -> new ArrayList<>()).add(i);
        }
        List<Run> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byRun.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] steps = new int[rows.length];
            int last = 0;
            for (int j = 0; j < rows.length; j++) {
                steps[j] = (int) stepValues[rows[j]];
                last = Math.max(last, steps[j]);
            }
            ScheduleProfile profile = schedules.get(e.getKey()).profile(last + 1);
            for (int j = 0; j < rows.length; j++) {
                if (!(profile.cumulative(steps[j]) > 0)) {
                    throw new BadInputException(data.source() + ": row " + data.rowNumber(rows[j]) + ": at step "
                            + steps[j] + " run '" + e.getKey() + "' has not trained yet (learning-rate sum 0);"
                            + " skip the first steps");
                }
            }
            out.add(new Run(e.getKey(), profile, rows, steps));
        }
        return out;
    }

    static Map<String, Schedule> copySchedules(Map<String, Schedule> schedules) {
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("a curve law needs the schedule of at least one run");
        }
        Map<String, Schedule> copy = new LinkedHashMap<>();
        schedules.forEach((k, v) -> copy.put(java.util.Objects.requireNonNull(k, "run"),
                java.util.Objects.requireNonNull(v, "schedule of run " + k)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    static void checkParameters(List<dev.slaw.law.Parameter> parameters, List<String> names, String lawName) {
        if (parameters.size() != names.size()) {
            throw new IllegalArgumentException(lawName + " has parameters " + names + ", got " + parameters.size());
        }
        for (int i = 0; i < names.size(); i++) {
            if (!parameters.get(i).name().equals(names.get(i))) {
                throw new IllegalArgumentException(lawName + ": parameter " + i + " is " + names.get(i) + ", got "
                        + parameters.get(i).name());
            }
        }
    }
}
