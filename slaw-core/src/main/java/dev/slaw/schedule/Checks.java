package dev.slaw.schedule;

/** Argument checks shared by the schedule kinds; messages name the argument as the text form does. */
final class Checks {
    private Checks() {
    }

    static void rate(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite learning rate >= 0, got " + value);
        }
    }

    static void positiveRate(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be a finite learning rate > 0, got " + value);
        }
    }

    static void step(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be a step >= 0, got " + value);
        }
    }

    static void after(String later, int laterValue, String earlier, int earlierValue) {
        if (laterValue <= earlierValue) {
            throw new IllegalArgumentException(later + " (" + laterValue + ") must be after " + earlier + " ("
                    + earlierValue + ")");
        }
    }

    static void nonNegativeStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("steps are counted from 0, got " + step);
        }
    }
}
