package io.dsk.gateway.ops;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Answers 431 Request Header Fields Too Large when the request line and headers exceed the
 * configured size. Undertow's own parser limit is set above this one (see
 * {@link #parserLimit(int)}): past it Undertow answers 400 and closes the connection before any
 * handler runs, so this handler is what gives clients the precise status.
 */
public final class HeaderSizeLimit implements HttpHandler {

    private static final int CRLF_AND_SEPARATOR = 4;

    private final int maxBytes;
    private final HttpHandler next;

    /**
     * @param maxBytes the largest accepted request line plus header block, in bytes
     * @param next the handler for requests within the limit
     */
    public HeaderSizeLimit(int maxBytes, HttpHandler next) {
        this.maxBytes = maxBytes;
        this.next = next;
    }

    /**
     * @param maxBytes the configured header limit
     * @return the limit to give Undertow's parser: twice the configured one, at least 16 KiB more
     */
    public static int parserLimit(int maxBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2L * maxBytes, maxBytes + 16_384L));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (size(exchange) > maxBytes) {
            exchange.setStatusCode(StatusCodes.REQUEST_HEADER_FIELDS_TOO_LARGE);
            exchange.setPersistent(false);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send("request headers exceed " + maxBytes + " bytes\n");
            return;
        }
        next.handleRequest(exchange);
    }

    /** Approximate wire size of the request line and headers (ASCII assumed). */
    static long size(HttpServerExchange exchange) {
        long size = exchange.getRequestMethod().length() + exchange.getRequestURI().length()
                + exchange.getQueryString().length() + exchange.getProtocol().length() + CRLF_AND_SEPARATOR;
        for (HeaderValues header : exchange.getRequestHeaders()) {
            for (String value : header) {
                size += header.getHeaderName().length() + value.length() + CRLF_AND_SEPARATOR;
            }
        }
        return size;
    }
}
