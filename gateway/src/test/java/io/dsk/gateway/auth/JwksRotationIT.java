package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.dsk.gateway.Eventually;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS URL: rotation, refetch on unknown kid (rate-limited), max age, no symmetric keys. */
class JwksRotationIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final long SECOND = 1_000_000_000L;

    private final AtomicReference<String> keySet = new AtomicReference<>();
    private final AtomicReference<String> cacheControl = new AtomicReference<>("max-age=3600");
    private final AtomicInteger fetches = new AtomicInteger();
    /** When set, the next fetch reads the key set at once but answers only once this opens. */
    private final AtomicReference<CountDownLatch> holdNextAnswer = new AtomicReference<>();
    private Undertow issuer;
    private URI jwksUrl;

    @BeforeEach
    void startIssuer() {
        issuer = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new BlockingHandler(exchange -> {
            fetches.incrementAndGet();
            String body = keySet.get();
            CountDownLatch hold = holdNextAnswer.getAndSet(null);
            if (hold != null && !hold.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held key set answer was never released");
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/jwk-set+json");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, cacheControl.get());
            exchange.getResponseSender().send(body);
        })).build();
        issuer.start();
        int port = ((InetSocketAddress) issuer.getListenerInfo().get(0).getAddress()).getPort();
        jwksUrl = URI.create("http://127.0.0.1:" + port + "/jwks.json");
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop();
    }

    private static JWK rsaJwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
    }

    private void publish(JWK... keys) {
        keySet.set(new JWKSet(List.of(keys)).toString(true));
    }

    private StubServer gateway(Duration refetchInterval) throws Exception {
        return StubServer.start(AuthSettings.builder().enabled(true).jwksUrl(jwksUrl)
                .jwksRefetchInterval(refetchInterval).jwksMaxAge(Duration.ofHours(1))
                .grant(Action.READ, "users/{sub}/**").build(), RateLimitSettings.disabled());
    }

    private static int status(StubServer server, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/stream/users/alice/feed"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A fresh token on every call (its own jti), so no answer comes from the verified-token cache. */
    private static String token(KeyPair pair, String kid) {
        return TestTokens.rsa(JWSAlgorithm.RS256, kid, pair.getPrivate(),
                TestTokens.claims("alice").jwtID(UUID.randomUUID().toString()).build());
    }

    @Test
    void aRotatedKeyIsFetchedOnItsFirstTokenAndTheRetiredKeyStopsWorking() throws Exception {
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = gateway(Duration.ZERO)) {
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);

            publish(rsaJwk(TestKeys.RSA_OTHER, "k2"));
            assertThat(status(server, token(TestKeys.RSA_OTHER, "k2"))).isEqualTo(200);
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(401);
        }
    }

    @Test
    void aKeyPublishedWhileAFetchIsInFlightIsFoundByTheNextFetch() throws Exception {
        CountDownLatch startUpAnswer = new CountDownLatch(1);
        holdNextAnswer.set(startUpAnswer);
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = gateway(Duration.ZERO)) {
            Eventually.within(Duration.ofSeconds(20)).until("the start-up fetch is answered",
                    () -> holdNextAnswer.get() == null);
            publish(rsaJwk(TestKeys.RSA, "k1"), rsaJwk(TestKeys.RSA_OTHER, "k2"));
            CompletableFuture<HttpResponse<String>> read = CLIENT.sendAsync(HttpRequest.newBuilder(
                    server.uri("/v1/stream/users/alice/feed")).header("Authorization", "Bearer "
                    + token(TestKeys.RSA_OTHER, "k2")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Gives the request time to join the held fetch. Were it late, it would only meet a finished
            // fetch and pass without testing the race; it can never make the test fail.
            Thread.sleep(200);
            startUpAnswer.countDown();

            assertThat(read.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(fetches.get()).as("the start-up fetch and one after it").isEqualTo(2);
        }
    }

    @Test
    void aWriteParkedForAFetchStillHasItsBodyWhenItResumes() throws Exception {
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = StubServer.start(AuthSettings.builder().enabled(true).jwksUrl(jwksUrl)
                .jwksRefetchInterval(Duration.ZERO).grant(Action.WRITE, "users/{sub}/**").build(),
                RateLimitSettings.disabled())) {
            publish(rsaJwk(TestKeys.RSA, "k1"), rsaJwk(TestKeys.RSA_OTHER, "k2"));
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/stream/users/alice/feed"))
                    .header("Authorization", "Bearer " + token(TestKeys.RSA_OTHER, "k2"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).endsWith("sub=alice body=100000");
        }
    }

    @Test
    void unknownKeyIdsRefetchAtMostOncePerInterval() throws Exception {
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = gateway(Duration.ofSeconds(30))) {
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
            int afterStart = fetches.get();
            assertThat(status(server, token(TestKeys.RSA, "unknown"))).as("start-up fetch was just now").isEqualTo(401);
            assertThat(fetches.get()).isEqualTo(afterStart);

            server.nanoTime.addAndGet(31 * SECOND);
            for (int i = 0; i < 5; i++) {
                assertThat(status(server, token(TestKeys.RSA, "unknown-" + i))).isEqualTo(401);
            }
            assertThat(fetches.get()).isEqualTo(afterStart + 1);

            publish(rsaJwk(TestKeys.RSA, "k1"), rsaJwk(TestKeys.RSA_OTHER, "k2"));
            assertThat(status(server, token(TestKeys.RSA_OTHER, "k2"))).as("within the interval").isEqualTo(401);
            server.nanoTime.addAndGet(31 * SECOND);
            assertThat(status(server, token(TestKeys.RSA_OTHER, "k2"))).isEqualTo(200);
            assertThat(fetches.get()).isEqualTo(afterStart + 2);
        }
    }

    @Test
    void theKeySetIsRefetchedOnceItsMaxAgePasses() throws Exception {
        cacheControl.set("public, max-age=60");
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = gateway(Duration.ofSeconds(30))) {
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
            int afterStart = fetches.get();
            server.nanoTime.addAndGet(59 * SECOND);
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
            assertThat(fetches.get()).isEqualTo(afterStart);

            server.nanoTime.addAndGet(2 * SECOND);
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
            Eventually.within(Duration.ofSeconds(20)).until("one more fetch", () -> fetches.get() == afterStart + 1);
        }
    }

    @Test
    void aFailedFetchKeepsTheKeysHeld() throws Exception {
        publish(rsaJwk(TestKeys.RSA, "k1"));
        try (StubServer server = gateway(Duration.ZERO)) {
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
            keySet.set("{ not json");

            assertThat(status(server, token(TestKeys.RSA, "unknown"))).isEqualTo(401);
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
        }
    }

    @Test
    void symmetricKeysFromAUrlAreIgnored() throws Exception {
        byte[] secret = TestKeys.HMAC_SECRET;
        publish(rsaJwk(TestKeys.RSA, "k1"), new OctetSequenceKey.Builder(secret).keyID("shared").build());
        try (StubServer server = gateway(Duration.ZERO)) {
            String hmacToken = TestTokens.sign(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID("shared").build(), TestTokens.claims("alice").build(),
                    new com.nimbusds.jose.crypto.MACSigner(secret));

            assertThat(status(server, hmacToken)).isEqualTo(401);
            assertThat(status(server, token(TestKeys.RSA, "k1"))).isEqualTo(200);
        }
    }
}
