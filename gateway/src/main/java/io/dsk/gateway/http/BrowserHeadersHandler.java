package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolHeaders;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * Browser security headers (PROTOCOL.md 12.7) and CORS on every response, and the answer to CORS
 * preflight requests. Streams are readable cross-origin; credentials travel as bearer tokens, so
 * any origin may call and every protocol header is exposed.
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
        out.put(ALLOW_ORIGIN, origin == null ? "*" : origin);
        if (origin != null) {
            out.put(VARY, "Origin");
        }
        out.put(EXPOSE_HEADERS, ProtocolHeaders.CORS_EXPOSED_HEADERS);
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
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
