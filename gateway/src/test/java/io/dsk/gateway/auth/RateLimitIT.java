package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** 429 with Retry-After per client address and per token subject; the limiters' clock is moved by hand. */
class RateLimitIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final long SECOND = 1_000_000_000L;

    private static HttpResponse<String> get(StubServer server, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/v1/stream/" + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void perAddressLimitAnswers429WithRetryAfterThenRecovers() throws Exception {
        try (StubServer server = StubServer.start(AuthSettings.disabled(), RateLimitSettings.of(2, 3, 0, 0, 1000))) {
            for (int i = 0; i < 3; i++) {
                assertThat(get(server, "a", null).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = get(server, "a", null);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("1");
            assertThat(limited.headers().firstValue("Cache-Control")).contains("no-store");

            server.nanoTime.addAndGet(SECOND);
            assertThat(get(server, "a", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() throws Exception {
        try (StubServer server = StubServer.start(AuthSettings.disabled(), RateLimitSettings.of(0.1, 1, 0, 0, 1000))) {
            assertThat(get(server, "a", null).statusCode()).isEqualTo(200);
            server.nanoTime.addAndGet(SECOND / 2);

            assertThat(get(server, "a", null).headers().firstValue("Retry-After")).contains("10");
        }
    }

    @Test
    void perSubjectLimitCountsEachSubjectApartAndLeavesAnonymousReadsAlone() throws Exception {
        AuthSettings auth = AuthSettings.builder().enabled(true).hmacSecret(TestKeys.HMAC_SECRET)
                .grant(Action.READ, "**").anonymousGrant(Action.READ, "public/**").build();
        String alice = TestTokens.hs256(TestTokens.claims("alice").build());
        String aliceAgain = TestTokens.hs256(TestTokens.claims("alice").jwtID("second-token").build());
        String bob = TestTokens.hs256(TestTokens.claims("bob").build());
        try (StubServer server = StubServer.start(auth, RateLimitSettings.of(0, 0, 1, 2, 1000))) {
            assertThat(get(server, "x", alice).statusCode()).isEqualTo(200);
            assertThat(get(server, "x", aliceAgain).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = get(server, "x", alice);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("1");
            assertThat(get(server, "x", aliceAgain).statusCode()).as("same subject, other token").isEqualTo(429);
            assertThat(get(server, "x", bob).statusCode()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                assertThat(get(server, "public/x", null).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void settingsFromOptionsDefaultTheBurstToOneSecondsWorth() {
        RateLimitSettings limits = RateLimitSettings.from(java.util.Map.of(
                RateLimitSettings.IP_RATE, "2.5", RateLimitSettings.SUBJECT_RATE, "10",
                RateLimitSettings.SUBJECT_BURST, "40"));

        assertThat(limits.ipRate()).isEqualTo(2.5);
        assertThat(limits.ipBurst()).isEqualTo(3);
        assertThat(limits.subjectBurst()).isEqualTo(40);
        assertThat(limits.maxBuckets()).isEqualTo(RateLimitSettings.DEFAULT_MAX_BUCKETS);
    }
}
