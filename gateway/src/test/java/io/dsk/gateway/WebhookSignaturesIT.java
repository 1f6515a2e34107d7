package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.SignedWebhookReceiver.Delivery;
import io.dsk.gateway.SignedWebhookReceiver.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook deliveries of the gateway jar checked by a receiver that uses a standard JOSE library
 * (Nimbus JOSE+JWT) and nothing of the gateway: every delivery verifies against the published JWK
 * Set, also after a restart; a replayed delivery, one outside the replay window and a tampered body
 * are refused by the receiver; a callback of an older generation or another wake is refused by the
 * gateway with {@code 409 FENCED}.
 */
class WebhookSignaturesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "/v1/stream/__ds/subscriptions/signed";
    private static final String JWKS = "/v1/stream/__ds/jwks.json";
    private static final Duration WAKE_WAIT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayProcess gateway;
    private SignedWebhookReceiver receiver;

    @TempDir
    Path temp;

    @AfterEach
    void stop() throws InterruptedException {
        if (receiver != null) {
            receiver.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyDeliveryVerifiesWithNimbusAndReplayedTamperedAndStaleRequestsAreRefused() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        gateway = start(data, 0);
        int port = gateway.baseUrl().getPort();
        receiver = SignedWebhookReceiver.start(gateway.uri(JWKS));
        assertThat(send("PUT", "/v1/stream/events/a", "[]", null).statusCode()).isEqualTo(201);
        HttpResponse<String> put = send("PUT", SUB, "{\"type\":\"webhook\",\"pattern\":\"events/*\","
                + "\"webhook\":{\"url\":\"" + receiver.url() + "\"},\"lease_ttl_ms\":600000}", null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(JSON.readTree(put.body()).path("webhook").path("signing").path("jwks_url").asText())
                .isEqualTo(gateway.uri(JWKS).toString());

        assertThat(send("POST", "/v1/stream/events/a", "{\"n\":1}", null).statusCode()).isEqualTo(204);
        Delivery first = awaitDelivery();
        JsonNode wake1 = JSON.readTree(first.body());

        assertThat(replay(first.signature(), first.body())).as("the same delivery twice").isEqualTo(401);
        byte[] tampered = new String(first.body(), StandardCharsets.UTF_8)
                .replace("\"generation\":" + wake1.path("generation").asLong(), "\"generation\":99")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(first.body());
        assertThat(replay(first.signature(), tampered)).as("a changed body").isEqualTo(401);
        receiver.skew(Duration.ofMinutes(6));
        assertThat(replay(first.signature(), first.body())).as("received 6 minutes after it was signed").isEqualTo(401);
        receiver.skew(Duration.ofMinutes(-6));
        assertThat(replay(first.signature(), first.body())).as("signed 6 minutes in the future").isEqualTo(401);
        receiver.skew(Duration.ZERO);
        assertThat(receiver.verdicts()).containsExactly(Verdict.ACCEPTED, Verdict.REPLAYED, Verdict.BAD_SIGNATURE,
                Verdict.OUTSIDE_REPLAY_WINDOW, Verdict.OUTSIDE_REPLAY_WINDOW);

        assertThat(callback(wake1, wake1, tailOf(wake1)).statusCode()).isEqualTo(200);
        assertFenced(callback(wake1, wake1, tailOf(wake1)), "the same callback twice");

        gateway.signalTerminate();
        gateway.awaitExit(Duration.ofSeconds(30));
        gateway = start(data, port);
        assertThat(send("POST", "/v1/stream/events/a", "{\"n\":2}", null).statusCode()).isEqualTo(204);
        Delivery second = awaitDelivery();
        JsonNode wake2 = JSON.readTree(second.body());
        assertThat(wake2.path("generation").asLong()).isGreaterThan(wake1.path("generation").asLong());

        assertFenced(callback(wake1, wake1, tailOf(wake2)), "the older generation's token and wake");
        assertFenced(callback(wake2, withGeneration(wake2, wake1.path("generation").asLong()), tailOf(wake2)),
                "the current token with an older generation");
        assertFenced(callback(wake2, withWakeId(wake2, wake1.path("wake_id").asText()), tailOf(wake2)),
                "the current generation with the older wake id");
        assertFenced(callback(wake1, withGeneration(wake1, wake2.path("generation").asLong()), tailOf(wake2)),
                "the older token with the current generation");
        assertThat(ackedOffset()).as("no fenced callback moved the cursor").isEqualTo(tailOf(wake1));

        HttpResponse<String> current = callback(wake2, wake2, tailOf(wake2));
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        assertThat(JSON.readTree(current.body()).path("ok").asBoolean()).isTrue();
        assertThat(ackedOffset()).isEqualTo(tailOf(wake2));
        assertThat(receiver.verdicts()).as("every request of the gateway verified, before and after its restart")
                .containsExactly(Verdict.ACCEPTED, Verdict.REPLAYED, Verdict.BAD_SIGNATURE,
                        Verdict.OUTSIDE_REPLAY_WINDOW, Verdict.OUTSIDE_REPLAY_WINDOW, Verdict.ACCEPTED);
    }

    private GatewayProcess start(Path data, int port) throws Exception {
        return GatewayProcess.start("webhook-signatures-" + (port == 0 ? "first" : "restarted"), "--host",
                "127.0.0.1", "--port", Integer.toString(port), "--data-dir", data.toString(), "--subscriptions-allow-loopback-webhooks", "--shutdown-grace", "1s");
    }

    private Delivery awaitDelivery() throws InterruptedException {
        Delivery delivery = receiver.nextAccepted(WAKE_WAIT);
        assertThat(delivery).as("a verified wake within %s; verdicts %s", WAKE_WAIT, receiver.verdicts()).isNotNull();
        return delivery;
    }

    /** Sends a captured (or altered) request to the receiver as an attacker would; returns the status. */
    private int replay(String signature, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.url()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Webhook-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String tailOf(JsonNode wake) {
        for (JsonNode s : wake.path("streams")) {
            if (s.path("path").asText().equals("events/a")) {
                return s.path("tail_offset").asText();
            }
        }
        throw new AssertionError("events/a is not in the wake " + wake);
    }

    private static JsonNode withGeneration(JsonNode wake, long generation) {
        return ((ObjectNode) wake.deepCopy()).put("generation", generation);
    }

    private static JsonNode withWakeId(JsonNode wake, String wakeId) {
        return ((ObjectNode) wake.deepCopy()).put("wake_id", wakeId);
    }

    /** The callback of {@code tokenOf}'s token, with the wake id and generation of {@code request}. */
    private HttpResponse<String> callback(JsonNode tokenOf, JsonNode request, String offset) throws Exception {
        String body = JSON.createObjectNode().put("wake_id", request.path("wake_id").asText())
                .put("generation", request.path("generation").asLong()).put("done", true)
                .set("acks", JSON.createArrayNode().add(JSON.createObjectNode().put("stream", "events/a")
                        .put("offset", offset))).toString();
        URI callbackUrl = URI.create(tokenOf.path("callback_url").asText());
        assertThat(callbackUrl.getPath()).isEqualTo(SUB + "/callback");
        return http.send(HttpRequest.newBuilder(gateway.uri(callbackUrl.getPath())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenOf.path("callback_token").asText())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertFenced(HttpResponse<String> answer, String what) throws Exception {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).path("error").path("code").asText()).as(what).isEqualTo("FENCED");
    }

    private String ackedOffset() throws Exception {
        HttpResponse<String> get = send("GET", SUB, null, null);
        assertThat(get.statusCode()).isEqualTo(200);
        for (JsonNode s : JSON.readTree(get.body()).path("streams")) {
            if (s.path("path").asText().equals("events/a")) {
                return s.path("acked_offset").asText();
            }
        }
        throw new AssertionError("events/a is not linked: " + get.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
