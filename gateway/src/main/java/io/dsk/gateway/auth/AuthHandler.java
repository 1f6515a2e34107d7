package io.dsk.gateway.auth;

import io.dsk.gateway.http.RequestHeaders;
import io.dsk.gateway.http.RequestIdHandler;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.subscriptions.SubscriptionException;
import io.dsk.gateway.subscriptions.SubscriptionRoute;
import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.util.Deque;
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
 * own grant claim. A {@code PUT} with {@code Stream-Forked-From} creates a fork that reads its
 * source, so it must also be granted {@link Action#READ} on the source; the source-offsets control
 * API reports on the stream in its {@code path} parameter, so it is granted to whoever may read or
 * write that stream. That stream is resolved to exactly the path the protocol handler uses, refused
 * (400) when ambiguous, and checked before the store is consulted, so a refusal never tells whether
 * it exists.
 * Reads get {@link PrivateReadCaching}. The exchange is never blocked: when a
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
        StreamPath path;
        if (SubscriptionRoute.matches(exchange.getRequestURI())) {
            path = subscriptionPath(exchange);
            if (path == null) {
                return;
            }
        } else {
            path = streamPath(exchange);
            if (path == null) {
                return;
            }
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
                        exchange.dispatch(exchange.getIoThread(), resumed -> {
                            try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(resumed)) {
                                afterCheck(resumed, path, action,
                                        result != null ? result : TokenCheck.rejected(TokenRejection.UNKNOWN_KEY));
                            }
                        })));
            }
        }
    }

    /**
     * The reserved path whose grant a subscription API request needs, or null when the request needs no
     * grant (the public JWKS; callback, ack and release, which carry a wake token the subscription API
     * checks) and was handed on, or was refused with 400.
     */
    private StreamPath subscriptionPath(HttpServerExchange exchange) throws Exception {
        SubscriptionRoute route;
        try {
            route = SubscriptionRoute.parse(exchange.getRequestURI());
        } catch (SubscriptionException e) {
            Refusals.badPath(exchange, e.getMessage());
            return null;
        }
        if (route.checksOwnToken(exchange.getRequestMethod())) {
            next.handleRequest(exchange);
            return null;
        }
        return route.grantPath();
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
        String lookedUp = SourceOffsetsLookup.namedStream(exchange.getRequestMethod(), path,
                exchange.getQueryParameters());
        if (lookedUp != null) {
            authoriseLookup(exchange, path, lookedUp, token);
            return;
        }
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
        if (!forkSourceGranted(exchange, token)) {
            return;
        }
        pass(exchange, path, action, token);
    }

    /**
     * A source-offsets lookup reports on the stream its {@code path} parameter names, so it is granted
     * to whoever may read or write that stream (the sink connector holds only its write grant); an
     * admin grant on {@code __ds} alone does not reach another stream's offsets.
     */
    private void authoriseLookup(HttpServerExchange exchange, StreamPath path, String parameter,
                                 VerifiedToken token) throws Exception {
        StreamPath named;
        try {
            named = StreamPath.fromQueryParameter(parameter);
        } catch (InvalidStreamPathException e) {
            REJECTIONS.debug("400 the path parameter from {}: {}", exchange.getSourceAddress(), e.getMessage());
            Refusals.badPath(exchange, "the path parameter: " + e.getMessage());
            return;
        }
        if (granted(named, Action.READ, token) || granted(named, Action.WRITE, token)) {
            pass(exchange, path, Action.READ, token);
        } else if (token == null) {
            REJECTIONS.debug("401 source-offsets of {} from {}: no token", named, exchange.getSourceAddress());
            Refusals.tokenRequired(exchange, settings.realm());
        } else {
            REJECTIONS.debug("403 source-offsets of {} for sub {}", named, token.subject().orElse("-"));
            Refusals.lookupNotGranted(exchange, settings.realm());
        }
    }

    private void pass(HttpServerExchange exchange, StreamPath path, Action action, VerifiedToken token)
            throws Exception {
        if (token != null) {
            exchange.putAttachment(AuthHandlers.VERIFIED_TOKEN, token);
        }
        if (action == Action.READ && !isPublic(path)) {
            exchange.addResponseCommitListener(
                    token != null ? PrivateReadCaching.TOKEN_READ : PrivateReadCaching.ANONYMOUS_READ);
        }
        next.handleRequest(exchange);
    }

    /**
     * True when the request is no fork, or the caller may read the fork's source; otherwise answers
     * 400, 401 or 403 and returns false. The source ({@code Stream-Forked-From} of a {@code PUT}) is
     * resolved to exactly the path the protocol handler uses. The store is not consulted, so the
     * answer is the same whether that stream exists or not.
     */
    private boolean forkSourceGranted(HttpServerExchange exchange, VerifiedToken token) {
        String forkedFrom = exchange.getRequestHeaders().getFirst(ProtocolHeaders.STREAM_FORKED_FROM);
        if (forkedFrom == null || !Methods.PUT.equals(exchange.getRequestMethod())) {
            return true;
        }
        String field = ProtocolHeaders.STREAM_FORKED_FROM.toString();
        StreamPath source;
        try {
            source = RequestHeaders.forkSource(forkedFrom);
        } catch (ProtocolException e) {
            REJECTIONS.debug("400 {} from {}: {}", field, exchange.getSourceAddress(), e.getMessage());
            Refusals.badPath(exchange, e.getMessage());
            return false;
        }
        if (granted(source, Action.READ, token)) {
            return true;
        }
        if (token == null) {
            REJECTIONS.debug("401 read {} from {}: no token", source, exchange.getSourceAddress());
            Refusals.tokenRequired(exchange, settings.realm());
        } else {
            REJECTIONS.debug("403 read {} for sub {}", source, token.subject().orElse("-"));
            Refusals.namedStreamNotGranted(exchange, settings.realm(), field);
        }
        return false;
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
