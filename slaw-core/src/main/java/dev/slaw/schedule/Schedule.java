package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * A learning-rate schedule: the learning rate {@code eta_s} of every optimiser step
 * {@code s = 0, 1, 2, ...}.
 *
 * <p>Schedules are immutable values. {@code toString()} prints the compact text form that
 * {@link #parse(String)} reads, e.g. {@code warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)},
 * and parsing that text gives back an equal schedule.
 *
 * <p>Kinds: {@link ConstantSchedule}, {@link CosineSchedule}, {@link LinearDecaySchedule},
 * {@link WarmupStableDecaySchedule}, {@link TwoStageSchedule}, {@link InverseSqrtSchedule},
 * {@link PerStepSchedule}, and the composition {@link WarmupSchedule} (a warmup, then any of the
 * others); {@link DecaySchedule} is what cosine and linear decay share.
 */
public sealed interface Schedule permits ConstantSchedule, DecaySchedule,
        WarmupStableDecaySchedule, TwoStageSchedule, InverseSqrtSchedule, PerStepSchedule, WarmupSchedule {

    /**
     * The learning rate at optimiser step {@code step} (0-based).
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    double lrAt(int step);

    /** The run length the schedule is defined for, when it names one (cosine, linear, WSD, per-step). */
    OptionalInt totalSteps();

    /**
     * The same schedule with the step at which its decay begins moved to {@code step} (where a
     * warmup ends). A schedule whose steps are all given (constant, two-stage, WSD, per-step, a
     * warmup already composed) stays as it is.
     */
    default Schedule startingAt(int step) {
        return this;
    }

    /** The rates of steps {@code 0 .. steps-1}. */
    default double[] rates(int steps) {
        return profile(steps).rates();
    }

    /**
     * Rates and their prefix sums for steps {@code 0 .. steps-1}, computed in one pass:
     * {@code cumulative[s] = eta_0 + ... + eta_s}.
     */
    default ScheduleProfile profile(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[] rates = new double[steps];
        double[] cumulative = new double[steps];
        // Neumaier-compensated running sum: the laws subtract prefix sums of nearby steps, so the
        // rounding error of a long plain sum would show in differences of single learning rates.
        double sum = 0;
        double compensation = 0;
        for (int s = 0; s < steps; s++) {
            double eta = lrAt(s);
            rates[s] = eta;
            double t = sum + eta;
            if (Math.abs(sum) >= Math.abs(eta)) {
                compensation += (sum - t) + eta;
            } else {
                compensation += (eta - t) + sum;
            }
            sum = t;
            cumulative[s] = sum + compensation;
        }
        return new ScheduleProfile(rates, cumulative);
    }

    /**
     * Reads the text form, e.g. {@code warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)}.
     *
     * @throws dev.slaw.data.BadInputException naming the position of the first problem
     */
    static Schedule parse(String text) {
        return ScheduleText.parse(text, null);
    }

    /**
     * Reads the text form, resolving {@code file("...")} terms with {@code fileReader}, which
     * returns the per-step learning rates stored under a name (the command line reads files; the
     * core does no I/O).
     *
     * @throws dev.slaw.data.BadInputException naming the position of the first problem
     */
    static Schedule parse(String text, java.util.function.Function<String, double[]> fileReader) {
        return ScheduleText.parse(text, fileReader);
    }

    /**
     * Rebuilds the schedule of a run of the multi-power law's loss-curve collection (Luo et al.
     * 2025) from its file name: {@code cosine_T}, {@code constant_T}, {@code wsd_D_T},
     * {@code wsdld_D_T} and {@code wsdcon_X}, each after a linear warmup of 2160 steps to 3e-4.
     *
     * @param name the file name, with or without {@code .csv}
     * @throws dev.slaw.data.BadInputException if the name is not one of these shapes
     */
    static Schedule fromMultipowerName(String name) {
        return MultipowerNames.schedule(name);
    }

    /** A constant learning rate. */
    static ConstantSchedule constant(double lr) {
        return new ConstantSchedule(lr);
    }

    /** Cosine from {@code peak} to {@code end} at step {@code total}. */
    static CosineSchedule cosine(double peak, double end, int total) {
        return new CosineSchedule(peak, end, total, 0);
    }

    /** Linear warmup from 0 over {@code steps} steps, then {@code body} (whose decay starts there). */
    static WarmupSchedule warmup(int steps, Schedule body) {
        return WarmupSchedule.of(steps, WarmupSchedule.Shape.LINEAR, body);
    }
}
