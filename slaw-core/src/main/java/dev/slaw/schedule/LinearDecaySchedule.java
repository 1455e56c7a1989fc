package dev.slaw.schedule;

/**
 * Linear decay: {@code eta_s = peak (1 - f) + end f} with {@code f = (s - start) / (total - start)}
 * for {@code start <= s <= total}; {@code peak} before, {@code end} after.
 *
 * <p>Text form {@code linear(peak=3e-4, end=0, total=24000)}; the decay starts where a warmup
 * ends, otherwise at step 0.
 *
 * @param peak  learning rate at {@code start}
 * @param end   learning rate reached at {@code total}
 * @param total step at which {@code end} is reached
 * @param start step at which the decay begins
 */
public record LinearDecaySchedule(double peak, double end, int total, int start) implements DecaySchedule {
    public LinearDecaySchedule {
        DecaySchedule.check(peak, end, total, start);
    }

    @Override
    public double decayAt(int step) {
        double f = (double) (step - start) / (total - start);
        return peak * (1 - f) + end * f;
    }

    @Override
    public LinearDecaySchedule startingAt(int step) {
        return new LinearDecaySchedule(peak, end, total, step);
    }

    public LinearDecaySchedule withTotal(int newTotal) {
        return new LinearDecaySchedule(peak, end, newTotal, start);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
