package dev.slaw.schedule;

import java.util.Arrays;

/**
 * The learning rates of steps {@code 0 .. n-1} and their prefix sums
 * {@code cumulative[s] = eta_0 + ... + eta_s}, so that the sum over any window of steps
 * {@code k .. t} is {@code cumulative[t] - cumulative[k-1]} in constant time.
 *
 * @param rates      {@code eta_s}
 * @param cumulative prefix sums of {@code rates}
 */
public record ScheduleProfile(double[] rates, double[] cumulative) {
    public ScheduleProfile {
        if (rates.length != cumulative.length) {
            throw new IllegalArgumentException("rates has " + rates.length + " entries, cumulative "
                    + cumulative.length);
        }
        rates = rates.clone();
        cumulative = cumulative.clone();
    }

    public int steps() {
        return rates.length;
    }

    public double rate(int step) {
        return rates[step];
    }

    /** {@code eta_0 + ... + eta_step}. */
    public double cumulative(int step) {
        return cumulative[step];
    }

    /** {@code eta_from + ... + eta_to}, 0 when {@code from > to}. */
    public double sum(int from, int to) {
        if (from > to) {
            return 0;
        }
        return cumulative[to] - (from == 0 ? 0 : cumulative[from - 1]);
    }

    @Override
    public double[] rates() {
        return rates.clone();
    }

    @Override
    public double[] cumulative() {
        return cumulative.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleProfile p && Arrays.equals(rates, p.rates) && Arrays.equals(cumulative, p.cumulative);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
        return "ScheduleProfile[" + rates.length + " steps]";
    }
}
