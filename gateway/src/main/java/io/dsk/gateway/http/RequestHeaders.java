package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.URLUtils;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small readers of request headers shared by the handlers (and, for fork sources, by the auth layer). */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    static String first(HttpServerExchange exchange, HttpString name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** {@code Stream-Closed} counts only when exactly {@code true}, in any case (PROTOCOL.md 4.1). */
    static boolean streamClosed(HttpServerExchange exchange) {
        String value = first(exchange, ProtocolHeaders.STREAM_CLOSED);
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * The stream path of a {@code Stream-Forked-From} value: {@code /v1/stream/a/b} and {@code a/b}
     * both name {@code a/b}.
     */
    public static String streamPath(String value) {
        String path = value.trim();
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        if (path.startsWith(StreamRoutes.PREFIX)) {
            return path.substring(StreamRoutes.PREFIX.length());
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /**
     * The stream a {@code Stream-Forked-From} value names, as the store looks it up: the path of
     * {@link #streamPath}, percent-decoded once as UTF-8, the way the request path itself is decoded.
     * The auth layer authorises a fork's read of exactly this path.
     *
     * @param value the header value
     * @return the decoded source path; empty when the value names no path
     * @throws ProtocolException 400 when the value has a malformed percent escape
     */
    public static String forkSource(String value) {
        try {
            return URLUtils.decode(streamPath(value), StandardCharsets.UTF_8.name(), false, false, new StringBuilder());
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badRequest("Stream-Forked-From has a malformed percent escape");
        }
    }
}
