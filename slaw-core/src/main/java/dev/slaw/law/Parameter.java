package dev.slaw.law;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A law's parameter: name, bounds, how the optimiser sees it, and optionally a fixed value or a
 * tie to an expression of other parameters (lmfit's three states: free, fixed, tied).
 *
 * @param name      the symbol used in the formula
 * @param lower     lower bound (may be -Infinity)
 * @param upper     upper bound (may be +Infinity)
 * @param transform optimiser coordinate
 * @param fixed     the value it is held at, when fixed
 * @param tie       an expression of other parameters it equals (e.g. {@code alpha}), or null
 */
public record Parameter(String name, double lower, double upper, Transform transform, OptionalDouble fixed,
                        String tie) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(fixed, "fixed");
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("contradictory bounds for parameter " + name + ": [" + lower + ", "
                    + upper + "]");
        }
        if (transform == Transform.LOG && lower < 0) {
            throw new IllegalArgumentException("parameter " + name + " is optimised in log space but its lower bound "
                    + lower + " is negative");
        }
        if (fixed.isPresent() && tie != null) {
            throw new IllegalArgumentException("parameter " + name + " cannot be both fixed and tied");
        }
        if (fixed.isPresent() && (fixed.getAsDouble() < lower || fixed.getAsDouble() > upper)) {
            throw new IllegalArgumentException("parameter " + name + " is fixed at " + fixed.getAsDouble()
                    + ", outside its bounds [" + lower + ", " + upper + "]");
        }
    }

    /** A free parameter without bounds. */
    public static Parameter free(String name) {
        return new Parameter(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Transform.IDENTITY,
                OptionalDouble.empty(), null);
    }

    /** A positive parameter, optimised as its logarithm. */
    public static Parameter positive(String name) {
        return new Parameter(name, 0, Double.POSITIVE_INFINITY, Transform.LOG, OptionalDouble.empty(), null);
    }

    /** A parameter within [lower, upper], optimised as it is. */
    public static Parameter bounded(String name, double lower, double upper) {
        return new Parameter(name, lower, upper, Transform.IDENTITY, OptionalDouble.empty(), null);
    }

    public Parameter withBounds(double newLower, double newUpper) {
        Transform t = transform == Transform.LOG && newLower < 0 ? Transform.IDENTITY : transform;
        return new Parameter(name, newLower, newUpper, t, fixed, tie);
    }

    public Parameter withTransform(Transform newTransform) {
        return new Parameter(name, lower, upper, newTransform, fixed, tie);
    }

    public Parameter withFixed(double value) {
        return new Parameter(name, lower, upper, transform, OptionalDouble.of(value), null);
    }

    public Parameter withTie(String expression) {
        return new Parameter(name, lower, upper, transform, OptionalDouble.empty(), expression);
    }

    public Parameter asFree() {
        return new Parameter(name, lower, upper, transform, OptionalDouble.empty(), null);
    }

    public boolean isFree() {
        return fixed.isEmpty() && tie == null;
    }

    public boolean isFixed() {
        return fixed.isPresent();
    }

    public boolean isTied() {
        return tie != null;
    }

    /** The bounds as a reader would write them: {@code > 0}, {@code in [0, 3]}, or empty. */
    public String boundsText() {
        boolean lo = lower != Double.NEGATIVE_INFINITY;
        boolean hi = upper != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return "in [" + Numbers.compact(lower) + ", " + Numbers.compact(upper) + "]";
        }
        if (lo) {
            return (lower == 0 && transform == Transform.LOG ? "> " : ">= ") + Numbers.compact(lower);
        }
        if (hi) {
            return "<= " + Numbers.compact(upper);
        }
        return "";
    }
}
