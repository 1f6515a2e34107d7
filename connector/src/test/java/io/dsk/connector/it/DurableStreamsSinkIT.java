package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.delivery.client.HttpStreamTransport;
import io.dsk.path.StreamPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end: Kafka → Connect with the connector → the real gateway → catch-up and SSE reads. */
class DurableStreamsSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ItEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.start("sink");
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(String topic, String key, String value, String... headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, utf8(key), utf8(value));
            for (int i = 0; i < headers.length; i += 2) {
                record.headers().add(headers[i], utf8(headers[i + 1]));
            }
            producer.send(record).get();
        }
    }

    @Test
    void everyConverterWritesTheSameJsonToTheStream() throws Exception {
        String order = "{\"id\":7,\"items\":[{\"sku\":\"x\",\"qty\":2}],\"paid\":true}";
        String withSchema = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"},"
                + "{\"field\":\"items\",\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":["
                + "{\"field\":\"sku\",\"type\":\"string\"},{\"field\":\"qty\",\"type\":\"int32\"}]}},"
                + "{\"field\":\"paid\",\"type\":\"boolean\"}]},\"payload\":" + order + "}";
        Map<String, Map<String, String>> converters = Map.of(
                "conv-json-schema", Map.of("value.converter", "org.apache.kafka.connect.json.JsonConverter",
                        "value.converter.schemas.enable", "true"),
                "conv-json-plain", Map.of("value.converter", "org.apache.kafka.connect.json.JsonConverter",
                        "value.converter.schemas.enable", "false"),
                "conv-string", Map.of("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
                "conv-bytes", Map.of("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
        env.createTopics(1, converters.keySet().toArray(String[]::new));
        for (Map.Entry<String, Map<String, String>> entry : converters.entrySet()) {
            String topic = entry.getKey();
            Map<String, String> config = env.connectorConfig(topic);
            config.putAll(entry.getValue());
            config.put("ds.stream.template", "conv/${topic}");
            env.rest.putConnector(topic, config);
            send(topic, "k", topic.equals("conv-json-schema") ? withSchema : order);
        }

        for (String topic : converters.keySet()) {
            env.awaitJsonMessages("conv/" + topic, 1, WAIT);
            assertThat(env.streams.jsonMessages("conv/" + topic)).as("catch-up read of " + topic)
                    .containsExactly(JSON.readTree(order));
            assertThat(env.streams.sseJsonMessages("conv/" + topic)).as("SSE read of " + topic)
                    .containsExactly(JSON.readTree(order));
        }
    }

    @Test
    void textAndBytesPassThroughToTextAndBinaryStreamsOverCatchUpAndSse() throws Exception {
        env.createTopics(1, "pass-text", "pass-bytes");
        Map<String, String> text = env.connectorConfig("pass-text");
        text.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        text.put("ds.stream.template", "pass/${topic}");
        text.put("ds.content.type", "text/plain");
        env.rest.putConnector("pass-text", text);
        Map<String, String> bytes = env.connectorConfig("pass-bytes");
        bytes.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        bytes.put("ds.stream.template", "pass/${topic}");
        bytes.put("ds.content.type", "application/octet-stream");
        env.rest.putConnector("pass-bytes", bytes);
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] lineBreaks = {'\r', '\n', 0, (byte) 0xff, '\n'};

        send("pass-text", "k", "Hel");
        send("pass-text", "k", "lo\r\n");
        send("pass-text", "k", " w\u00f6rld\n");
        sendBytes("pass-bytes", everyByte, lineBreaks);

        String expectedText = "Hello\r\n w\u00f6rld\n";
        byte[] expectedBytes = concat(everyByte, lineBreaks);
        awaitBodyLength("pass/pass-text", utf8(expectedText).length);
        awaitBodyLength("pass/pass-bytes", expectedBytes.length);
        StreamReads.Read textRead = env.streams.read("pass/pass-text");
        assertThat(textRead.contentType()).startsWith("text/plain");
        assertThat(new String(textRead.body(), StandardCharsets.UTF_8)).isEqualTo(expectedText);
        StreamReads.Read bytesRead = env.streams.read("pass/pass-bytes");
        assertThat(bytesRead.contentType()).startsWith("application/octet-stream");
        assertThat(bytesRead.body()).isEqualTo(expectedBytes);

        StreamReads.SseRead textSse = env.streams.sse("pass/pass-text");
        assertThat(textSse.base64()).as("text streams are not base64-encoded over SSE").isFalse();
        assertThat(String.join("", textSse.dataEvents())).as("SSE read of the text stream")
                .isEqualTo(expectedText.replace("\r\n", "\n"));
        StreamReads.SseRead bytesSse = env.streams.sse("pass/pass-bytes");
        assertThat(bytesSse.base64()).as("binary streams are base64-encoded over SSE").isTrue();
        assertThat(bytesSse.bytes()).as("SSE read of the binary stream").isEqualTo(expectedBytes);
    }

    @Test
    void templatesEscapeValuesAndHeadersOverrideTheRoute() throws Exception {
        env.createTopics(1, "routing", "tokens");
        Map<String, String> config = env.connectorConfig("routing,tokens");
        config.put("ds.stream.template", "tenants/${header.tenant}/users/${key}");
        config.put("ds.stream.topic.tokens", "tokens/${key}");
        config.put("ds.content.type.topic.tokens", "text/plain");
        config.put("ds.envelope.enabled", "false");
        env.rest.putConnector("routing", config);

        send("routing", "a/b", "{\"n\":1}", "tenant", "acme");
        send("routing", "..", "{\"n\":2}", "tenant", "acme");
        send("routing", "ignored", "{\"n\":3}", "ds.stream", "rooms/42");
        send("tokens", "chat-1", "Hel");
        send("tokens", "chat-1", "lo");

        env.awaitJsonMessages("tenants/acme/users/a%2Fb", 1, WAIT);
        env.awaitJsonMessages("tenants/acme/users/%2E%2E", 1, WAIT);
        env.awaitJsonMessages("rooms/42", 1, WAIT);
        assertThat(env.streams.jsonMessages("tenants/acme/users/a%2Fb")).containsExactly(JSON.readTree("{\"n\":1}"));
        assertThat(env.streams.jsonMessages("rooms/42")).containsExactly(JSON.readTree("{\"n\":3}"));
        try (HttpStreamTransport transport = new HttpStreamTransport(URI.create(env.gateway.streamBase()), null, null,
                Duration.ofSeconds(10))) {
            assertThat(transport.sourceWatermark("tenants/acme/users/a%2Fb", "routing", 0).get().watermark()).hasValue(0L);
            assertThat(transport.sourceWatermark("rooms/42", "routing", 0).get().watermark()).hasValue(2L);
            assertThat(transport.sourceWatermark("rooms/42", "routing", 1).get().watermark()).isEmpty();
        }
        awaitTrue("both tokens", WAIT, () -> {
            try {
                return env.streams.text("tokens/chat-1").equals("Hello");
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(env.streams.read("tokens/chat-1").contentType()).startsWith("text/plain");
    }

    @Test
    void nestedValueFieldsAndPartitionsRouteWithEveryValueEscapedIntoItsSegment() throws Exception {
        env.createTopics(3, "nested");
        Map<String, String> config = env.connectorConfig("nested");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.stream.template", "customers/${value.customer.id}/p${partition}");
        env.rest.putConnector("nested", config);

        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            producer.send(new ProducerRecord<>("nested", 2, null,
                    utf8("{\"customer\":{\"id\":\"\u00fc 100%\"},\"n\":1}"))).get();
            producer.send(new ProducerRecord<>("nested", 1, null, utf8("{\"customer\":{\"id\":\"a/../b\"},\"n\":2}")))
                    .get();
            producer.send(new ProducerRecord<>("nested", 1, null, utf8("{\"customer\":{\"id\":42},\"n\":3}"))).get();
        }

        env.awaitJsonMessages("customers/%C3%BC%20100%25/p2", 1, WAIT);
        env.awaitJsonMessages("customers/a%2F..%2Fb/p1", 1, WAIT);
        env.awaitJsonMessages("customers/42/p1", 1, WAIT);
        assertThat(env.streams.jsonMessages("customers/%C3%BC%20100%25/p2")).extracting(m -> m.get("n").asInt())
                .containsExactly(1);
        assertThat(env.streams.jsonMessages("customers/a%2F..%2Fb/p1")).extracting(m -> m.get("n").asInt())
                .containsExactly(2);
        assertThat(env.streams.jsonMessages("customers/42/p1")).extracting(m -> m.get("n").asInt())
                .containsExactly(3);
        assertThat(env.streams.read("b/p1").status()).as("a value cannot climb out of its segment").isEqualTo(404);
    }

    @Test
    void ndjsonStreamsAreCreatedWithTheirContentTypeAndGetOneLinePerRecord() throws Exception {
        env.createTopics(1, "lines");
        Map<String, String> config = env.connectorConfig("lines");
        config.put("ds.stream.template", "lines/${topic}");
        config.put("ds.content.type", "application/x-ndjson");
        config.put("ds.envelope.enabled", "true");
        config.put("ds.envelope.headers", "trace");
        env.rest.putConnector("lines", config);

        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            ProducerRecord<byte[], byte[]> first = new ProducerRecord<>("lines", 0, 1_700_000_000_123L, utf8("a"),
                    utf8("{\"n\":1}"));
            first.headers().add("trace", utf8("t-1")).add("unselected", utf8("x"));
            producer.send(first).get();
        }
        send("lines", "b", "plain text");

        awaitTrue("two lines", WAIT, () -> {
            try {
                return env.streams.text("lines/lines").split("\n").length == 2;
            } catch (Exception e) {
                return false;
            }
        });
        StreamReads.Read read = env.streams.read("lines/lines");
        assertThat(read.contentType()).startsWith("application/x-ndjson");
        String[] lines = new String(read.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(JSON.readTree(lines[0])).isEqualTo(JSON.readTree("{\"key\":\"a\",\"value\":{\"n\":1},"
                + "\"headers\":{\"trace\":\"t-1\"},\"topic\":\"lines\",\"partition\":0,\"offset\":0,"
                + "\"timestamp\":\"2023-11-14T22:13:20.123Z\"}"));
        assertThat(JSON.readTree(lines[1]).get("value").asText()).isEqualTo("plain text");
        assertThat(JSON.readTree(lines[1]).get("offset").asLong()).isEqualTo(1L);
        assertThat(JSON.readTree(lines[1]).get("topic").asText()).isEqualTo("lines");
    }

    @Test
    void tombstonesAndTheCloseHeaderCloseStreams() throws Exception {
        env.createTopics(1, "jobs");
        Map<String, String> config = env.connectorConfig("jobs");
        config.put("ds.stream.template", "jobs/${key}");
        config.put("ds.close.on", "both");
        env.rest.putConnector("jobs", config);

        send("jobs", "j1", "{\"progress\":50}");
        send("jobs", "j1", null);
        send("jobs", "j2", "{\"progress\":10}");
        send("jobs", "j2", "{\"progress\":100}", "ds.close", "true");

        awaitTrue("both streams closed", WAIT, () -> {
            try {
                return env.streams.read("jobs/j1").closed() && env.streams.read("jobs/j2").closed();
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(env.streams.jsonMessages("jobs/j1")).containsExactly(JSON.readTree("{\"progress\":50}"));
        assertThat(env.streams.jsonMessages("jobs/j2")).containsExactly(JSON.readTree("{\"progress\":10}"),
                JSON.readTree("{\"progress\":100}"));
    }

    @Test
    void withCloseOnHeaderOnlyTombstonesAreSkippedAndTheHeaderClosesTheStream() throws Exception {
        env.createTopics(1, "header-close");
        Map<String, String> config = env.connectorConfig("header-close");
        config.put("ds.stream.template", "header-close/${key}");
        config.put("ds.close.on", "header");
        config.put("ds.null.value.behavior", "skip");
        env.rest.putConnector("header-close", config);

        send("header-close", "j1", "{\"progress\":50}");
        send("header-close", "j1", null);
        send("header-close", "j1", "{\"progress\":60}");
        send("header-close", "j2", "{\"progress\":10}");
        send("header-close", "j2", null, "ds.close", "true");

        awaitTrue("stream j2 closed by its header", WAIT, () -> {
            try {
                return env.streams.read("header-close/j2").closed();
            } catch (Exception e) {
                return false;
            }
        });
        env.awaitJsonMessages("header-close/j1", 2, WAIT);
        StreamReads.Read j1 = env.streams.read("header-close/j1");
        assertThat(j1.closed()).as("a tombstone does not close when ds.close.on=header").isFalse();
        assertThat(env.streams.jsonMessages("header-close/j1")).containsExactly(JSON.readTree("{\"progress\":50}"),
                JSON.readTree("{\"progress\":60}"));
        assertThat(env.streams.jsonMessages("header-close/j2")).containsExactly(JSON.readTree("{\"progress\":10}"));
    }

    @Test
    void badRecordsReachTheDeadLetterQueueWithTheReasonWhileTheTaskGoesOn() throws Exception {
        env.createTopics(1, "dlq-in", "dlq-out");
        Map<String, String> config = env.connectorConfig("dlq-in");
        config.put("ds.stream.template", "dlq/${header.room}");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "dlq-out");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        config.put(DurableStreamsSinkConfig.CLOSED_STREAM_BEHAVIOR_CONFIG, "dlq");
        env.rest.putConnector("dlq", config);

        send("dlq-in", "k", "{\"n\":1}", "room", "a", "ds.close", "true");
        send("dlq-in", "k", "{\"n\":2}");
        send("dlq-in", "k", "{\"n\":3}", "room", "a");
        send("dlq-in", "k", "{\"n\":4}", "room", "b");

        env.awaitJsonMessages("dlq/b", 1, WAIT);
        assertThat(env.streams.jsonMessages("dlq/a")).containsExactly(JSON.readTree("{\"n\":1}"));
        List<Map<String, String>> deadLetters = deadLetterHeaders("dlq-out", 2);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters.get(0)).containsEntry("__connect.errors.topic", "dlq-in")
                .containsEntry("__connect.errors.partition", "0").containsEntry("__connect.errors.offset", "1")
                .hasEntrySatisfying("__connect.errors.exception.message", m -> assertThat(m).contains("${header.room}"));
        assertThat(deadLetters.get(1)).containsEntry("__connect.errors.topic", "dlq-in")
                .containsEntry("__connect.errors.offset", "2")
                .hasEntrySatisfying("__connect.errors.exception.message", m -> assertThat(m).contains("closed"));
        assertThat(env.rest.allTasksRunning("dlq", 1)).as("the task is still running").isTrue();
    }

    @Test
    void autoCreatedStreamsGetTheConfiguredRetentionAndKeepOnlyTheNewestMessages() throws Exception {
        env.createTopics(1, "retained-in");
        Map<String, String> config = env.connectorConfig("retained-in");
        config.put("ds.stream.template", "retained/${topic}");
        config.put(DurableStreamsSinkConfig.RETENTION_MS_CONFIG, "3600000");
        config.put(DurableStreamsSinkConfig.RETENTION_BYTES_CONFIG, "40");
        env.rest.putConnector("retained", config);

        for (int n = 0; n < 10; n++) {
            send("retained-in", "k", "{\"n\":" + n + "}");
        }

        // Each message is stored as 8 bytes ({"n":0},): 80 bytes in all, the newest 40 kept.
        awaitTrue("retention dropped the five oldest messages", WAIT, () -> {
            try {
                return head("retained/retained-in").headers().firstValue("DSK-Earliest-Offset")
                        .equals(java.util.Optional.of(String.format("%016d_%016d", 0, 40)));
            } catch (Exception e) {
                return false;
            }
        });
        HttpHeaders headers = head("retained/retained-in").headers();
        assertThat(headers.firstValue("DSK-Retention-Max-Age")).hasValue("3600");
        assertThat(headers.firstValue("DSK-Retention-Max-Bytes")).hasValue("40");
        assertThat(env.streams.jsonMessages("retained/retained-in")).extracting(m -> m.get("n").asInt())
                .containsExactly(5, 6, 7, 8, 9);
        try (HttpStreamTransport transport = new HttpStreamTransport(URI.create(env.gateway.streamBase()), null, null,
                Duration.ofSeconds(10))) {
            assertThat(transport.sourceWatermark("retained/retained-in", "retained-in", 0).get().watermark())
                    .as("the source watermark outlives the dropped messages").hasValue(9L);
        }
    }

    @Test
    void autoCreatedStreamsGetTheConfiguredExpiryAndWithoutAutoCreateMissingStreamsAreBadRecords() throws Exception {
        env.createTopics(1, "ttl-in", "expiry-in", "precreated-in", "precreated-dlq");
        Map<String, String> ttl = env.connectorConfig("ttl-in");
        ttl.put("ds.stream.template", "created/${topic}");
        ttl.put("ds.stream.ttl.seconds", "3600");
        env.rest.putConnector("ttl", ttl);
        Map<String, String> expiry = env.connectorConfig("expiry-in");
        expiry.put("ds.stream.template", "created/${topic}");
        expiry.put("ds.content.type", "application/x-ndjson");
        expiry.put("ds.stream.expires.at", "2099-01-01T00:00:00Z");
        env.rest.putConnector("expiry", expiry);
        Map<String, String> precreated = env.connectorConfig("precreated-in");
        precreated.put("ds.stream.template", "precreated/${key}");
        precreated.put("ds.auto.create", "false");
        precreated.put("errors.tolerance", "all");
        precreated.put("errors.deadletterqueue.topic.name", "precreated-dlq");
        precreated.put("errors.deadletterqueue.topic.replication.factor", "1");
        precreated.put("errors.deadletterqueue.context.headers.enable", "true");
        env.rest.putConnector("precreated", precreated);
        assertThat(createStream("precreated/here", "application/json")).as("creating precreated/here").isEqualTo(201);

        send("ttl-in", "k", "{\"n\":1}");
        send("expiry-in", "k", "{\"n\":2}");
        send("precreated-in", "missing", "{\"n\":3}");
        send("precreated-in", "here", "{\"n\":4}");

        env.awaitJsonMessages("created/ttl-in", 1, WAIT);
        env.awaitJsonMessages("precreated/here", 1, WAIT);
        awaitBodyLength("created/expiry-in", 1);
        HttpHeaders ttlHead = head("created/ttl-in").headers();
        assertThat(ttlHead.firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ttlHead.firstValue("Stream-TTL")).hasValue("3600");
        assertThat(ttlHead.firstValue("Stream-Expires-At")).isEmpty();
        HttpHeaders expiryHead = head("created/expiry-in").headers();
        assertThat(expiryHead.firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        assertThat(expiryHead.firstValue("Stream-Expires-At"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("2099-01-01T00:00:00"));
        assertThat(expiryHead.firstValue("Stream-TTL")).isEmpty();
        assertThat(env.streams.jsonMessages("precreated/here")).containsExactly(JSON.readTree("{\"n\":4}"));
        assertThat(head("precreated/missing").statusCode()).as("HEAD of the stream auto-create would have made")
                .isEqualTo(404);
        assertThat(deadLetterReasons("precreated-dlq", 1)).singleElement().asString()
                .contains("does not exist").contains("ds.auto.create");
    }

    @Test
    void aGatewayThatStaysDownFailsTheTaskNamingTheUrlAndTheSettingsWithoutLoggingRecords() throws Exception {
        String secret = "secret-" + System.nanoTime();
        GatewayProcess doomed = new GatewayProcess(Files.createDirectories(env.dir.resolve("doomed-gateway-data")),
                env.dir.resolve("doomed-gateway.log")).start();
        try {
            env.createTopics(1, "down");
            Map<String, String> config = env.connectorConfig("down");
            config.put("ds.url", doomed.streamBase());
            config.put("ds.stream.template", "down/${topic}");
            config.put("ds.request.timeout.ms", "2000");
            config.put("ds.retry.max.attempts", "3");
            config.put("ds.retry.timeout.ms", "5000");
            config.put("ds.retry.backoff.max.ms", "500");
            env.rest.putConnector("down", config);
            awaitTrue("the task of connector down running", WAIT, () -> env.rest.allTasksRunning("down", 1));
            doomed.stop();

            send("down", secret, "{\"card\":\"" + secret + "\"}", "note", secret);

            awaitTrue("the task of connector down failed", WAIT, () -> taskState("down").equals("FAILED"));
        } finally {
            doomed.close();
        }
        JsonNode task = env.rest.status("down").path("tasks").get(0);
        assertThat(task.path("trace").asText()).as("the failed task's trace")
                .contains("Cannot deliver to the Durable Streams server at " + doomed.streamBase())
                .contains("ds.url").contains("ds.retry.timeout.ms").contains("ds.retry.max.attempts")
                .doesNotContain(secret);
        assertThat(env.worker.log()).as("the worker log").contains(doomed.streamBase()).doesNotContain(secret);
    }

    private static String taskState(String connector) {
        try {
            JsonNode status = env.rest.status(connector);
            return status == null ? "" : status.path("tasks").path(0).path("state").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static HttpResponse<Void> head(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.gateway.streamBase() + "/" + StreamPath.fromName(path).toUrlPath()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int createStream(String path, String contentType) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.gateway.streamBase() + "/" + StreamPath.fromName(path).toUrlPath()))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void sendBytes(String topic, byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, utf8("k"), value)).get();
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void awaitBodyLength(String path, int length) throws InterruptedException {
        awaitTrue(length + " bytes in stream " + path, WAIT, () -> {
            try {
                return env.streams.read(path).body().length >= length;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static List<String> deadLetterReasons(String topic, int count) {
        return deadLetterHeaders(topic, count).stream()
                .map(headers -> headers.getOrDefault("__connect.errors.exception.message", "")).toList();
    }

    /** @return the headers of the first {@code count} records of a dead letter queue topic, as text */
    private static List<Map<String, String>> deadLetterHeaders(String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Map<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value() == null ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    records.add(headers);
                }
            }
        }
        return records;
    }
}
