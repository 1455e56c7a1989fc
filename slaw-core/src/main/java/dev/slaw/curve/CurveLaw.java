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

    /** Column that holds the optimiser step of each row. */
    String stepColumn();

    /** The same law over other runs. */
    CurveLaw withSchedules(Map<String, Schedule> schedules);

    /** The same law reading the run label and the step from other columns. */
    CurveLaw withColumns(String runColumn, String stepColumn);

    @Override
    CurveLaw withParameters(List<Parameter> parameters);

    @Override
    CurveLaw withTarget(Target target);

    /**
     * The predicted loss at the given steps of a run under {@code schedule}.
     *
     * @param parameters values in {@link #parameters()} order
     */
    default double[] predict(double[] parameters, Schedule schedule, int[] steps) {
        double[] stepColumn = new double[steps.length];
        String[] runs = new String[steps.length];
        for (int i = 0; i < steps.length; i++) {
            stepColumn[i] = steps[i];
            runs[i] = "prediction";
        }
        Dataset rows = Dataset.of("prediction", Map.of(stepColumn(), stepColumn)).withLabel(runColumn(), runs);
        LawEvaluator evaluator = withSchedules(Map.of("prediction", schedule)).evaluator(rows);
        double[] values = new double[steps.length];
        evaluator.evaluate(parameters, values, null);
        return values;
    }
}
