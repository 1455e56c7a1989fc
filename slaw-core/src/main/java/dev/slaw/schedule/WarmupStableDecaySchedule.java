package dev.slaw.schedule;

import java.util.OptionalInt;

/**
 * Warmup-stable-decay without its warmup (compose with {@link WarmupSchedule}): the peak rate
 * until step {@code decay}, then a decay that reaches {@code end} at step {@code total}
 * (Hu et al. 2024, MiniCPM; Hägele et al. 2024). With {@code f = (s - decay) / (total - decay)}:
 * <ul>
 *   <li>exponential: {@code eta_s = peak^(1 - f) end^f} (geometric interpolation);</li>
 *   <li>linear: {@code eta_s = peak (1 - f) + end f}.</li>
 * </ul>
 * Text form {@code wsd(peak=3e-4, end=3e-5, decay=20000, total=24000)} (exponential) or with
 * {@code shape=linear}.
 *
 * @param peak  the stable learning rate
 * @param end   learning rate reached at {@code total}
 * @param decay step at which the decay begins
 * @param total step at which {@code end} is reached
 * @param shape exponential or linear decay
 */
public record WarmupStableDecaySchedule(double peak, double end, int decay, int total, Decay shape)
        implements Schedule {

    /** How the rate falls from the peak to the end. */
    public enum Decay {
        EXPONENTIAL("exp"),
        LINEAR("linear");

        private final String word;

        Decay(String word) {
            this.word = word;
        }

        /** The word used in the text form. */
        public String word() {
            return word;
        }
    }

    public WarmupStableDecaySchedule {
        java.util.Objects.requireNonNull(shape, "shape");
        Checks.rate("peak", peak);
        if (shape == Decay.EXPONENTIAL) {
            // peak^(1-f) end^f collapses to 0 at the first decay step when end is 0.
            Checks.positiveRate("end (of an exponential decay)", end);
            Checks.positiveRate("peak (of an exponential decay)", peak);
        } else {
            Checks.rate("end", end);
        }
        Checks.step("decay", decay);
        Checks.after("total", total, "decay", decay);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        if (step < decay) {
            return peak;
        }
        if (step >= total) {
            return end;
        }
        double length = total - decay;
        if (shape == Decay.EXPONENTIAL) {
            // Written as the reference code of the multi-power law writes it.
            return Math.pow(peak, (total - step) / length) * Math.pow(end, (step - decay) / length);
        }
        return peak * (1 - (step - decay) / length) + end * (step - decay) / length;
    }

    @Override
    public OptionalInt totalSteps() {
        return OptionalInt.of(total);
    }

    public WarmupStableDecaySchedule withDecay(int newDecay) {
        return new WarmupStableDecaySchedule(peak, end, newDecay, total, shape);
    }

    public WarmupStableDecaySchedule withTotal(int newTotal) {
        return new WarmupStableDecaySchedule(peak, end, decay, newTotal, shape);
    }

    public WarmupStableDecaySchedule withShape(Decay newShape) {
        return new WarmupStableDecaySchedule(peak, end, decay, total, newShape);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
