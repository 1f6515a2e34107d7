package io.dsk.gateway.ops;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Deque;

/**
 * The fixed set of routes requests are counted by. A route is derived from the method and the
 * {@code live} query parameter only, never from the path, so metric labels stay bounded whatever
 * streams exist.
 */
public enum RequestRoute {
    CREATE("create"),
    APPEND("append"),
    READ("read"),
    HEAD("head"),
    DELETE("delete"),
    OPTIONS("options"),
    LIVE_LONG_POLL("live-long-poll"),
    LIVE_SSE("live-sse"),
    OTHER("other");

    private final String label;

    RequestRoute(String label) {
        this.label = label;
    }

    /** The metric label, e.g. {@code live-long-poll}. */
    public String label() {
        return label;
    }

    /** True for routes that change a stream, which shutdown lets finish. */
    public boolean writes() {
        return this == CREATE || this == APPEND || this == DELETE;
    }

    /**
     * @param exchange a request
     * @return its route
     */
    public static RequestRoute of(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        if (!Methods.GET.equals(method)) {
            return of(method, null); // only a GET's route depends on its query
        }
        Deque<String> live = exchange.getQueryParameters().get("live");
        return of(method, live == null ? null : live.peekFirst());
    }

    /**
     * @param method the request method
     * @param live the first {@code live} query parameter, or null
     * @return the route
     */
    public static RequestRoute of(HttpString method, String live) {
        if (Methods.GET.equals(method)) {
            if (live == null) {
                return READ;
            }
            switch (live) {
                case "long-poll":
                    return LIVE_LONG_POLL;
                case "sse":
                    return LIVE_SSE;
                default:
                    return OTHER;
            }
        }
        if (Methods.PUT.equals(method)) {
            return CREATE;
        }
        if (Methods.POST.equals(method)) {
            return APPEND;
        }
        if (Methods.HEAD.equals(method)) {
            return HEAD;
        }
        if (Methods.DELETE.equals(method)) {
            return DELETE;
        }
        if (Methods.OPTIONS.equals(method)) {
            return OPTIONS;
        }
        return OTHER;
    }
}
