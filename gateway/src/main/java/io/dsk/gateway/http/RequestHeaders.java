package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.Locale;

/** Small readers of request headers shared by the handlers. */
final class RequestHeaders {

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
    static String streamPath(String value) {
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
}
