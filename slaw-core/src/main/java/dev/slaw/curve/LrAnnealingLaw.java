package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.law.LawEvaluator;
import dev.slaw.law.LawMetadata;
import dev.slaw.law.Parameter;
import dev.slaw.law.Target;
import dev.slaw.schedule.Schedule;
import dev.slaw.schedule.ScheduleProfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learning-rate annealing law (Tissue et al. 2024, "Scaling Law with Learning Rate
 * Annealing", arXiv:2408.11029):
 *
 * <pre>
 * L(s) = L0 + A S1(s)^(-alpha) - C S2(s)
 * S1(s) = eta_0 + ... + eta_s                      (forward area)
 * S2(s) = m_1 + ... + m_s,  m_i = lambda m_{i-1} + (eta_{i-1} - eta_i),  m_0 = 0   (annealing area)
 * </pre>
 *
 * with the decay factor {@code lambda = 0.999} of the paper. Parameters, in order:
 * {@code L0, A, alpha, C}. Both areas depend on the schedule only, so they are computed once per
 * run in one pass ({@code O(T)}) and each evaluation costs {@code O(rows)}.
 *
 * @param schedules   the schedule of each run, by run label
 * @param parameters  declarations of {@code L0, A, alpha, C}
 * @param target      residuals on log loss (default) or on loss
 * @param runColumn   label column naming each row's run
 * @param stepColumn  column holding each row's step
 * @param decayFactor {@code lambda}, how long a rate decrease keeps paying off (0 &lt;= lambda &lt; 1)
 */
public record LrAnnealingLaw(Map<String, Schedule> schedules, List<Parameter> parameters, Target target,
                             String runColumn, String stepColumn, double decayFactor) implements CurveLaw {

    /** Parameter names in evaluation order. */
    public static final List<String> PARAMETER_NAMES = List.of("L0", "A", "alpha", "C");

    /** The paper's decay factor. */
    public static final double DEFAULT_DECAY_FACTOR = 0.999;

    private static final LawMetadata METADATA = new LawMetadata(
            "Training loss along a run: a power law in the learning-rate sum minus a term proportional to the"
                    + " momentum-accumulated area of learning-rate decreases.",
            "Tissue et al. 2024, \"Scaling Law with Learning Rate Annealing\" (arXiv:2408.11029)",
            MultiPowerLaw.orderedMap("step", "optimiser step, counted from 0 (learning rates come from the run's"
                    + " schedule)", "run", "label naming the run, which selects its schedule"),
            defaultStarts());

    public LrAnnealingLaw {
        schedules = CurveRows.copySchedules(schedules);
        parameters = List.copyOf(parameters);
        CurveRows.checkParameters(parameters, PARAMETER_NAMES, "lr-annealing");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(runColumn, "runColumn");
        Objects.requireNonNull(stepColumn, "stepColumn");
        if (!(decayFactor >= 0 && decayFactor < 1)) {
            throw new IllegalArgumentException("decay factor lambda must be in [0, 1), got " + decayFactor);
        }
    }

    /** The law over these runs with lambda = 0.999 and its default declarations: L0, A, C positive; alpha in [0, 3]. */
    public static LrAnnealingLaw of(Map<String, Schedule> schedules) {
        return new LrAnnealingLaw(schedules, defaultParameters(), Target.LOG, RUN, STEP, DEFAULT_DECAY_FACTOR);
    }

    /** {@code L0, A, C > 0} (optimised as logarithms); {@code alpha in [0, 3]}. */
    public static List<Parameter> defaultParameters() {
        return List.of(Parameter.positive("L0"), Parameter.positive("A"), Parameter.bounded("alpha", 0, 3),
                Parameter.positive("C"));
    }

    private static Map<String, List<Double>> defaultStarts() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put("L0", List.of(1.0, 2.0, 3.0));
        m.put("A", List.of(0.3, 1.0));
        m.put("alpha", List.of(0.3, 0.6));
        m.put("C", List.of(1.0, 100.0));
        return m;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("decay_factor", Double.toString(decayFactor));
    }

    @Override
    public String name() {
        return "lr-annealing";
    }

    @Override
    public String formula() {
        return "L(s) = L0 + A*S1(s)^-alpha - C*S2(s)";
    }

    @Override
    public LawMetadata metadata() {
        return METADATA;
    }

    /** The same law with another decay factor {@code lambda}. */
    public LrAnnealingLaw withDecayFactor(double lambda) {
        return new LrAnnealingLaw(schedules, parameters, target, runColumn, stepColumn, lambda);
    }

    @Override
    public LrAnnealingLaw with(Map<String, Schedule> newSchedules, List<Parameter> newParameters, Target newTarget,
                          String newRunColumn, String newStepColumn) {
        return new LrAnnealingLaw(newSchedules, newParameters, newTarget, newRunColumn, newStepColumn, decayFactor);
    }

    @Override
    public LawEvaluator evaluator(Dataset data) {
        int n = data.rowCount();
        double[] logForward = new double[n];
        double[] annealing = new double[n];
        for (CurveRows.Run run : CurveRows.bind(data, schedules, runColumn, stepColumn, name())) {
            ScheduleProfile p = run.profile();
            double[] area = annealingArea(p.rates(), decayFactor);
            for (int j = 0; j < run.rows().length; j++) {
                int t = run.steps()[j];
                logForward[run.rows()[j]] = Math.log(p.cumulative(t));
                annealing[run.rows()[j]] = area[t];
            }
        }
        return new Evaluator(logForward, annealing);
    }

    /**
     * {@code S2(s)} for every step in one pass: the momentum {@code m_i} carries each rate
     * decrease forward with weight {@code lambda} per step, and {@code S2} sums it.
     */
    static double[] annealingArea(double[] rates, double lambda) {
        double[] area = new double[rates.length];
        double momentum = 0;
        double total = 0;
        for (int i = 1; i < rates.length; i++) {
            momentum = lambda * momentum + (rates[i - 1] - rates[i]);
            total += momentum;
            area[i] = total;
        }
        return area;
    }

    @Override
    public String toString() {
        return name() + ": " + formula() + " (lambda = " + decayFactor + ")";
    }

    private static final class Evaluator implements LawEvaluator {
        private final double[] logForward;
        private final double[] annealing;

        Evaluator(double[] logForward, double[] annealing) {
            this.logForward = logForward;
            this.annealing = annealing;
        }

        @Override
        public int rows() {
            return logForward.length;
        }

        @Override
        public void evaluate(double[] parameters, double[] values, double[][] jacobian) {
            double l0 = parameters[0];
            double a = parameters[1];
            double alpha = parameters[2];
            double c = parameters[3];
            for (int i = 0; i < logForward.length; i++) {
                double power = Math.exp(-alpha * logForward[i]);
                values[i] = l0 + a * power - c * annealing[i];
                if (jacobian != null) {
                    jacobian[0][i] = 1;
                    jacobian[1][i] = power;
                    jacobian[2][i] = -a * power * logForward[i];
                    jacobian[3][i] = -annealing[i];
                }
            }
        }
    }
}
