package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
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
     * The stream a {@code Stream-Forked-From} value names, as the store looks it up. The value is the
     * source's URL path, read by the same rule as a request path ({@link StreamPath#fromRequestPath(String)},
     * decoded exactly once): {@code /v1/stream/a/b}, {@code http://host/v1/stream/a/b}, {@code /a/b} and the
     * relative {@code a/b} all name {@code a/b}. The auth layer authorises a fork's read of exactly this
     * stream, and {@link CreateHandler} forks from it.
     *
     * @param value the header value
     * @return the source stream
     * @throws ProtocolException 400 when the value names no stream or breaks the stream path rule
     */
    public static StreamPath forkSource(String value) {
        String path = value.trim();
        try {
            if (path.startsWith("/") || path.contains("://")) {
                String withPrefix = path.startsWith("/") && !path.startsWith(StreamRoutes.PREFIX)
                        ? StreamRoutes.PREFIX + path.substring(1) : path;
                return StreamPath.fromRequestPath(withPrefix);
            }
            return StreamPath.fromUrlPath(path);
        } catch (InvalidStreamPathException e) {
            throw ProtocolException.badRequest("Stream-Forked-From must name a stream path such as /v1/stream/a: "
                    + e.getMessage());
        }
    }
}
