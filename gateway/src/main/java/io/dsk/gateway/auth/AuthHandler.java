package io.dsk.gateway.auth;

import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates and authorises every request under the stream prefix, then hands it on.
 *
 * <p>In order: the path is decoded once and checked by {@link StreamPath#fromRequestPath(String)}, the
 * rule the protocol handler applies too (400 for anything ambiguous, whether auth is on or off), the action is
 * derived from method and path, the token is found and verified (401), and the action on the path
 * must be granted (403) by the anonymous grants, the grants of every valid token, or the token's
 * own grant claim. Reads get {@link PrivateReadCaching}. The exchange is never blocked: when a
 * token needs a JWKS refetch, the exchange is parked and resumed on its IO thread.
 */
final class AuthHandler implements HttpHandler {

    /** Rejections are logged here at debug, without tokens; keep it quiet so clients cannot flood logs. */
    private static final Logger REJECTIONS = LoggerFactory.getLogger("io.dsk.gateway.auth.rejections");
    private static final Function<String, Optional<String>> NO_CLAIMS = name -> Optional.empty();

    private final HttpHandler next;
    private final AuthSettings settings;
    private final JwtVerifier verifier;
    private final TokenSources sources;

    AuthHandler(HttpHandler next, AuthSettings settings, JwtVerifier verifier) {
        this.next = Objects.requireNonNull(next, "next");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.sources = new TokenSources(settings.tokenCookie().orElse(null), settings.tokenCookieWrites(),
                settings.tokenQuery());
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (Methods.OPTIONS.equals(exchange.getRequestMethod())) {
            next.handleRequest(exchange);
            return;
        }
        StreamPath path = streamPath(exchange);
        if (path == null) {
            return;
        }
        Action action = Action.of(exchange.getRequestMethod(), path);
        PresentedToken presented = sources.find(exchange, action);
        if (presented.refusal() != null) {
            refuse(exchange, action, presented.refusal());
        } else if (presented.isNone()) {
            authorise(exchange, path, action, null);
        } else {
            CompletableFuture<TokenCheck> check = verifier.check(presented.token()).toCompletableFuture();
            if (check.isDone()) {
                afterCheck(exchange, path, action, check.join());
            } else {
                exchange.dispatch(SameThreadExecutor.INSTANCE, () -> check.whenComplete((result, failure) ->
                        exchange.dispatch(exchange.getIoThread(), resumed -> afterCheck(resumed, path, action,
                                result != null ? result : TokenCheck.rejected(TokenRejection.UNKNOWN_KEY)))));
            }
        }
    }

    /** The checked stream path, or null after answering 404 or 400. */
    private StreamPath streamPath(HttpServerExchange exchange) {
        try {
            return StreamPath.fromRequestPath(exchange.getRequestURI());
        } catch (InvalidStreamPathException e) {
            if (e.notStreamPath()) {
                Refusals.notStreamPath(exchange);
                return null;
            }
            REJECTIONS.debug("400 {} from {}: {}", exchange.getRequestMethod(), exchange.getSourceAddress(),
                    e.getMessage());
            Refusals.badPath(exchange, e.getMessage());
            return null;
        }
    }

    private void afterCheck(HttpServerExchange exchange, StreamPath path, Action action, TokenCheck check)
            throws Exception {
        if (check.isAccepted()) {
            authorise(exchange, path, action, check.token());
        } else {
            refuse(exchange, action, check.rejection());
        }
    }

    private void authorise(HttpServerExchange exchange, StreamPath path, Action action, VerifiedToken token)
            throws Exception {
        if (!granted(path, action, token)) {
            if (token == null) {
                REJECTIONS.debug("401 {} {} from {}: no token", action.key(), path, exchange.getSourceAddress());
                Refusals.tokenRequired(exchange, settings.realm());
            } else {
                REJECTIONS.debug("403 {} {} for sub {}", action.key(), path, token.subject().orElse("-"));
                Refusals.notGranted(exchange, settings.realm(), action);
            }
            return;
        }
        if (token != null) {
            exchange.putAttachment(AuthHandlers.VERIFIED_TOKEN, token);
        }
        if (action == Action.READ && !isPublic(path)) {
            exchange.addResponseCommitListener(
                    token != null ? PrivateReadCaching.TOKEN_READ : PrivateReadCaching.ANONYMOUS_READ);
        }
        next.handleRequest(exchange);
    }

    private boolean granted(StreamPath path, Action action, VerifiedToken token) {
        if (settings.anonymousGrants().allows(action, path, NO_CLAIMS)) {
            return true;
        }
        if (token == null) {
            return false;
        }
        if (settings.grants().allows(action, path, token::pathValue)) {
            return true;
        }
        return settings.grantsClaim()
                .map(claim -> Grants.fromClaim(token.claim(claim)).allows(action, path, token::pathValue))
                .orElse(false);
    }

    private boolean isPublic(StreamPath path) {
        List<StreamPathPattern> publicPaths = settings.publicPaths();
        for (StreamPathPattern pattern : publicPaths) {
            if (pattern.matches(path, NO_CLAIMS)) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServerExchange exchange, Action action, TokenRejection rejection) {
        REJECTIONS.debug("401 {} from {}: {}", action.key(), exchange.getSourceAddress(), rejection);
        Refusals.tokenRefused(exchange, settings.realm(), rejection);
    }
}
