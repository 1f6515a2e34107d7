package io.dsk.gateway.auth;

import io.dsk.path.StreamPath;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Locale;

/** What a request does to a stream; each action needs a grant of its own. */
public enum Action {
    /** GET and HEAD on a stream: catch-up reads, long-poll, SSE, metadata. */
    READ,
    /** PUT (create) and POST (append, close) on a stream. */
    WRITE,
    /** DELETE of a stream, and every request to a path reserved for the {@code __ds} control APIs. */
    ADMIN;

    /**
     * The action of a request. Methods the protocol does not define need the most privileged action,
     * so an unexpected method can never slip through on a weaker grant.
     *
     * @param method the request method
     * @param path the stream path
     * @return the action the request must be granted
     */
    static Action of(HttpString method, StreamPath path) {
        if (path.isReserved()) {
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
