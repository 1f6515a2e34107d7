package io.dsk.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.path.StreamPath;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: wraps the stream handler with rate limits, authentication and authorisation.
 *
 * <pre>{@code
 * UnaryOperator<HttpHandler> streamFilters =
 *         AuthHandlers.filters(AuthSettings.from(config), RateLimitSettings.from(config));
 * GatewayServer server = GatewayServer.start(settings, streamFilters::apply, tlsContextOrNull);
 * }</pre>
 *
 * <p>The chain is: per-address rate limit, then (when auth is on) path check, token check and
 * grants, then per-subject rate limit, then the wrapped handler. With auth and rate limits off
 * (the defaults) the wrapped handler is returned unchanged.
 */
public final class AuthHandlers {

    /** The path prefix every wrapped request must have; grant patterns are relative to it. */
    public static final String STREAM_PREFIX = StreamPath.URL_PREFIX;

    /** The verified token of a request that passed with one; absent for anonymous requests. */
    public static final AttachmentKey<VerifiedToken> VERIFIED_TOKEN = AttachmentKey.create(VerifiedToken.class);

    private static final Logger LOG = LoggerFactory.getLogger(AuthHandlers.class);

    private AuthHandlers() {
    }

    /**
     * Wraps the handler of {@code /v1/stream/*}. Wrap only that handler: requests outside the
     * prefix get 404 once auth is on. Health and metrics routes stay outside the wrapper.
     *
     * @param next the protocol handler
     * @param auth the {@code auth-*} settings
     * @param limits the {@code rate-limit-*} settings
     * @return the wrapped handler, or {@code next} itself when auth and rate limits are off
     * @throws IOException if a configured key file cannot be read or holds no usable key
     */
    public static HttpHandler wrap(HttpHandler next, AuthSettings auth, RateLimitSettings limits) throws IOException {
        return wrap(next, auth, limits, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * Wraps the handler of {@code /v1/stream/*} with settings read from raw option values.
     *
     * @param next the protocol handler
     * @param options raw option values by kebab-case key
     * @return the wrapped handler
     * @throws IOException if a configured key file cannot be read or holds no usable key
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public static HttpHandler wrap(HttpHandler next, Map<String, String> options) throws IOException {
        return wrap(next, AuthSettings.from(options), RateLimitSettings.from(options));
    }

    /**
     * Wraps the handler of {@code /v1/stream/*} with the {@code auth-*} and {@code rate-limit-*}
     * options of the gateway's merged configuration.
     *
     * @param next the protocol handler
     * @param config the merged configuration; the options read are marked known
     * @return the wrapped handler
     * @throws IOException if a configured key file cannot be read or holds no usable key
     * @throws ConfigException naming the option whose value is invalid
     */
    public static HttpHandler wrap(HttpHandler next, ConfigValues config) throws IOException {
        return wrap(next, AuthSettings.from(config), RateLimitSettings.from(config));
    }

    /**
     * The auth chain as a handler decorator for the gateway's stream filters seam.
     * Key files are read and the JWKS fetch is started here, once, so a bad key file fails start-up.
     *
     * @param auth the {@code auth-*} settings
     * @param limits the {@code rate-limit-*} settings
     * @return wraps the handler of {@code /v1/stream/*}; the identity when auth and rate limits are off
     * @throws IOException if a configured key file cannot be read or holds no usable key
     */
    public static UnaryOperator<HttpHandler> filters(AuthSettings auth, RateLimitSettings limits) throws IOException {
        return filters(auth, limits, Clock.systemUTC(), System::nanoTime);
    }

    static HttpHandler wrap(HttpHandler next, AuthSettings auth, RateLimitSettings limits, Clock clock,
            LongSupplier nanoTime) throws IOException {
        return filters(auth, limits, clock, nanoTime).apply(next);
    }

    static UnaryOperator<HttpHandler> filters(AuthSettings auth, RateLimitSettings limits, Clock clock,
            LongSupplier nanoTime) throws IOException {
        if (limits.subjectRate() > 0 && !auth.enabled()) {
            LOG.warn("{} is set but auth is off, so no request has a subject to limit", RateLimitSettings.SUBJECT_RATE);
        }
        JwtVerifier verifier = auth.enabled() ? verifier(auth, clock, nanoTime) : null;
        if (verifier != null) {
            LOG.info("auth on: {}", auth);
        }
        return next -> {
            HttpHandler handler = next;
            if (limits.subjectRate() > 0) {
                handler = new RateLimitHandler(handler, new TokenBuckets(limits.subjectRate(), limits.subjectBurst(),
                        limits.maxBuckets(), nanoTime), RateLimitHandler::subjectKey);
            }
            if (verifier != null) {
                handler = new AuthHandler(handler, auth, verifier);
            }
            if (limits.ipRate() > 0) {
                handler = new RateLimitHandler(handler, new TokenBuckets(limits.ipRate(), limits.ipBurst(),
                        limits.maxBuckets(), nanoTime), RateLimitHandler::clientAddressKey);
            }
            return handler;
        };
    }

    static JwtVerifier verifier(AuthSettings auth, Clock clock, LongSupplier nanoTime) throws IOException {
        List<VerificationKey> keys = new ArrayList<>();
        auth.hmacSecret().ifPresent(secret -> keys.add(VerificationKeys.hmac(secret, null)));
        for (AuthSettings.PublicKeyFile file : auth.publicKeys()) {
            try {
                keys.add(VerificationKeys.fromPemFile(file.path(), file.keyId()));
            } catch (IllegalArgumentException e) {
                throw new IOException(AuthSettings.JWT_PUBLIC_KEYS + ": " + e.getMessage(), e);
            }
        }
        if (auth.jwksFile().isPresent()) {
            keys.addAll(jwksFileKeys(auth.jwksFile().get()));
        }
        List<VerificationKey> allowed = new ArrayList<>();
        for (VerificationKey key : keys) {
            VerificationKey restricted = key.restrictedTo(auth.algorithms());
            if (restricted == null) {
                throw new IOException(AuthSettings.JWT_ALGORITHMS + " allows none of the algorithms of " + key);
            }
            allowed.add(restricted);
        }
        RemoteJwkSet remote = auth.jwksUrl().map(url -> remoteJwkSet(auth, nanoTime)).orElse(null);
        if (remote != null) {
            remote.refresh();
        }
        VerifiedTokenCache cache = auth.cacheSize() > 0 ? new VerifiedTokenCache(auth.cacheSize()) : null;
        return new JwtVerifier(allowed, remote, auth, clock, cache);
    }

    private static List<VerificationKey> jwksFileKeys(Path file) throws IOException {
        JWKSet set;
        try {
            set = JWKSet.load(file.toFile());
        } catch (ParseException e) {
            throw new IOException(AuthSettings.JWT_JWKS_FILE + ": " + file + " is not a JWK set: " + e.getMessage(), e);
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            StringBuilder why = new StringBuilder();
            VerificationKeys.fromJwk(jwk, true, why).ifPresentOrElse(keys::add,
                    () -> LOG.warn("{}: skipping key {}: {}", file, jwk.getKeyID(), why));
        }
        if (keys.isEmpty()) {
            throw new IOException(AuthSettings.JWT_JWKS_FILE + ": " + file + " holds no usable signature key");
        }
        return keys;
    }

    private static RemoteJwkSet remoteJwkSet(AuthSettings auth, LongSupplier nanoTime) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dsk-jwks-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(auth.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).executor(executor).build();
        return new RemoteJwkSet(auth.jwksUrl().orElseThrow(), auth.jwksMaxAge(), auth.jwksRefetchInterval(),
                auth.jwksTimeout(), client, executor, nanoTime);
    }
}
