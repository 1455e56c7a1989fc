package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * Inverse square root decay (Vaswani et al. 2017; Raffel et al. 2020):
 * {@code eta_s = peak / sqrt(1 + (s - start) / timescale)} from {@code start} on, {@code peak}
 * before. After {@code warmup(W)} with {@code timescale = W} this is the classic
 * {@code peak sqrt(W / s)}. Text form {@code invsqrt(peak=1e-3, timescale=4000)}.
 *
 * @param peak      learning rate at {@code start}
 * @param timescale steps over which the rate falls to {@code peak / sqrt(2)}
 * @param start     step at which the decay begins
 */
public record InverseSqrtSchedule(double peak, double timescale, int start) implements Schedule {
    public InverseSqrtSchedule {
        Checks.rate("peak", peak);
        if (!Double.isFinite(timescale) || timescale <= 0) {
            throw new IllegalArgumentException("timescale must be a finite number of steps > 0, got " + timescale);
        }
        Checks.step("start", start);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        if (step <= start) {
            return peak;
        }
        return peak / Math.sqrt(1 + (step - start) / timescale);
    }

    @Override
    public OptionalInt totalSteps() {
        return OptionalInt.empty();
    }

    @Override
    public InverseSqrtSchedule startingAt(int step) {
        return new InverseSqrtSchedule(peak, timescale, step);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
