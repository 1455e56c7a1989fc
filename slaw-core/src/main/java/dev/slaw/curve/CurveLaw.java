package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.law.Law;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.schedule.Schedule;

import java.util.List;
import java.util.Map;

/**
 * A law of the training loss as a function of the optimiser step, given the learning-rate
 * schedule of each run. Several runs (curves) of one model share one parameter set.
 *
 * <p>The data hold one row per observation: a run label (column {@link #runColumn()}) and a
 * step (column {@link #stepColumn()}, whole numbers counted from 0); the loss is the target.
 * When only one schedule is given the run label may be absent.
 */
public interface CurveLaw extends Law {
    /** Default name of the run label column. */
    String RUN = "run";
    /** Default name of the step column. */
    String STEP = "step";
    /** Default name of the loss column. */
    String LOSS = "loss";

    /** The schedule of each run, by run label. */
    Map<String, Schedule> schedules();

    /** Label column that names the run of each row. */
    String runColumn();

    @Override
    default List<String> labelColumns() {
        return List.of(runColumn());
    }

    /** Column that holds the optimiser step of each row. */
    String stepColumn();

    /** A curve law reads one variable, the step (the run's schedule gives the rest). */
    @Override
    default List<String> variables() {
        return List.of(stepColumn());
    }

    /**
     * The law's own settings beyond schedules, columns and parameters, as text by name (the
     * multi-power law's {@code loss_drop_sum}, the LR-annealing law's {@code decay_factor}), so
     * that {@link #of} rebuilds the same law from a saved fit.
     */
    Map<String, String> settings();

    /**
     * The curve law called {@code name} (multi-power, lr-annealing) over these runs and columns
     * with the given {@link #settings()} (missing ones at their defaults) and default
     * declarations.
     *
     * @throws IllegalArgumentException naming the unknown law, setting or value
     */
    static CurveLaw of(String name, Map<String, Schedule> schedules, String runColumn, String stepColumn,
                       Map<String, String> settings) {
        Map<String, String> rest = new java.util.LinkedHashMap<>(settings);
        CurveLaw law = switch (name) {
            case "multi-power" -> {
                String sum = rest.remove("loss_drop_sum");
                MultiPowerLaw m = MultiPowerLaw.of(schedules);
                if (sum != null) {
                    try {
                        m = m.withLossDropSum(MultiPowerLaw.LossDropSum.valueOf(sum.toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("loss_drop_sum '" + sum
                                + "' is not exact or far_field_quadrature");
                    }
                }
                yield m;
            }
            case "lr-annealing" -> {
                String lambda = rest.remove("decay_factor");
                LrAnnealingLaw a = LrAnnealingLaw.of(schedules);
                if (lambda != null) {
                    try {
                        a = a.withDecayFactor(Double.parseDouble(lambda));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("decay_factor '" + lambda + "' is not a number");
                    }
                }
                yield a;
            }
            default -> throw new IllegalArgumentException("unknown curve law '" + name
                    + "' (known: multi-power, lr-annealing)");
        };
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("law " + name + " has no setting '" + rest.keySet().iterator().next()
                    + "'");
        }
        return law.withColumns(runColumn, stepColumn);
    }

    /** The same law, its settings kept, with these runs, declarations, target and columns. */
    CurveLaw with(Map<String, Schedule> schedules, List<Parameter> parameters, Target target, String runColumn,
                  String stepColumn);

    /** The same law over other runs. */
    default CurveLaw withSchedules(Map<String, Schedule> schedules) {
        return with(schedules, parameters(), target(), runColumn(), stepColumn());
    }

    /** The same law reading the run label and the step from other columns. */
    default CurveLaw withColumns(String runColumn, String stepColumn) {
        return with(schedules(), parameters(), target(), runColumn, stepColumn);
    }

    @Override
    default CurveLaw withParameters(List<Parameter> parameters) {
        return with(schedules(), parameters, target(), runColumn(), stepColumn());
    }

    @Override
    default CurveLaw withTarget(Target target) {
        return with(schedules(), parameters(), target, runColumn(), stepColumn());
    }

    /**
     * The predicted loss at the given steps of a run under {@code schedule}.
     *
     * @param parameters values in {@link #parameters()} order
     */
    default double[] predict(double[] parameters, Schedule schedule, int[] steps) {
        CurveLaw law = withSchedules(Map.of("prediction", schedule));
        double[] values = new double[steps.length];
        // a block of rows at a time: a row's sums take a few hundred bytes, so two million points
        // at once would hold hundreds of megabytes; each block binds the schedule again, so
        // blocks are large
        for (int from = 0; from < steps.length; from += PREDICTION_BLOCK) {
            int to = Math.min(steps.length, from + PREDICTION_BLOCK);
            double[] stepColumn = new double[to - from];
            String[] runs = new String[to - from];
            for (int i = from; i < to; i++) {
                stepColumn[i - from] = steps[i];
                runs[i - from] = "prediction";
            }
            Dataset rows = Dataset.of("prediction", Map.of(stepColumn(), stepColumn)).withLabel(runColumn(), runs);
            double[] block = new double[to - from];
            law.evaluator(rows).evaluate(parameters, block, null);
            System.arraycopy(block, 0, values, from, block.length);
        }
        return values;
    }

    /** Rows predicted together by {@link #predict}. */
    int PREDICTION_BLOCK = 1 << 16;
}
