package dev.slaw.fit;

/** No start of a fit reached a finite objective: there is no optimum to report. */
public class FitFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitFailedException(String message) {
        super(message);
    }
}
