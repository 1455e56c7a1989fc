package dev.slaw.schedule;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A learning rate given for every step, as logged by a training run; the last rate holds after
 * the end. Text form {@code file("lrs.csv")} when it came from a file (the command line reads
 * it), {@code values(3e-4, 2e-4, 1e-4)} otherwise.
 *
 * @param source where the rates came from (a file name), or null for inline values
 * @param rates  {@code eta_0, eta_1, ...}, at least one
 */
public record PerStepSchedule(String source, double[] rates) implements Schedule {
    public PerStepSchedule {
        Objects.requireNonNull(rates, "rates");
        if (rates.length == 0) {
            throw new IllegalArgumentException("a per-step schedule needs at least one learning rate");
        }
        for (int i = 0; i < rates.length; i++) {
            if (!Double.isFinite(rates[i]) || rates[i] < 0) {
                throw new IllegalArgumentException("learning rate of step " + i + " must be finite and >= 0, got "
                        + rates[i]);
            }
        }
        rates = rates.clone();
    }

    /** Inline rates, printed as {@code values(...)}. */
    public static PerStepSchedule of(double... rates) {
        return new PerStepSchedule(null, rates);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        return rates[Math.min(step, rates.length - 1)];
    }

    @Override
    public OptionalInt totalSteps() {
        return OptionalInt.of(rates.length);
    }

    @Override
    public double[] rates() {
        return rates.clone();
    }

    /** Number of steps given. */
    public int length() {
        return rates.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerStepSchedule p && Objects.equals(source, p.source) && Arrays.equals(rates, p.rates);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(source) * 31 + Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
