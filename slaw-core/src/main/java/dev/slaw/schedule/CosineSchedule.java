package dev.slaw.schedule;

/**
 * Cosine annealing to a floor (Loshchilov and Hutter 2017, without restarts):
 * {@code eta_s = end + (peak - end) (1 + cos(pi (s - start) / (total - start))) / 2} for
 * {@code start <= s <= total}; {@code peak} before {@code start}, {@code end} after {@code total}.
 *
 * <p>Text form {@code cosine(peak=3e-4, end=3e-5, total=24000)}; after a warmup the decay starts
 * where the warmup ends, otherwise at step 0, and {@code start=} is printed only when it differs.
 *
 * @param peak  learning rate at {@code start}
 * @param end   floor reached at {@code total}
 * @param total step at which the floor is reached
 * @param start step at which the decay begins
 */
public record CosineSchedule(double peak, double end, int total, int start) implements DecaySchedule {
    public CosineSchedule {
        DecaySchedule.check(peak, end, total, start);
    }

    @Override
    public double decayAt(int step) {
        // Same operation order as the multi-power law's reference code, so rebuilt schedules
        // agree with the logged learning rates to the last digit or two.
        return end + 0.5 * (peak - end) * (1 + Math.cos(Math.PI * (step - start) / (total - start)));
    }

    @Override
    public CosineSchedule startingAt(int step) {
        return new CosineSchedule(peak, end, total, step);
    }

    public CosineSchedule withPeak(double newPeak) {
        return new CosineSchedule(newPeak, end, total, start);
    }

    public CosineSchedule withEnd(double newEnd) {
        return new CosineSchedule(peak, newEnd, total, start);
    }

    public CosineSchedule withTotal(int newTotal) {
        return new CosineSchedule(peak, end, newTotal, start);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
