package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolHeaders;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * Browser security headers (PROTOCOL.md 12.7) and CORS, and the answer to CORS preflight requests.
 * Streams are readable cross-origin; credentials travel as bearer tokens, so any origin may call and
 * every response header is exposed ({@link ProtocolHeaders#CORS_EXPOSED_HEADERS}).
 *
 * <p>Reads and preflights carry CORS whether or not the request names an {@code Origin}: a CDN may
 * cache a read fetched by a server and serve it to a browser later. Writes (PUT, POST, DELETE) are
 * never cached, and a browser always sends {@code Origin} with them, so a write without one (a
 * server, the connector) is answered without the CORS headers: half the bytes of an append's answer.
 */
final class BrowserHeadersHandler implements HttpHandler {

    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString CORP = new HttpString("Cross-Origin-Resource-Policy");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_HEADERS = new HttpString("Access-Control-Request-Headers");
    private static final HttpString VARY = new HttpString("Vary");
    private static final String METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS";

    private final HttpHandler next;

    BrowserHeadersHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap out = exchange.getResponseHeaders();
        out.put(NOSNIFF, "nosniff");
        out.put(CORP, "cross-origin");
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        HttpString method = exchange.getRequestMethod();
        if (origin == null && !method.equals(Methods.GET) && !method.equals(Methods.HEAD)
                && !method.equals(Methods.OPTIONS)) {
            next.handleRequest(exchange);
            return;
        }
        out.put(ALLOW_ORIGIN, origin == null ? "*" : origin);
        if (origin != null) {
            out.put(VARY, "Origin");
        }
        out.put(EXPOSE_HEADERS, ProtocolHeaders.CORS_EXPOSED_HEADERS);
        if (method.equals(Methods.OPTIONS)) {
            out.put(ALLOW_METHODS, METHODS);
            String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
            out.put(ALLOW_HEADERS, requested == null || requested.isBlank()
                    ? ProtocolHeaders.CORS_ALLOWED_HEADERS
                    : ProtocolHeaders.CORS_ALLOWED_HEADERS + ", " + requested);
            out.put(MAX_AGE, "86400");
            Responses.empty(exchange, 204);
            return;
        }
        next.handleRequest(exchange);
    }
}
