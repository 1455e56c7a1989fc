package dev.slaw.schedule;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A warmup, then another schedule (the body). The warmup hands over at step {@code steps} to
 * the body's rate there, {@code peak = body.lrAt(steps)}:
 * <ul>
 *   <li>linear: {@code eta_s = peak s / (steps - 1)} for {@code s < steps}, from 0 at step 0 to
 *   the peak at the last warmup step, as {@code numpy.linspace(0, peak, steps)} in the reference
 *   code of the multi-power law (Luo et al. 2025);</li>
 *   <li>constant: {@code eta_s = peak} (a warmup the law should treat as if run at the peak, as
 *   Tissue et al. 2024 do).</li>
 * </ul>
 * Text form {@code warmup(2160)+cosine(...)} or {@code warmup(500, shape=constant)+constant(2e-4)}.
 *
 * @param steps number of warmup steps
 * @param shape linear from 0 or constant
 * @param body  the schedule after the warmup (not itself a warmup)
 */
public record WarmupSchedule(int steps, Shape shape, Schedule body) implements Schedule {

    /** The form of the warmup. */
    public enum Shape {
        LINEAR("linear"),
        CONSTANT("constant");

        private final String word;

        Shape(String word) {
            this.word = word;
        }

        /** The word used in the text form. */
        public String word() {
            return word;
        }
    }

    public WarmupSchedule {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(body, "body");
        if (steps < 1) {
            throw new IllegalArgumentException("a warmup needs at least 1 step, got " + steps);
        }
        if (body instanceof WarmupSchedule) {
            throw new IllegalArgumentException("a warmup cannot be followed by another warmup");
        }
    }

    /** A warmup then {@code body}, whose decay (cosine, linear, inverse square root) starts where the warmup ends. */
    public static WarmupSchedule of(int steps, Shape shape, Schedule body) {
        return new WarmupSchedule(steps, shape, body.startingAt(steps));
    }

    /** The rate the warmup reaches: the body's rate at the first step after the warmup. */
    public double peak() {
        return body.lrAt(steps);
    }

    @Override
    public double lrAt(int step) {
        Checks.nonNegativeStep(step);
        if (step >= steps) {
            return body.lrAt(step);
        }
        if (shape == Shape.CONSTANT) {
            return peak();
        }
        if (step == steps - 1) {
            return peak();
        }
        // numpy.linspace's arithmetic: a fixed increment times the index.
        return peak() / (steps - 1) * step;
    }

    @Override
    public OptionalInt totalSteps() {
        return body.totalSteps();
    }

    public WarmupSchedule withBody(Schedule newBody) {
        return of(steps, shape, newBody);
    }

    public WarmupSchedule withSteps(int newSteps) {
        return of(newSteps, shape, body);
    }

    @Override
    public String toString() {
        return ScheduleText.format(this);
    }
}
