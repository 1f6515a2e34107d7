package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscription cursors across {@code kill -9} of the gateway jar on RocksDB: an ack that was
 * answered is never lost, data that was never acked is never marked processed, and the generation
 * never goes back, so a worker's old token stays fenced.
 */
class SubscriptionsCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 4;
    private static final String SUB = "/v1/stream/__ds/subscriptions/crash";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayProcess gateway;
    private Path dataDir;

    @TempDir
    Path temp;

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void answeredAcksSurviveKillNineAndUnackedDataIsNeverMarkedProcessed() throws Exception {
        dataDir = Files.createDirectories(temp.resolve("data"));
        restart();
        assertThat(send("PUT", "/v1/stream/wake/w", "[]").statusCode()).isEqualTo(201);
        assertThat(send("PUT", SUB, "{\"type\":\"pull-wake\",\"pattern\":\"events/*\",\"wake_stream\":\"wake/w\","
                + "\"lease_ttl_ms\":600000}").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/v1/stream/events/a", "[]").statusCode()).isEqualTo(201);
        awaitLinked();

        long lastGeneration = 0;
        String acked = null;
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(send("POST", "/v1/stream/events/a", "{\"round\":" + round + "}").statusCode()).isEqualTo(204);
            JsonNode claim = claim();
            assertThat(claim.path("generation").asLong()).isGreaterThan(lastGeneration);
            lastGeneration = claim.path("generation").asLong();
            String tail = tailOf(claim);
            HttpResponse<String> ack = ack(claim, tail, true).join();
            assertThat(ack.statusCode()).isEqualTo(200);
            acked = tail;
            assertThat(send("POST", "/v1/stream/events/a", "{\"unacked\":" + round + "}").statusCode()).isEqualTo(204);

            gateway.kill();
            restart();
            assertThat(ackedOffset()).as("round %d: the answered ack, not the later append", round).isEqualTo(acked);
            HttpResponse<String> stale = ack(claim, tail, true).join();
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(stale.body()).path("error").path("code").asText()).isEqualTo("FENCED");
        }

        JsonNode claim = claim();
        assertThat(claim.path("generation").asLong()).isGreaterThan(lastGeneration);
        String tail = tailOf(claim);
        CompletableFuture<HttpResponse<String>> inFlight = ack(claim, tail, true);
        gateway.kill();
        boolean answered = inFlight.handle((r, e) -> r != null && r.statusCode() == 200).join();
        restart();
        String after = ackedOffset();
        if (answered) {
            assertThat(after).isEqualTo(tail);
        } else {
            assertThat(after).isIn(acked, tail);
        }
        System.out.printf("subscription crash: %d kills, in-flight ack %s, cursor %s%n", ROUNDS + 1,
                answered ? "answered" : "unanswered", after.equals(tail) ? "advanced" : "kept");
    }

    private void restart() throws Exception {
        gateway = GatewayProcess.start("subscriptions-crash", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString());
    }

    private JsonNode claim() throws Exception {
        HttpResponse<String> claim = send("POST", SUB + "/claim", "{\"worker\":\"w1\"}");
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(200);
        return JSON.readTree(claim.body());
    }

    private static String tailOf(JsonNode claim) {
        for (JsonNode s : claim.path("streams")) {
            if (s.path("path").asText().equals("events/a")) {
                return s.path("tail_offset").asText();
            }
        }
        throw new AssertionError("events/a is not in the claim " + claim);
    }

    /** A stream created later is linked off the append path; the first claim must find it linked. */
    private void awaitLinked() throws Exception {
        Eventually.within(java.time.Duration.ofSeconds(10)).until("events/a linked",
                () -> send("GET", SUB, null).body(), body -> body.contains("\"events/a\""));
    }

    private String ackedOffset() throws Exception {
        HttpResponse<String> get = send("GET", SUB, null);
        assertThat(get.statusCode()).isEqualTo(200);
        for (JsonNode s : JSON.readTree(get.body()).path("streams")) {
            if (s.path("path").asText().equals("events/a")) {
                return s.path("acked_offset").asText();
            }
        }
        throw new AssertionError("events/a is not linked: " + get.body());
    }

    private CompletableFuture<HttpResponse<String>> ack(JsonNode claim, String offset, boolean done) {
        String body = JSON.createObjectNode().put("wake_id", claim.path("wake_id").asText())
                .put("generation", claim.path("generation").asLong()).put("done", done)
                .set("acks", JSON.createArrayNode().add(JSON.createObjectNode().put("stream", "events/a")
                        .put("offset", offset))).toString();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri(SUB + "/ack"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + claim.path("token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
