package io.dsk.gateway.auth;

import io.dsk.gateway.protocol.ProtocolHeaders;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

/**
 * The gateway's refusals, each with a short plain-text reason and {@code Cache-Control: no-store}
 * so no cache keeps a refusal meant for one caller.
 *
 * <p>Refusals are answered before the protocol handler, so they carry the same cross-origin
 * policy it applies (the request's origin echoed, {@code nosniff}, every header exposed): a browser
 * client must be able to see a 401's {@code WWW-Authenticate} to refresh its token and a 429's
 * {@code Retry-After} to back off.
 */
final class Refusals {

    static final HttpString RETRY_AFTER = new HttpString("Retry-After");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

    private Refusals() {
    }

    /** 400 for a path that could be read two ways. */
    static void badPath(HttpServerExchange exchange, String reason) {
        send(exchange, StatusCodes.BAD_REQUEST, reason);
    }

    /** 404 for a request the wrapped handler does not serve. */
    static void notStreamPath(HttpServerExchange exchange) {
        send(exchange, StatusCodes.NOT_FOUND, "not a stream path");
    }

    /** 401 without a usable token: {@code WWW-Authenticate: Bearer realm="..."}. */
    static void tokenRequired(HttpServerExchange exchange, String realm) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"");
        send(exchange, StatusCodes.UNAUTHORIZED, "a bearer token is required");
    }

    /** 401 for a token that was presented but refused, with the RFC 6750 error and a token-free reason. */
    static void tokenRefused(HttpServerExchange exchange, String realm, TokenRejection rejection) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\", error=\""
                + rejection.errorCode() + "\", error_description=\"" + rejection.description() + "\"");
        send(exchange, StatusCodes.UNAUTHORIZED, rejection.description());
    }

    /** 403 for a valid token without a grant for the action on the path. */
    static void notGranted(HttpServerExchange exchange, String realm, Action action) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\"");
        send(exchange, StatusCodes.FORBIDDEN, "the token does not grant " + action.key() + " on this stream");
    }

    /**
     * 403 for a request naming a second stream (a fork's source) that the token may not read; the
     * same answer whether that stream exists or not.
     */
    static void namedStreamNotGranted(HttpServerExchange exchange, String realm, String field) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\"");
        send(exchange, StatusCodes.FORBIDDEN, "the token does not grant read on the stream named by " + field);
    }

    /** 403 for a source-offsets lookup: it needs a read or write grant on the stream it names. */
    static void lookupNotGranted(HttpServerExchange exchange, String realm) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\"");
        send(exchange, StatusCodes.FORBIDDEN, "the token grants neither read nor write on the stream named by the "
                + "path parameter");
    }

    /** 429 with {@code Retry-After} in whole seconds, at least 1. */
    static void tooManyRequests(HttpServerExchange exchange, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        exchange.getResponseHeaders().put(RETRY_AFTER, Long.toString(seconds));
        send(exchange, StatusCodes.TOO_MANY_REQUESTS, "rate limit exceeded; retry after " + seconds + "s");
    }

    private static void send(HttpServerExchange exchange, int status, String reason) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin == null ? "*" : origin);
        if (origin != null) {
            exchange.getResponseHeaders().add(Headers.VARY, "Origin");
        }
        exchange.getResponseHeaders().put(EXPOSE_HEADERS, ProtocolHeaders.CORS_EXPOSED_HEADERS);
        exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(reason + "\n");
    }
}
