package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which grant each subscription API needs (docs/auth.md, Subscriptions), through the real auth chain
 * in front of a stub: control APIs need admin on the subscription's reserved path, a claim admin on its
 * claim path, ack, release and callback carry a wake token that is not a service JWT, the JWKS is public.
 */
class SubscriptionAuthIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String WORKER = TestTokens.hs256(TestTokens.claims("worker").build());
    private static final String OPERATOR = TestTokens.hs256(TestTokens.claims("operator")
            .claim("grants", java.util.Map.of("admin", java.util.List.of("__ds/subscriptions/**"))).build());
    private static StubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = StubServer.start(AuthSettings.builder()
                .enabled(true)
                .hmacSecret(TestKeys.HMAC_SECRET)
                .grant(Action.ADMIN, "__ds/subscriptions/*/claim")
                .grantsClaim("grants")
                .build(), RateLimitSettings.disabled());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int status(String method, String target, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(target)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void controlApisNeedAdminOnTheSubscriptionPath() throws Exception {
        assertThat(status("PUT", "/v1/stream/__ds/subscriptions/s1", null)).isEqualTo(401);
        assertThat(status("PUT", "/v1/stream/__ds/subscriptions/s1", WORKER)).isEqualTo(403);
        assertThat(status("GET", "/v1/stream/__ds/subscriptions/s1", WORKER)).isEqualTo(403);
        assertThat(status("PUT", "/v1/stream/__ds/subscriptions/s1", OPERATOR)).isEqualTo(200);
        assertThat(status("DELETE", "/v1/stream/__ds/subscriptions/s1/streams/a%2Fb", OPERATOR)).isEqualTo(200);
        assertThat(status("DELETE", "/v1/stream/__ds/subscriptions/s1/streams/a%2Fb", WORKER)).isEqualTo(403);
    }

    @Test
    void aClaimNeedsOnlyTheClaimGrant() throws Exception {
        assertThat(status("POST", "/v1/stream/__ds/subscriptions/s1/claim", WORKER)).isEqualTo(200);
        assertThat(status("POST", "/v1/stream/__ds/subscriptions/s1/claim", null)).isEqualTo(401);
    }

    @Test
    void ackReleaseAndCallbackCarryAWakeTokenThatTheAuthLayerLeavesToTheSubscriptionApi() throws Exception {
        for (String op : new String[] {"ack", "release", "callback"}) {
            assertThat(status("POST", "/v1/stream/__ds/subscriptions/s1/" + op, "not.a-service.jwt")).as(op)
                    .isEqualTo(200);
        }
        assertThat(status("DELETE", "/v1/stream/__ds/subscriptions/s1/ack", "not.a-service.jwt")).isEqualTo(401);
    }

    @Test
    void theJwksIsPublicAndABadSubscriptionPathIs400() throws Exception {
        assertThat(status("GET", "/v1/stream/__ds/jwks.json", null)).isEqualTo(200);
        assertThat(status("GET", "/v1/stream/__ds/subscriptions/a%20b", OPERATOR)).isEqualTo(400);
    }
}
