package io.dsk.cli;

/**
 * An expected failure of a command: printed as one line {@code dsk: error: <message>}, exit status 1,
 * never a stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether the same request may succeed later, and whether the failed one may have had an effect. */
    enum Kind {
        /** Sending it again gets the same answer (a 4xx, a bad answer). */
        PERMANENT,
        /** The request had no effect, and may succeed later: no connection, a 429, a 503. */
        NOT_APPLIED,
        /** The request may have had its effect: a timeout or broken connection after sending, a 5xx. */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;

    CommandFailure(String message) {
        this(message, Kind.PERMANENT);
    }

    CommandFailure(String message, Kind kind) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** Whether sending the same request again may succeed. */
    boolean isTransient() {
        return kind != Kind.PERMANENT;
    }
}
