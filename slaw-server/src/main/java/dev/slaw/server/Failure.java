package dev.slaw.server;

/** A request the workbench refuses: an HTTP status and one line saying why. */
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    Failure(int status, String message) {
        super(message.replace('\n', ' ').replace('\r', ' ').strip());
        this.status = status;
    }

    static Failure badInput(String message) {
        return new Failure(400, message);
    }
}
