package io.dsk.gateway.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Finds the token of a request: the {@code Authorization: Bearer} header first, then the token
 * cookie, then {@code ?token=} where enabled.
 *
 * <p>Cookie tokens authorise reads only unless {@code auth-token-cookie-writes} is on: a browser
 * attaches cookies to cross-site requests, so a cookie alone must not be able to append or delete
 * (CSRF). Query tokens are for EventSource, which cannot set headers; they authorise reads only
 * and are removed from the query string before the request goes on, so no later handler or log
 * sees them.
 */
final class TokenSources {

    private static final String BEARER = "bearer ";

    private final String cookieName;
    private final boolean cookieWrites;
    private final boolean queryEnabled;

    TokenSources(String cookieName, boolean cookieWrites, boolean queryEnabled) {
        this.cookieName = cookieName;
        this.cookieWrites = cookieWrites;
        this.queryEnabled = queryEnabled;
    }

    /**
     * The token presented for the action, removing any {@code token} query parameter from the exchange.
     *
     * @param exchange the request
     * @param action the request's action
     * @return what was presented
     */
    PresentedToken find(HttpServerExchange exchange, Action action) {
        Deque<String> queryTokens = exchange.getQueryParameters().get(AuthSettings.QUERY_PARAMETER);
        String queryToken = queryTokens == null || queryTokens.isEmpty() ? null : queryTokens.peekFirst();
        if (queryTokens != null) {
            removeQueryToken(exchange);
        }
        HeaderValues authorization = exchange.getRequestHeaders().get(Headers.AUTHORIZATION);
        if (authorization != null && !authorization.isEmpty()) {
            return fromHeader(authorization);
        }
        if (cookieName != null && (action == Action.READ || cookieWrites)) {
            Cookie cookie = exchange.getRequestCookie(cookieName);
            if (cookie != null && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return PresentedToken.of(cookie.getValue(), PresentedToken.Source.COOKIE);
            }
        }
        if (queryToken != null) {
            if (!queryEnabled) {
                return PresentedToken.refused(TokenRejection.QUERY_TOKEN_DISABLED);
            }
            if (action != Action.READ) {
                return PresentedToken.refused(TokenRejection.QUERY_TOKEN_READS_ONLY);
            }
            return queryToken.isEmpty() ? PresentedToken.refused(TokenRejection.MALFORMED)
                    : PresentedToken.of(queryToken, PresentedToken.Source.QUERY);
        }
        return PresentedToken.NONE;
    }

    private static PresentedToken fromHeader(HeaderValues authorization) {
        if (authorization.size() != 1) {
            return PresentedToken.refused(TokenRejection.NOT_BEARER);
        }
        String value = authorization.getFirst().strip();
        if (value.length() <= BEARER.length()
                || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return PresentedToken.refused(TokenRejection.NOT_BEARER);
        }
        String token = value.substring(BEARER.length()).strip();
        return token.isEmpty() ? PresentedToken.refused(TokenRejection.NOT_BEARER)
                : PresentedToken.of(token, PresentedToken.Source.HEADER);
    }

    /** Drops every {@code token} parameter from the parsed parameters and the raw query string. */
    static void removeQueryToken(HttpServerExchange exchange) {
        exchange.getQueryParameters().remove(AuthSettings.QUERY_PARAMETER);
        StringJoiner kept = new StringJoiner("&");
        for (String pair : exchange.getQueryString().split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!pair.isEmpty() && !isTokenParameter(name)) {
                kept.add(pair);
            }
        }
        exchange.setQueryString(kept.toString());
    }

    /** True for {@code token} however it is percent-encoded; an undecodable name is dropped too. */
    private static boolean isTokenParameter(String rawName) {
        try {
            return URLDecoder.decode(rawName, StandardCharsets.UTF_8).equals(AuthSettings.QUERY_PARAMETER);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
