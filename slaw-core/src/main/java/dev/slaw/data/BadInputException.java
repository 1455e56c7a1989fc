package dev.slaw.data;

/**
 * A user's input cannot be used: a missing column, a non-numeric cell, a value a law cannot
 * take, a formula that does not parse. The message is one line that says what and where
 * (file, row, column), fit to show the user as it is; the command line exits with code 2.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
