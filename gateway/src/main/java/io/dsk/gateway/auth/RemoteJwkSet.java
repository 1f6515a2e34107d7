package io.dsk.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification keys fetched from a JWKS URL, cached and rotated without ever blocking a caller.
 *
 * <p>The set is refetched when it is older than its max age (the response's
 * {@code Cache-Control: max-age}, capped by {@code auth-jwt-jwks-max-age}) and when a token names
 * a key the set lacks, as after a key rotation. Fetches are rate-limited to one per
 * {@code auth-jwt-jwks-refetch-interval}, concurrent callers share the fetch in flight, and a
 * failed fetch keeps the previous keys (a key is only dropped once a fetch succeeds without it).
 */
final class RemoteJwkSet {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwkSet.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");

    private final URI uri;
    private final long maxAgeNanos;
    private final long refetchIntervalNanos;
    private final Duration timeout;
    private final HttpClient client;
    private final Executor parser;
    private final LongSupplier nanoTime;

    private volatile Snapshot snapshot;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private long lastFetchStartNanos;
    private boolean fetchedOnce;

    RemoteJwkSet(URI uri, Duration maxAge, Duration refetchInterval, Duration timeout, HttpClient client,
            Executor parser, LongSupplier nanoTime) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.maxAgeNanos = maxAge.toNanos();
        this.refetchIntervalNanos = refetchInterval.toNanos();
        this.timeout = timeout;
        this.client = client;
        this.parser = parser;
        this.nanoTime = nanoTime;
        this.snapshot = new Snapshot(List.of(), nanoTime.getAsLong(), 0);
    }

    /** The current keys; when they are older than their max age, a refetch starts in the background. */
    List<VerificationKey> keys() {
        Snapshot current = snapshot;
        if (nanoTime.getAsLong() - current.fetchedAtNanos >= current.maxAgeNanos) {
            refresh();
        }
        return current.keys;
    }

    /**
     * Starts a fetch unless one is in flight or the last one started less than the refetch interval
     * ago. The returned stage completes (never exceptionally) when the fetch in flight, if any, ends.
     */
    synchronized CompletableFuture<Void> refresh() {
        long now = nanoTime.getAsLong();
        if (!inFlight.isDone() || (fetchedOnce && now - lastFetchStartNanos < refetchIntervalNanos)) {
            return inFlight;
        }
        fetchedOnce = true;
        lastFetchStartNanos = now;
        inFlight = fetch();
        return inFlight;
    }

    /**
     * For a token that names a key the set lacks. A fetch in flight may have been sent before that
     * key was published, so the caller waits for it and then for one more fetch, which
     * {@link #refresh()} starts where the refetch interval allows (concurrent callers share it).
     */
    CompletableFuture<Void> refreshForUnknownKey() {
        CompletableFuture<Void> current;
        synchronized (this) {
            current = inFlight;
        }
        return current.isDone() ? refresh() : current.thenCompose(ignored -> refresh());
    }

    private CompletableFuture<Void> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        CompletableFuture<HttpResponse<InputStream>> sent =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        // The request timeout ends at the response headers; this one also bounds the body, which a
        // hostile or broken server may send a byte at a time. Closing the body ends a blocked read.
        return sent.thenApplyAsync(this::parse, parser)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((fresh, failure) -> {
                    if (failure != null) {
                        sent.thenAccept(response -> closeQuietly(response.body()));
                    }
                })
                .thenAccept(fresh -> snapshot = fresh)
                .exceptionally(failure -> {
                    LOG.warn("JWKS fetch from {} failed, keeping the {} keys held: {}", uri,
                            snapshot.keys.size(), rootCause(failure) instanceof TimeoutException
                                    ? "no complete key set within " + timeout : rootMessage(failure));
                    return null;
                });
    }

    private Snapshot parse(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP status " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalStateException("the key set is larger than " + MAX_BODY_BYTES + " bytes");
            }
            JWKSet set = JWKSet.parse(new String(bytes, StandardCharsets.UTF_8));
            List<VerificationKey> keys = new ArrayList<>();
            for (JWK jwk : set.getKeys()) {
                StringBuilder why = new StringBuilder();
                VerificationKeys.fromJwk(jwk, false, why).ifPresentOrElse(keys::add,
                        () -> LOG.debug("JWKS {}: skipping key {}: {}", uri, jwk.getKeyID(), why));
            }
            long maxAge = response.headers().firstValue("Cache-Control")
                    .map(this::maxAgeNanos).orElse(maxAgeNanos);
            LOG.info("JWKS {}: {} usable keys of {}", uri, keys.size(), set.getKeys().size());
            return new Snapshot(List.copyOf(keys), nanoTime.getAsLong(), maxAge);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("unreadable key set: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing an abandoned JWKS body: {}", e.toString());
        }
    }

    private long maxAgeNanos(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl);
        if (!m.find()) {
            return maxAgeNanos;
        }
        long advertised = Duration.ofSeconds(Long.parseLong(m.group(1))).toNanos();
        return Math.max(refetchIntervalNanos, Math.min(maxAgeNanos, advertised));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = rootCause(failure);
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    @Override
    public String toString() {
        return "RemoteJwkSet{" + uri + "}";
    }

    private static final class Snapshot {
        final List<VerificationKey> keys;
        final long fetchedAtNanos;
        final long maxAgeNanos;

        Snapshot(List<VerificationKey> keys, long fetchedAtNanos, long maxAgeNanos) {
            this.keys = keys;
            this.fetchedAtNanos = fetchedAtNanos;
            this.maxAgeNanos = maxAgeNanos;
        }
    }
}
