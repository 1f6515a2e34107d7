package io.dsk.gateway.auth;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Locale;

/** What a request does to a stream; each action needs a grant of its own. */
public enum Action {
    /** GET and HEAD on a stream: catch-up reads, long-poll, SSE, metadata. */
    READ,
    /** PUT (create) and POST (append, close) on a stream. */
    WRITE,
    /** DELETE of a stream, and every request to the {@code __ds} control APIs. */
    ADMIN;

    /** First stream-path segment reserved for the protocol's control APIs (PROTOCOL.md section 6). */
    static final String CONTROL_SEGMENT = "__ds";

    /**
     * The action of a request. Methods the protocol does not define need the most privileged action,
     * so an unexpected method can never slip through on a weaker grant.
     *
     * @param method the request method
     * @param path the normalised stream path
     * @return the action the request must be granted
     */
    static Action of(HttpString method, StreamPath path) {
        if (path.firstSegmentIs(CONTROL_SEGMENT)) {
            return ADMIN;
        }
        if (Methods.GET.equals(method) || Methods.HEAD.equals(method)) {
            return READ;
        }
        if (Methods.POST.equals(method) || Methods.PUT.equals(method)) {
            return WRITE;
        }
        return ADMIN;
    }

    /** The lower-case name used in option keys and grant claims: {@code read}, {@code write}, {@code admin}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
