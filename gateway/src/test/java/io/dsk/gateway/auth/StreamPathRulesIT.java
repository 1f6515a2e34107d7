package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.http.ApiServer;
import io.dsk.gateway.http.StreamsApi;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.path.StreamPath;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's stream path rules, asked of two gateways side by side: one with auth off and one with
 * auth on. Every path names the same stream (or gets the same refusal) on both.
 */
class StreamPathRulesIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** May do everything everywhere on the gateway with auth on; ignored by the one with auth off. */
    private static final String ROOT = TestTokens.hs256(TestTokens.claims("root")
            .claim("ds", Map.of("read", List.of("**"), "write", List.of("**"), "admin", List.of("**"))).build());

    private static final List<Gateway> GATEWAYS = new ArrayList<>();

    private record Gateway(String name, StreamsApi api, ApiServer server, String base) {
    }

    @BeforeAll
    static void start() throws Exception {
        GATEWAYS.add(gateway("auth off", handler -> handler));
        AuthSettings auth = AuthSettings.builder().enabled(true).hmacSecret(TestKeys.HMAC_SECRET)
                .grant(Action.READ, "users/{sub}/**").grantsClaim("ds").build();
        GATEWAYS.add(gateway("auth on", handler -> AuthHandlers.wrap(handler, auth, RateLimitSettings.disabled(),
                Clock.fixed(TestTokens.NOW, ZoneOffset.UTC), System::nanoTime)));
    }

    private interface Filter {
        HttpHandler wrap(HttpHandler next) throws Exception;
    }

    private static Gateway gateway(String name, Filter filter) throws Exception {
        StreamsApi api = StreamsApi.open(GatewaySettings.builder().inMemory(true).build(), new GatewayMetrics());
        ApiServer server = ApiServer.start(filter.wrap(api.handler()));
        return new Gateway(name, api, server, server.origin());
    }

    @AfterAll
    static void stop() {
        for (Gateway gateway : GATEWAYS) {
            gateway.server().close();
            gateway.api().close();
        }
    }

    static HttpResponse<String> send(Gateway gateway, String method, String rawPath, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base() + rawPath))
                .timeout(Duration.ofSeconds(20))
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

    /** The names of every stream whose name starts with {@code prefix}. */
    static List<String> streamNames(Gateway gateway, String prefix) throws Exception {
        HttpResponse<String> listing = send(gateway, "GET", "/v1/stream/__ds/streams?limit=1000&prefix="
                + java.net.URLEncoder.encode(prefix, java.nio.charset.StandardCharsets.UTF_8), ROOT, "");
        assertThat(listing.statusCode()).as("%s lists streams: %s", gateway.name(), listing.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode stream : JSON.readTree(listing.body()).path("streams")) {
            names.add(stream.path("path").asText());
        }
        return names;
    }

    @Test
    void aRawSemicolonIsRefusedAndAnEncodedOneBelongsToTheName() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            assertThat(send(gateway, "PUT", "/v1/stream/semi/m/x", ROOT, "").statusCode()).isEqualTo(201);
            HttpResponse<String> raw = send(gateway, "POST", "/v1/stream/semi/m/x;v2", ROOT, "cut");
            assertThat(raw.statusCode()).as("%s: raw ';'", gateway.name()).isEqualTo(400);
            assertThat(raw.body()).contains(";");
            assertThat(send(gateway, "PUT", "/v1/stream/semi/m/x%3Bv2", ROOT, "").statusCode())
                    .as("%s: '%%3B' names its own stream", gateway.name()).isEqualTo(201);
            assertThat(send(gateway, "POST", "/v1/stream/semi/m/x%3bv2", ROOT, "kept").statusCode()).isEqualTo(204);
            assertThat(send(gateway, "GET", "/v1/stream/semi/m/x?offset=-1", ROOT, "").body())
                    .as("%s: nothing reached m/x", gateway.name()).isEmpty();
            assertThat(streamNames(gateway, "semi/")).containsExactlyInAnyOrder("semi/m/x", "semi/m/x;v2");
        }
    }

    @Test
    void invalidUtf8IsRefusedInsteadOfBecomingAReplacementCharacter() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            assertThat(send(gateway, "PUT", "/v1/stream/ref/u-%EF%BF%BD", ROOT, "").statusCode()).isEqualTo(201);
            for (String path : List.of("ref/u-%FF", "alias/%FF", "alias/%FE", "alias/%C0%AE", "alias/%E2%82")) {
                HttpResponse<String> response = send(gateway, "PUT", "/v1/stream/" + path, ROOT, "");
                assertThat(response.statusCode()).as("%s: %s", gateway.name(), path).isEqualTo(400);
                assertThat(response.body()).contains("UTF-8");
            }
            assertThat(streamNames(gateway, "alias/")).isEmpty();
        }
    }

    @Test
    void dotSegmentsAreRefusedUnderEverySpelling() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            for (String path : List.of("dots/x/../a", "dots/x/./a", "dots/x/%2E%2E/a", "dots/x/%2e/a", "dots/..",
                    "dots/x/.%2e/a")) {
                assertThat(send(gateway, "PUT", "/v1/stream/" + path, ROOT, "").statusCode())
                        .as("%s: %s", gateway.name(), path).isEqualTo(400);
            }
            assertThat(streamNames(gateway, "dots")).isEmpty();
        }
    }

    @Test
    void equivalentSpellingsNameOneStream() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            assertThat(send(gateway, "PUT", "/v1/stream/same/x/v1", ROOT, "").statusCode()).isEqualTo(201);
            assertThat(send(gateway, "POST", "/v1/stream/same/x/%76%31", ROOT, "a").statusCode()).isEqualTo(204);
            assertThat(send(gateway, "POST", "/%76%31/stream/same/x/v1", ROOT, "b").statusCode())
                    .as("%s: an escaped prefix", gateway.name()).isEqualTo(204);
            assertThat(send(gateway, "GET", "/v1/stream/same/x/v1?offset=-1", ROOT, "").body()).isEqualTo("ab");
            assertThat(streamNames(gateway, "same/")).containsExactly("same/x/v1");
        }
    }

    @Test
    void theControlPrefixIsReservedUnderEverySpelling() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            for (String path : List.of("__ds%2Fx", "__ds%20/x", "__ds/x", "%5F%5Fds/x", "__dsx/y", "__DS/x",
                    "__ds")) {
                int status = send(gateway, "PUT", "/v1/stream/" + path, ROOT, "").statusCode();
                assertThat(status).as("%s: %s", gateway.name(), path).isBetween(400, 499);
            }
            assertThat(streamNames(gateway, "_")).isEmpty();
        }
    }

    @Test
    void anEscapedPercentSignIsPartOfTheName() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            assertThat(send(gateway, "PUT", "/v1/stream/pct/alice%2540x", ROOT, "").statusCode())
                    .as("%s: %%25", gateway.name()).isEqualTo(201);
            assertThat(streamNames(gateway, "pct/")).containsExactly("pct/alice%40x");
        }
    }

    @Test
    void anEncodedSlashIsRefused() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            for (String path : List.of("slash/a%2Fb", "slash/a%2fb", "slash/a%5Cb")) {
                assertThat(send(gateway, "PUT", "/v1/stream/" + path, ROOT, "").statusCode())
                        .as("%s: %s", gateway.name(), path).isEqualTo(400);
            }
            assertThat(streamNames(gateway, "slash/")).isEmpty();
        }
    }

    @Test
    void aForkSourceIsNamedByTheSameRule() throws Exception {
        for (Gateway gateway : GATEWAYS) {
            assertThat(send(gateway, "PUT", "/v1/stream/fork/src%2540x", ROOT, "").statusCode()).isEqualTo(201);
            assertThat(send(gateway, "POST", "/v1/stream/fork/src%2540x", ROOT, "inherited").statusCode())
                    .isEqualTo(204);
            HttpRequest fork = HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/stream/fork/child"))
                    .header("Authorization", "Bearer " + ROOT).header("Stream-Forked-From", "/v1/stream/fork/src%2540x")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build();
            assertThat(CLIENT.send(fork, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
            assertThat(send(gateway, "GET", "/v1/stream/fork/child?offset=-1", ROOT, "").body()).isEqualTo("inherited");
            HttpRequest bad = HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/stream/fork/other"))
                    .header("Authorization", "Bearer " + ROOT).header("Stream-Forked-From", "/v1/stream/fork/%2E%2E")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build();
            assertThat(CLIENT.send(bad, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        }
    }

    /**
     * For hostile values (slashes, percent signs, dots, unicode, control characters, very long), the
     * stream routed for a value is the same with auth on and off, and with auth on only the user whose
     * {@code sub} is that value reads it.
     */
    @Test
    void everyValueHasOneStreamOnBothGatewaysReadableOnlyByTheUserWhoseClaimHoldsIt() throws Exception {
        List<String> values = hostileValues();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String name = "users/" + StreamPath.encodeSegment(value) + "/events";
            String url = "/v1/stream/" + StreamPath.of(name).toUrlPath();
            List<Integer> perGateway = new ArrayList<>();
            for (Gateway gateway : GATEWAYS) {
                int created = send(gateway, "PUT", url, ROOT, "").statusCode();
                perGateway.add(created);
                if (created == 201) {
                    assertThat(send(gateway, "POST", url, ROOT, "record " + i).statusCode()).isEqualTo(204);
                }
            }
            assertThat(perGateway.get(1)).as("value %d: the same answer with auth on and off", i)
                    .isEqualTo(perGateway.get(0));
            statuses.add(perGateway.get(0));
            if (perGateway.get(0) != 201) {
                assertThat(perGateway.get(0)).as("only a name over the length limit is refused").isEqualTo(414);
                continue;
            }
            Gateway authOn = GATEWAYS.get(1);
            String owner = TestTokens.hs256(TestTokens.claims(value).build());
            HttpResponse<String> read = send(authOn, "GET", url + "?offset=-1", owner, "");
            assertThat(read.statusCode()).as("value %d read by its owner", i).isEqualTo(200);
            assertThat(read.body()).isEqualTo("record " + i);
            String other = values.get((i + 1) % values.size());
            if (!other.equals(value)) {
                String stranger = TestTokens.hs256(TestTokens.claims(other).build());
                assertThat(send(authOn, "GET", url + "?offset=-1", stranger, "").statusCode())
                        .as("value %d read by the owner of value %d", i, (i + 1) % values.size()).isEqualTo(403);
            }
        }
        assertThat(statuses).contains(201);
        assertThat(streamNames(GATEWAYS.get(1), "users/")).isEqualTo(streamNames(GATEWAYS.get(0), "users/"));
    }

    private static List<String> hostileValues() {
        List<String> values = new ArrayList<>(List.of(".", "..", "...", "a/b", "/", "../bob", "%", "%2F", "%252E",
                "%2e%2e", "a;b", ";", "a\\b", "\u0000", "\n", "\u007F", "\u0085", "a b", "?x", "#x", "alice@x",
                "é", "e\u0301", "\uFF0F", "\uD83D\uDE00", "__ds", "+", "x".repeat(300), "/".repeat(300),
                "€".repeat(200)));
        Random random = new Random(20_261_204L);
        String alphabet = "./\\%2Fe\u0000\n aZ9-_~:@;+?#é\u2215";
        for (int i = 0; i < 120; i++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int c = 0; c < length; c++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (!values.contains(value.toString())) {
                values.add(value.toString());
            }
        }
        return values;
    }
}
