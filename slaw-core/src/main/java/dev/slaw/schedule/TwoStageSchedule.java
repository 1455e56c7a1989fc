package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * A two-stage step schedule: {@code peak} before step {@code at}, {@code low} from {@code at}
 * on (the {@code wsdcon} runs of Luo et al. 2025). Text form
 * {@code twostage(peak=3e-4, low=9e-5, at=8000)}.
 *
 * @param peak learning rate of the first stage
 * @param low  learning rate of the second stage
 * @param at   first step of the second stage
 */
public record TwoStageSchedule(double peak, double low, int at) implements Schedule {
    public TwoStageSchedule {
        Checks.rate("peak", peak);
        Checks.rate("low", low);
        Checks.step("at", at);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        return step < at ? peak : low;
    }

    @Override
    public OptionalInt totalSteps() {
        return OptionalInt.empty();
    }

    public TwoStageSchedule withLow(double newLow) {
        return new TwoStageSchedule(peak, newLow, at);
    }

    public TwoStageSchedule withAt(int newAt) {
        return new TwoStageSchedule(peak, low, newAt);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
