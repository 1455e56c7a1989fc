package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * A decay from {@code peak} at step {@code start} to {@code end} at step {@code total}:
 * {@code peak} before the decay, {@code end} after it, and the kind's own curve in between
 * ({@link CosineSchedule}, {@link LinearDecaySchedule}).
 */
public sealed interface DecaySchedule extends Schedule permits CosineSchedule, LinearDecaySchedule {
    /** The learning rate at {@code start}. */
    double peak();

    /** The learning rate reached at {@code total}. */
    double end();

    /** The step at which {@code end} is reached. */
    int total();

    /** The step at which the decay begins. */
    int start();

    /** The learning rate at a step strictly between {@code start} and {@code total}. */
    double decayAt(int step);

    @Override
    default double lrAt(int step) {
        Checks.nonNegativeStep(step);
        if (step <= start()) {
            return peak();
        }
        if (step >= total()) {
            return end();
        }
        return decayAt(step);
    }

    @Override
    default OptionalInt totalSteps() {
        return OptionalInt.of(total());
    }

    /** The checks of a decay's arguments, for the kinds' constructors. */
    static void check(double peak, double end, int total, int start) {
        Checks.rate("peak", peak);
        Checks.rate("end", end);
        Checks.step("start", start);
        Checks.after("total", total, "start", start);
    }
}
