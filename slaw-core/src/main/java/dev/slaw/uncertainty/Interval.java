package dev.slaw.uncertainty;

/**
 * A two-sided interval at a nominal coverage level, e.g. the 95 % percentile interval
 * {@code [q(0.025), q(0.975)]} of bootstrap replicates.
 *
 * @param lower lower end
 * @param upper upper end
 * @param level nominal coverage in (0, 1), e.g. 0.95
 */
public record Interval(double lower, double upper, double level) {

    public Interval {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
        }
    }

    /** True when {@code value} lies within the interval, ends included. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
