package dev.slaw.cli;

/**
 * Options that check their own values. {@link Main} checks every such mixin of the command once,
 * after parsing and before the command runs, so a bad value fails before any data is read and
 * each option's rule lives in one place.
 */
interface CheckedOptions {
    /** Throws {@link dev.slaw.data.BadInputException} naming the option when a value is not allowed. */
    void check();
}
