package dev.slaw.fit;

/**
 * One parameter of a fit: its value and, where defined, its standard error (else why not).
 *
 * @param name          symbol in the formula
 * @param value         fitted (or fixed, or tied) value
 * @param standardError NaN when not defined
 * @param note          why there is no standard error, or empty
 * @param state         free, fixed or tied
 * @param tie           the tie expression when tied, else null
 * @param lower         lower bound
 * @param upper         upper bound
 * @param start         the value the best start began from (NaN if not free)
 */
public record FittedParameter(String name, double value, double standardError, String note, State state, String tie,
                              double lower, double upper, double start) {

    /** lmfit's three states of a parameter. */
    public enum State { FREE, FIXED, TIED }

    /**
     * True when the value sits on one of its bounds (to 1e-9 of the bound; exactly, for a bound of
     * 0, which the optimiser reaches exactly: a rate of 1e-11 above 0 is not on it).
     */
    public boolean atBound() {
        return state == State.FREE && (Double.isFinite(lower) && Math.abs(value - lower) <= 1e-9 * Math.abs(lower)
                || Double.isFinite(upper) && Math.abs(value - upper) <= 1e-9 * Math.abs(upper));
    }
}
