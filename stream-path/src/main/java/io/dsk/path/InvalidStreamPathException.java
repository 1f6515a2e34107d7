package io.dsk.path;

/**
 * A string that names no stream. The message is a short reason that never repeats the path, fit to
 * send back in a 400 answer.
 *
 * @since 0.1
 */
public final class InvalidStreamPathException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final boolean notStreamPath;

    /**
     * @param reason what is wrong, without the path itself
     */
    public InvalidStreamPathException(String reason) {
        this(reason, false);
    }

    InvalidStreamPathException(String reason, boolean notStreamPath) {
        super(reason);
        this.notStreamPath = notStreamPath;
    }

    /**
     * Whether the request path lies outside {@value StreamPath#URL_PREFIX} altogether (a 404 rather than a 400).
     *
     * @return true when the path is not under the stream prefix
     */
    public boolean notStreamPath() {
        return notStreamPath;
    }
}
