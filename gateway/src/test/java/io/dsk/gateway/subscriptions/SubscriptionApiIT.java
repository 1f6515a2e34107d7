package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.Eventually;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.http.StreamsApi;
import io.dsk.gateway.ops.GatewayMetrics;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscription APIs over a real listener and a RocksDB store: refusals, and state across a reopen. */
class SubscriptionApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PULL = "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\"}";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StreamsApi api;
    private Undertow server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().dataDir(dataDir).port(0).build();
        api = StreamsApi.open(settings, new GatewayMetrics());
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/v1/stream", api.handler())).build();
        server.start();
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        base = "http://127.0.0.1:" + address.getPort() + "/v1/stream/";
    }

    @AfterEach
    void stop() {
        api.close();
        server.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Streams created later are linked off the append path, so a test waits for the link it needs. */
    private void awaitLinked(String subscription, String stream) throws Exception {
        Eventually.within(Duration.ofSeconds(10)).until(stream + " linked to " + subscription,
                () -> JSON.readTree(send("GET", "__ds/subscriptions/" + subscription, null).body()),
                view -> links(view, stream));
    }

    private static boolean links(JsonNode view, String stream) {
        for (JsonNode link : view.path("streams")) {
            if (link.path("path").asText().equals(stream)) {
                return true;
            }
        }
        return false;
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("code").asText();
    }

    @Test
    void badRequestsAreClearJsonRefusals() throws Exception {
        assertThat(send("PUT", "__ds/subscriptions/s", "{not json")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(code(r)).isEqualTo("BAD_REQUEST");
        });
        assertThat(send("PUT", "__ds/subscriptions/s", "x".repeat(SubscriptionApi.MAX_BODY_BYTES + 1)).statusCode())
                .isEqualTo(413);
        assertThat(send("PUT", "__ds/subscriptions/s", "{\"type\":\"webhook\",\"streams\":[\"a\"],"
                + "\"webhook\":{\"url\":\"https://169.254.169.254/latest\"}}")).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(code(r)).isEqualTo("WEBHOOK_URL_REJECTED");
                });
        assertThat(send("GET", "__ds/subscriptions/missing", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "__ds/subscriptions/s", "{}").statusCode()).isEqualTo(405);
        assertThat(send("GET", "__ds/subscriptions/s/nothing", null).statusCode()).isEqualTo(404);

        assertThat(send("PUT", "__ds/subscriptions/s", PULL).statusCode()).isEqualTo(201);
        assertThat(send("POST", "__ds/subscriptions/s/ack", "{\"wake_id\":\"w\",\"generation\":1}").statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "__ds/subscriptions/s/ack", "{\"wake_id\":\"w\",\"generation\":1}",
                "Authorization", "Bearer forged").statusCode()).isEqualTo(401);
        assertThat(send("POST", "__ds/subscriptions/s/claim", "{}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "__ds/subscriptions/s/streams", "{\"streams\":[\"__ds/x\"]}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "__ds/subscriptions/s", PULL.replace("}", ",\"lease_ttl_ms\":5000}"))).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(code(r)).isEqualTo("CONFLICT");
        });
    }

    @Test
    void aSubscriptionItsCursorsAndItsWakeSurviveReopeningTheStore() throws Exception {
        assertThat(send("PUT", "wake/w", "[]").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "__ds/subscriptions/s", PULL).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "events/a", "{\"n\":1}").statusCode()).isEqualTo(201);
        awaitLinked("s", "events/a");
        JsonNode claim = JSON.readTree(send("POST", "__ds/subscriptions/s/claim", "{\"worker\":\"w1\"}").body());
        String tail = claim.path("streams").get(0).path("tail_offset").asText();
        String heartbeat = JSON.createObjectNode().put("wake_id", claim.path("wake_id").asText())
                .put("generation", claim.path("generation").asLong())
                .set("acks", JSON.createArrayNode().add(JSON.createObjectNode().put("stream", "events/a")
                        .put("offset", tail))).toString();
        assertThat(send("POST", "__ds/subscriptions/s/ack", heartbeat, "Authorization",
                "Bearer " + claim.path("token").asText()).statusCode()).isEqualTo(200);

        stop();
        start();
        assertThat(send("PUT", "__ds/subscriptions/s", PULL).statusCode()).isEqualTo(200);
        JsonNode reloaded = JSON.readTree(send("GET", "__ds/subscriptions/s", null).body());
        assertThat(reloaded.path("streams").get(0).path("acked_offset").asText()).isEqualTo(tail);
        HttpResponse<String> busy = send("POST", "__ds/subscriptions/s/claim", "{\"worker\":\"w2\"}");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(busy.body()).path("error").path("current_holder").asText()).isEqualTo("w1");
        assertThat(send("POST", "__ds/subscriptions/s/release", heartbeat, "Authorization",
                "Bearer " + claim.path("token").asText()).statusCode()).isEqualTo(204);

        assertThat(send("DELETE", "__ds/subscriptions/s", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "__ds/subscriptions/s", null).statusCode()).isEqualTo(404);
    }
}
