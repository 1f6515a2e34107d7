package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka records through the connector into streams {@code jobs/*} that two subscriptions cover with a glob
 * pattern: a webhook worker and a pull-wake worker each process every record exactly once, by the cursor and
 * ack protocol alone, while the gateway is stopped and started once and killed ({@code SIGKILL}) once.
 */
class SubscriptionWorkersFromKafkaIT {

    private static final String TOPIC = "jobs";
    private static final String CONNECTOR = "jobs-sink";
    private static final int PARTITIONS = 2;
    private static final int STREAMS = 4;
    private static final int RECORDS = 400;
    private static final String WAKE_STREAM = "workers/wake";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ItEnvironment env;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.start("subscription-workers", List.of("--subscriptions-allow-loopback-webhooks",
                "--long-poll-timeout", "2s", "--shutdown-grace", "1s"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void webhookAndPullWakeWorkersProcessEveryKafkaRecordExactlyOnceAcrossGatewayRestartsAndKills()
            throws Exception {
        String origin = env.gateway.origin();
        env.createTopics(PARTITIONS, TOPIC);
        assertThat(send("PUT", "/v1/stream/" + WAKE_STREAM, null)).isEqualTo(201);
        try (WebhookWorker webhook = WebhookWorker.start(origin, "jobs-webhook");
             PullWakeWorker pull = PullWakeWorker.start(origin, "jobs-pull", WAKE_STREAM, "pull-1")) {
            assertThat(send("PUT", "/v1/stream/__ds/subscriptions/jobs-webhook", "{\"type\":\"webhook\","
                    + "\"pattern\":\"jobs/*\",\"webhook\":{\"url\":\"" + webhook.url() + "\"},\"lease_ttl_ms\":3000}"))
                    .isEqualTo(201);
            assertThat(send("PUT", "/v1/stream/__ds/subscriptions/jobs-pull", "{\"type\":\"pull-wake\","
                    + "\"pattern\":\"jobs/*\",\"wake_stream\":\"" + WAKE_STREAM + "\",\"lease_ttl_ms\":3000}"))
                    .isEqualTo(201);
            Map<String, String> config = env.connectorConfig(TOPIC);
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            config.put("ds.stream.template", "jobs/${value.s}");
            env.rest.putConnector(CONNECTOR, config);
            long started = System.nanoTime();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(SubscriptionWorkersFromKafkaIT::produce);

            awaitProcessed(RECORDS / 4, webhook, pull);
            long restarted = System.nanoTime();
            env.gateway.restart();
            awaitProcessed(RECORDS / 2, webhook, pull);
            long killed = System.nanoTime();
            env.gateway.kill();
            env.gateway.start();
            producing.get(1, TimeUnit.MINUTES);
            long produced = System.nanoTime();
            awaitProcessed(RECORDS, webhook, pull);
            awaitCursorsAtTails("jobs-webhook");
            awaitCursorsAtTails("jobs-pull");
            long done = System.nanoTime();

            List<Long> all = LongStream.range(0, RECORDS).boxed().toList();
            for (SubscriptionWorker worker : List.of(webhook, pull)) {
                assertThat(worker.processed()).as(worker.subscription + ": every record once")
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            }
            System.out.printf("subscription workers: %d records; acks settled by the cursor after a restart: "
                    + "webhook %d, pull-wake %d; restart at %d ms, kill at %d ms, all produced at %d ms, "
                    + "all processed and acked at %d ms%n", RECORDS, webhook.settledInDoubt(), pull.settledInDoubt(),
                    millis(started, restarted), millis(started, killed), millis(started, produced),
                    millis(started, done));
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Records {@code {"s": stream, "n": number}}, about 50 a second, so the faults hit the flow. */
    private static void produce() {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int n = 0; n < RECORDS; n++) {
                producer.send(new ProducerRecord<>(TOPIC, n % PARTITIONS, null,
                        ("{\"s\":" + n % STREAMS + ",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(20);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitProcessed(int count, SubscriptionWorker... workers) throws InterruptedException {
        for (SubscriptionWorker worker : workers) {
            awaitTrue(count + " records processed by the worker of " + worker.subscription, WAIT,
                    () -> worker.processed().size() >= count);
        }
    }

    /** Waits until every stream of the subscription is acked to its tail: no work is left to redo. */
    private void awaitCursorsAtTails(String subscription) throws InterruptedException {
        awaitTrue(subscription + " acked to every tail", WAIT, () -> {
            try {
                JsonNode sub = JSON.readTree(get("/v1/stream/__ds/subscriptions/" + subscription).body());
                if (sub.path("streams").size() != STREAMS) {
                    return false;
                }
                for (JsonNode s : sub.path("streams")) {
                    HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(env.gateway.origin()
                            + "/v1/stream/" + s.path("path").asText())).method("HEAD",
                            HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    if (!s.path("acked_offset").asText().equals(
                            head.headers().firstValue("Stream-Next-Offset").orElse(""))) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(env.gateway.origin() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(env.gateway.origin() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
