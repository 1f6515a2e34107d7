package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Path attacks, token sources and cache headers, through a real server. */
class AuthHandlerIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ALICE = TestTokens.hs256(TestTokens.claims("alice").build());
    private static StubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = StubServer.start(AuthSettings.builder()
                .enabled(true)
                .hmacSecret(TestKeys.HMAC_SECRET)
                .tokenQuery(true)
                .tokenCookie("session_jwt")
                .grant(Action.READ, "users/{sub}/**", "shared/**")
                .grant(Action.WRITE, "users/{sub}/**")
                .anonymousGrant(Action.READ, "public/**", "open/**")
                .publicPaths(List.of("shared/news", "public/**"))
                .build(), RateLimitSettings.disabled());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/v1/stream/users/alice/../bob/feed",
        "/v1/stream/users/alice/%2e%2e/bob/feed",
        "/v1/stream/users/alice/%2E%2E/bob/feed",
        "/v1/stream/users/alice/./feed",
        "/v1/stream/users/alice%2f..%2fbob/feed",
        "/v1/stream/users/alice%2F..%2Fbob/feed",
        "/v1/stream/users/alice%5c..%5cbob/feed",
        "/v1/stream/users/alice\\..\\bob/feed",
        "/v1/stream/users/alice/%00/feed",
        "/v1/stream/users/alice%00/feed",
        "/v1/stream/users/alice;x=1/feed",
        "/v1/stream/users//alice/feed",
        "/v1/stream/users/alice/feed/",
        "/v1/stream/users/alice/%C0%AE%C0%AE/bob",
        "/v1/stream/users/alice/%",
        "/v1/stream/public/../users/bob/feed",
        "/v1/stream/public/%2e%2e/users/bob/feed",
    })
    void pathTricksAreRefusedBeforeAnyGrant(String target) throws Exception {
        assertThat(server.rawStatus("GET", target)).isEqualTo(400);
    }

    @Test
    void anEscapedPercentSignNamesALiteralSegmentThatNoOtherUsersGrantReaches() throws Exception {
        assertThat(get("/v1/stream/users/alice%252fbob", "Authorization", "Bearer " + ALICE).statusCode())
                .as("the segment alice%2fbob is not alice's").isEqualTo(403);
        assertThat(get("/v1/stream/users/alice/%252e%252e/bob/feed", "Authorization", "Bearer " + ALICE).statusCode())
                .as("inside alice's streams, %2e%2e is a name, not a step up").isNotIn(400, 401, 403);
    }

    @Test
    void pathTricksAreRefusedEvenWithAValidToken() throws Exception {
        HttpResponse<String> response = get("/v1/stream/users/alice/%2e%2e/bob/feed", "Authorization", "Bearer " + ALICE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'.' or '..'");
    }

    @Test
    void absoluteFormRequestTargetsAreCheckedLikeOriginForm() throws Exception {
        assertThat(server.rawStatus("GET", "http://localhost/v1/stream/public/%2e%2e/users/bob/feed")).isEqualTo(400);
        assertThat(server.rawStatus("GET", "http://localhost/v1/stream/public/news")).isEqualTo(200);
    }

    @Test
    void plainEncodedCharactersAreFineAndDecodedOnce() throws Exception {
        HttpResponse<String> response = get("/v1/stream/public/caf%C3%A9%20menu");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("stub GET /v1/stream/public/café menu ");
    }

    @Test
    void aQueryTokenAuthorisesReadsAndIsRemovedBeforeTheProtocolHandler() throws Exception {
        HttpResponse<String> response = get("/v1/stream/users/alice/feed?offset=-1&token=" + ALICE + "&live=sse");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("query=offset=-1&live=sse").contains("sub=alice")
                .doesNotContain(ALICE).doesNotContain("token");
    }

    @Test
    void anEncodedQueryTokenNameIsRemovedToo() throws Exception {
        HttpResponse<String> response = get("/v1/stream/users/alice/feed?%74oken=" + ALICE + "&offset=-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("query=offset=-1").doesNotContain(ALICE);
    }

    @Test
    void aQueryTokenNeverAuthorisesAWrite() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                server.uri("/v1/stream/users/alice/feed?token=" + ALICE))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_request\"");
    }

    @Test
    void theConfiguredCookieNameCarriesTheToken() throws Exception {
        assertThat(get("/v1/stream/users/alice/feed", "Cookie", "session_jwt=" + ALICE).statusCode()).isEqualTo(200);
        assertThat(get("/v1/stream/users/alice/feed", "Cookie", "dsk_token=" + ALICE).statusCode()).isEqualTo(401);
    }

    @Test
    void anInvalidTokenGetsInvalidTokenAndAMissingOneOnlyTheRealm() throws Exception {
        HttpResponse<String> missing = get("/v1/stream/users/alice/feed");
        HttpResponse<String> invalid = get("/v1/stream/users/alice/feed", "Authorization", "Bearer x.y.z");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dsk\"");
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(invalid.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer realm=\"dsk\", error=\"invalid_token\"");
        assertThat(invalid.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(invalid.body()).doesNotContain("x.y.z");
    }

    @Test
    void aTokenAuthorisedReadIsPrivateAndVariesOnCredentials() throws Exception {
        HttpResponse<String> response = get("/v1/stream/users/alice/feed", "Authorization", "Bearer " + ALICE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control"))
                .containsExactly("private, max-age=60, stale-while-revalidate=300");
        assertThat(response.headers().allValues("Vary")).contains("Authorization", "Cookie");
    }

    @Test
    void aTokenAuthorisedReadOfAPublicPathStaysPublic() throws Exception {
        HttpResponse<String> response = get("/v1/stream/shared/news", "Authorization", "Bearer " + ALICE);
        HttpResponse<String> notPublic = get("/v1/stream/shared/other", "Authorization", "Bearer " + ALICE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly(StubServer.STUB_CACHE_CONTROL);
        assertThat(response.headers().allValues("Vary")).isEmpty();
        assertThat(notPublic.headers().allValues("Cache-Control"))
                .containsExactly("private, max-age=60, stale-while-revalidate=300");
    }

    @Test
    void anAnonymousReadKeepsItsCachingButVariesOnCredentialsOffPublicPaths() throws Exception {
        HttpResponse<String> open = get("/v1/stream/open/board");
        HttpResponse<String> publicPath = get("/v1/stream/public/board");

        assertThat(open.headers().allValues("Cache-Control")).containsExactly(StubServer.STUB_CACHE_CONTROL);
        assertThat(open.headers().allValues("Vary")).contains("Authorization", "Cookie");
        assertThat(publicPath.headers().allValues("Vary")).isEmpty();
    }

    @Test
    void aBrowserCanReadARefusal() throws Exception {
        HttpResponse<String> response = get("/v1/stream/users/alice/feed", "Origin", "https://app.example");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("*");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.headers().allValues("Vary")).contains("Origin");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void requestsOutsideTheStreamPrefixAreNotServed() throws Exception {
        assertThat(server.rawStatus("GET", "/v1/streamx/public/a")).isEqualTo(404);
    }
}
