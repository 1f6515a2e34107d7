package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.http.ApiServer;
import io.dsk.gateway.http.StreamsApi;
import io.dsk.gateway.ops.GatewayMetrics;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auth chain in front of the real protocol handler over the in-memory store. */
class AuthStreamsIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ALICE = TestTokens.hs256(TestTokens.claims("alice").build());
    private static final String BOB = TestTokens.hs256(TestTokens.claims("bob").build());
    private static final String PUBLISHER = TestTokens.hs256(TestTokens.claims("publisher")
            .claim("ds", Map.of("write", List.of("news/**"))).build());

    private static StreamsApi api;
    private static ApiServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        api = StreamsApi.open(GatewaySettings.builder().inMemory(true).build(), new GatewayMetrics());
        AuthSettings auth = AuthSettings.builder().enabled(true).hmacSecret(TestKeys.HMAC_SECRET)
                .grant(Action.READ, "users/{sub}/**").grant(Action.WRITE, "users/{sub}/**")
                .grantsClaim("ds").tokenQuery(true)
                .anonymousGrant(Action.READ, "news/**").publicPaths(List.of("news/**"))
                .build();
        server = ApiServer.start(AuthHandlers.wrap(api.handler(), auth,
                RateLimitSettings.disabled(), Clock.fixed(TestTokens.NOW, ZoneOffset.UTC), System::nanoTime));
        base = server.origin();
        assertThat(send("PUT", "/v1/stream/users/alice/feed", ALICE, "").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/v1/stream/users/alice/feed", ALICE, "hello alice").statusCode()).isBetween(200, 204);
        assertThat(send("PUT", "/v1/stream/news/today", PUBLISHER, "").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/v1/stream/news/today", PUBLISHER, "headline").statusCode()).isBetween(200, 204);
    }

    @AfterAll
    static void stop() {
        server.close();
        api.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (method.equals("PUT") || method.equals("POST")) {
            b.header("Content-Type", "text/plain");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOwnerReadsHerStreamAsAPrivateResponse() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/stream/users/alice/feed?offset=-1", ALICE, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
        assertThat(response.headers().firstValue("Cache-Control")).get().asString()
                .startsWith("private").doesNotContain("public");
        assertThat(response.headers().allValues("Vary")).contains("Authorization", "Cookie");
    }

    @Test
    void theProtocolHandlersVaryOnOriginIsKeptAlongsideCredentials() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create(base + "/v1/stream/users/alice/feed?offset=-1"))
                .header("Authorization", "Bearer " + ALICE).header("Origin", "https://app.example")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Vary")).contains("Origin", "Authorization", "Cookie");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
    }

    @Test
    void othersCannotReadOrWriteIt() throws Exception {
        assertThat(send("GET", "/v1/stream/users/alice/feed?offset=-1", BOB, "").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/stream/users/alice/feed?offset=-1", null, "").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/stream/users/alice/feed", BOB, "spoof").statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/v1/stream/users/alice/feed", ALICE, "").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/v1/stream/users/alice/feed?offset=-1", ALICE, "").body()).isEqualTo("hello alice");
    }

    @Test
    void aPublicPathStaysPublicForAnonymousReaders() throws Exception {
        HttpResponse<String> response = send("GET", "/v1/stream/news/today?offset=-1", null, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("headline");
        assertThat(response.headers().firstValue("Cache-Control")).get().asString().startsWith("public");
        assertThat(response.headers().allValues("Vary")).doesNotContain("Authorization");
    }

    @Test
    void anEventSourceStyleReadAuthenticatesWithAQueryToken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base
                + "/v1/stream/users/alice/feed?offset=-1&live=sse&token=" + ALICE))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean sawData = false;
            while (!sawData && (line = lines.readLine()) != null) {
                sawData = line.startsWith("data:") && line.contains("hello alice");
            }
            assertThat(sawData).isTrue();
        }
    }
}
