package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * The same learning rate at every step. Text form {@code constant(3e-4)}.
 *
 * @param lr the learning rate
 */
public record ConstantSchedule(double lr) implements Schedule {
    public ConstantSchedule {
        Checks.rate("lr", lr);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        return lr;
    }

    @Override
    public OptionalInt totalSteps() {
        return OptionalInt.empty();
    }

    public ConstantSchedule withLr(double newLr) {
        return new ConstantSchedule(newLr);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
