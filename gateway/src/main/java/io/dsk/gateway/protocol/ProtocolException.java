package io.dsk.gateway.protocol;

import io.undertow.util.HttpString;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the protocol refuses: an HTTP status, a short plain-text reason and any headers the
 * protocol requires on that refusal (for example {@code Stream-Closed} on a 409).
 */
public final class ProtocolException extends RuntimeException {

    private final int status;
    private final Map<HttpString, String> headers = new LinkedHashMap<>();

    public ProtocolException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static ProtocolException badRequest(String reason) {
        return new ProtocolException(400, reason);
    }

    public static ProtocolException notFound(String reason) {
        return new ProtocolException(404, reason);
    }

    public static ProtocolException conflict(String reason) {
        return new ProtocolException(409, reason);
    }

    public static ProtocolException gone(String reason) {
        return new ProtocolException(410, reason);
    }

    /** Adds a header to the refusal. */
    public ProtocolException with(HttpString name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<HttpString, String> headers() {
        return headers;
    }
}
