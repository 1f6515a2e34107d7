package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.http.ApiServer;
import io.dsk.gateway.http.StreamsApi;
import io.dsk.gateway.ops.GatewayMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fork reads its source, so creating one needs read on the source as well as write on the fork,
 * in every form {@code Stream-Forked-From} accepts, checked on the path the store forks from. The
 * same rule holds for the other request field that names a second stream, the {@code path} of the
 * source-offsets control API.
 */
class ForkAuthIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ALICE = TestTokens.hs256(TestTokens.claims("alice").build());
    private static final String BOB = TestTokens.hs256(TestTokens.claims("bob").build());
    private static final String ALICE_OFFSETS = TestTokens.hs256(TestTokens.claims("alice")
            .claim("ds", Map.of("admin", List.of("__ds/source-offsets"))).build());
    private static final AtomicInteger FORKS = new AtomicInteger();

    private static StreamsApi api;
    private static ApiServer server;
    private static String base;
    private static String authority;

    @BeforeAll
    static void start() throws Exception {
        api = StreamsApi.open(GatewaySettings.builder().inMemory(true).build(), new GatewayMetrics());
        AuthSettings auth = AuthSettings.builder().enabled(true).hmacSecret(TestKeys.HMAC_SECRET)
                .grant(Action.READ, "users/{sub}/**").grant(Action.WRITE, "users/{sub}/**")
                .grantsClaim("ds")
                .build();
        server = ApiServer.start(AuthHandlers.wrap(api.handler(), auth,
                RateLimitSettings.disabled(), Clock.fixed(TestTokens.NOW, ZoneOffset.UTC), System::nanoTime));
        authority = "127.0.0.1:" + server.port();
        base = "http://" + authority;
        assertThat(put("users/bob/secret", BOB, null).statusCode()).isEqualTo(201);
        assertThat(send("POST", "users/bob/secret", BOB, "bob's secret").statusCode()).isBetween(200, 204);
        assertThat(put("users/alice/notes", ALICE, null).statusCode()).isEqualTo(201);
        assertThat(send("POST", "users/alice/notes", ALICE, "alice's notes").statusCode()).isBetween(200, 204);
    }

    @AfterAll
    static void stop() {
        server.close();
        api.close();
    }

    @ParameterizedTest(name = "[{index}] Stream-Forked-From: {0}")
    @ValueSource(strings = {
        "/v1/stream/users/bob/secret",
        "users/bob/secret",
        "http://HOST/v1/stream/users/bob/secret",
        "/v1/stream/users/%62ob/secret",
        "  /v1/stream/users/bob/secret  ",
        "/users/bob/secret",
        "/v1/stream/users/%25616lice/notes",
    })
    void aForkOfAStreamTheTokenCannotReadIsForbiddenAndCreatesNothing(String source) throws Exception {
        String fork = "users/alice/steal-" + FORKS.incrementAndGet();

        HttpResponse<String> response = put(fork, ALICE, source.replace("HOST", authority));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("bob's secret");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("insufficient_scope");
        HttpResponse<String> read = send("GET", fork + "?offset=-1", ALICE, "");
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("bob's secret");
    }

    @Test
    void aForbiddenForkDoesNotRevealWhetherTheSourceExists() throws Exception {
        HttpResponse<String> existing = put("users/alice/probe-1", ALICE, "/v1/stream/users/bob/secret");
        HttpResponse<String> missing = put("users/alice/probe-2", ALICE, "/v1/stream/users/bob/no-such-stream");

        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo(existing.body());
        assertThat(missing.headers().map()).containsOnlyKeys(existing.headers().map().keySet());
    }

    @ParameterizedTest(name = "[{index}] Stream-Forked-From: {0}")
    @ValueSource(strings = {
        "/v1/stream/users/alice/notes",
        "users/alice/notes",
        "http://HOST/v1/stream/users/alice/notes",
        "/v1/stream/users/%61lice/notes",
    })
    void aForkOfAStreamTheTokenCanReadIsCreatedAndReadsItsSource(String source) throws Exception {
        String fork = "users/alice/copy-" + FORKS.incrementAndGet();

        assertThat(put(fork, ALICE, source.replace("HOST", authority)).statusCode()).isEqualTo(201);

        HttpResponse<String> read = send("GET", fork + "?offset=-1", ALICE, "");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("alice's notes");
    }

    @Test
    void theOwnerOfTheSourceMayStillNotForkIntoAPathSheCannotWrite() throws Exception {
        assertThat(put("users/alice/from-bob", BOB, "/v1/stream/users/bob/secret").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "[{index}] Stream-Forked-From: {0}")
    @ValueSource(strings = {
        "/v1/stream/users/alice/../bob/secret",
        "/v1/stream/users/alice/%2e%2e/bob/secret",
        "/v1/stream/users%2Fbob%2Fsecret",
        "/v1/stream/users/alice//notes",
        "/v1/stream/users/alice/notes%ZZ",
        "/v1/stream/",
        "http://HOST",
    })
    void anAmbiguousForkSourceIsABadRequest(String source) throws Exception {
        HttpResponse<String> response = put("users/alice/odd-" + FORKS.incrementAndGet(), ALICE,
                source.replace("HOST", authority));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Stream-Forked-From");
    }

    @ParameterizedTest(name = "[{index}] path={0}")
    @ValueSource(strings = {"users/alice/notes", "/v1/stream/users/alice/notes"})
    void sourceOffsetsOfAStreamTheTokenCanReadAreAnswered(String path) throws Exception {
        HttpResponse<String> response = sourceOffsets(ALICE_OFFSETS, path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("watermarks");
    }

    @ParameterizedTest(name = "[{index}] path={0}")
    @ValueSource(strings = {"users/bob/secret", "/v1/stream/users/bob/secret", "users/bob/no-such-stream"})
    void sourceOffsetsOfAStreamTheTokenCannotReadAreForbiddenWhetherItExistsOrNot(String path) throws Exception {
        HttpResponse<String> response = sourceOffsets(ALICE_OFFSETS, path);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(sourceOffsets(ALICE_OFFSETS, "users/bob/no-such-stream").body());
    }

    @Test
    void sourceOffsetsOfAStreamTheTokenMayReadNeedNoAdminGrant() throws Exception {
        assertThat(sourceOffsets(ALICE, "users/alice/notes").statusCode()).isEqualTo(200);
    }

    @Test
    void sourceOffsetsOfAnAmbiguousPathAreABadRequest() throws Exception {
        assertThat(sourceOffsets(ALICE_OFFSETS, "users/alice/../bob/secret").statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> sourceOffsets(String token, String path) throws Exception {
        return send("GET", "__ds/source-offsets?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8), token, "");
    }

    private static HttpResponse<String> put(String path, String token, String forkedFrom) throws Exception {
        HttpRequest.Builder b = request("PUT", path, token, "");
        if (forkedFrom != null) {
            b.header("Stream-Forked-From", forkedFrom);
        } else {
            b.header("Content-Type", "text/plain");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = request(method, path, token, body);
        if (method.equals("POST")) {
            b.header("Content-Type", "text/plain");
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/stream/" + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }
}
